export {
  agendaItems,
  agendaItemAttachments,
  agendaItemDisqualifications,
  agendaReleases,
  followUps,
  meetings,
  meetingTemplates,
  meetingTemplateItems,
} from './db-schema';
export { followUpStatuses, meetingStatuses, standingItemKinds } from './enums';
export type {
  AgendaItemRow,
  MeetingRow,
  AttachmentSummary,
  FollowUpListed,
  FollowUpRow,
  ReleasedItem,
} from './repository';
export {
  followUpListQuery,
  selectDisqualifiedPersonIds,
  selectFollowUpsForMeeting,
  selectItem,
  selectItems,
  selectMeeting,
  selectPreviousMeeting,
  toFollowUpListed,
} from './repository';
export {
  addAgendaItem,
  createMeeting,
  deleteAgendaItem,
  deleteMeeting,
  getMeetingDetail,
  listMeetings,
  mayReadMinutes,
  moveAgendaItem,
  updateAgendaItem,
  updateMeeting,
  type AgendaItemView,
  type MeetingDetail,
} from './service';
export { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates';
export { meetingRoutes } from './routes';
export { presentItem } from './present';
export { meetingPages } from './pages';
export { templatePages } from './template-pages';
export { planAgenda, type PlannedItem, type Slot } from './time-plan';
export {
  followUpState,
  followUpViews,
  type FollowUpState,
  type FollowUpView,
} from './follow-up-views';
export { mayReadItemContent } from './item-access';
