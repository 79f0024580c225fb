export { organizationClassifications } from './enums';
export type { BodyRow, LocationRow, OrganizationRow, PersonRow } from './repository';
export {
  countOrganizations,
  readBodyByName,
  readOrganizationData,
  readOrganizationNames,
  readLocations,
  readMembershipsOfOrganization,
  readMembershipsOfPerson,
  readOrganization,
  readPerson,
  readPersons,
  type OrganizationData,
} from './reads';
export {
  addMembership,
  createBody,
  createOrganization,
  findOrCreateLocation,
  getOrganization,
  listOrganizations,
  listPersons,
} from './service';
export {
  createPerson,
  getPerson,
  personFields,
  personSearchLimit,
  requirePersonManagement,
  searchPersons,
  updatePerson,
  type PersonChanges,
  type PersonInput,
} from './persons';
export { organizationRoutes } from './routes';
export { personRoutes } from './person-routes';
