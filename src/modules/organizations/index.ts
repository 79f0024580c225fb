export { membershipRoles, organizationClassifications } from './enums';
export {
  membershipRoleFromText,
  membershipRoleOrder,
  type MembershipRole,
} from './membership-roles';
export { isParticipantRole } from './policy';
export type {
  BodyRow,
  LocationRow,
  MembershipWithPerson,
  OrganizationRow,
  PersonRow,
} from './repository';
export {
  countOrganizations,
  readBodyByName,
  readOrganizationData,
  readOrganizationNames,
  readLocations,
  readMembershipsOfOrganization,
  readMembersOn,
  readOrganization,
  readParticipantsOn,
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
export { membershipRoutes } from './membership-routes';
export { membershipPages } from './membership-pages';
