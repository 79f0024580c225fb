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
  readMembershipsOfPerson,
  readOrganization,
  readMembershipsOn,
  readParticipantsOn,
  readPerson,
  type MemberOnDate,
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
export { membershipRoutes } from './membership-routes';
export { membershipPages } from './membership-pages';
export { personRoutes } from './person-routes';
export {
  defaultClosureReasons,
  getMeetingRules,
  readMeetingRules,
  updateMeetingRules,
  type ClosureReason,
  type MeetingRules,
} from './meeting-rules';
export { meetingRulesRoutes } from './meeting-rules-routes';
export { meetingRulesPages } from './meeting-rules-pages';
