export {
  bodies,
  locations,
  memberships,
  organizations,
  persons,
  organizationClassifications,
} from './db-schema';
export type { BodyRow, LocationRow, OrganizationRow, PersonRow } from './repository';
export {
  countOrganizations,
  selectBodyByName,
  selectLocation,
  selectLocations,
  selectOrganization,
  selectPerson,
  selectMembershipsOfOrganization,
} from './repository';
export {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
  findOrCreateLocation,
  getOrganization,
  listOrganizations,
  listPersons,
} from './service';
export { organizationRoutes } from './routes';
