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
  listPublicMeetingKeys,
  listPublicMeetings,
  listPublishedMeetings,
  previewPublication,
  publishMeeting,
  readAllPublications,
} from './service';
export type { PublicationRow, PublicMeetingKey } from './repository';
export type { PublishedMeeting } from './service';
export { publishingPages } from './pages';
export { publishingRoutes } from './routes';
export { publicationsTopic } from './service';
