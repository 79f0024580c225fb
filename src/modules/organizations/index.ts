export { organizationClassifications } from './enums';
export type { BodyRow, LocationRow, OrganizationRow, PersonRow } from './repository';
export {
  countOrganizations,
  readBodyByName,
  readOrganizationData,
  readOrganizationNames,
  readLocations,
  readMembershipsOfOrganization,
  readOrganization,
  readPerson,
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
