export { publicationKinds } from './enums';
export type {
  PublicAttachment,
  PublicItem,
  PublicMeeting,
  PublicationKind,
} from './public-meeting';
export {
  findPublicAttachment,
  getPublicDocuments,
  getPublicMeeting,
  listPublicMeetings,
  previewPublication,
  publishMeeting,
  readAllPublications,
} from './service';
export type { PublicationRow } from './repository';
export { publishingPages } from './pages';
export { publishingRoutes } from './routes';
export { publicationsTopic } from './service';
