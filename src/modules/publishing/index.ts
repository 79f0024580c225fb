export {
  cprClearances,
  meetingPublications,
  publicationKinds,
  publishingSettings,
} from './db-schema';
export type {
  PublicAttachment,
  PublicItem,
  PublicMeeting,
  PublicationKind,
} from './public-meeting';
export {
  findPublicAttachment,
  getPublicMeeting,
  listPublicMeetings,
  publishMeeting,
  readAllPublications,
} from './service';
export type { PublicationRow } from './repository';
export { publishingPages } from './pages';
export { publishingRoutes } from './routes';
export { publicationsTopic } from './service';
