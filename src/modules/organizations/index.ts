export { organizationClassifications } from './enums';
export type { BodyRow, LocationRow, OrganizationRow, PersonRow } from './repository';
export {
  countOrganizations,
  readBodyByName,
  readOrganizationData,
  readOrganizationNames,
  readLocations,
  readMembershipsOfOrganization,
  readMembersOn,
  readOrganization,
  readPerson,
  type MemberOnDate,
  type OrganizationData,
} from './reads';
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
