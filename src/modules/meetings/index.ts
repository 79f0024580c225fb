export {
  agendaItems,
  agendaItemAttachments,
  agendaItemDisqualifications,
  agendaReleases,
  followUps,
  meetingAttendance,
  meetings,
  meetingTemplates,
  meetingTemplateItems,
  minutesAddenda,
  minutesPhrases,
  minutesSignOffs,
  attendanceStatuses,
  meetingStatuses,
  followUpStatuses,
  standingItemKinds,
} from './db-schema';
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
export {
  mayReadItemContent,
  mayReadMinutes,
  meetingAbilities,
  type MeetingAbilities,
} from './policy';
