export { followUpStatuses, meetingStatuses, standingItemKinds } from './enums';
export type {
  AgendaItemRow,
  MeetingRow,
  AttachmentSummary,
  FollowUpListed,
  FollowUpRow,
  ReleasedItem,
  ReleaseRow,
} from './repository';
export {
  readAgendaItemIds,
  readAgendaItemRow,
  readAgendaItemRows,
  readAgendaReleases,
  readAgendaReleaseTimes,
  readDisqualifiedPersonIds,
  readFollowUpsByIds,
  readFollowUpsOfItems,
  readFollowUpsOfOwner,
  readItemHistory,
  readItemMeeting,
  readMeetingRow,
  readMeetingRows,
  readMeetingsOfOrganizations,
  readPreviousMeeting,
} from './reads';
export {
  copyOwnAttachments,
  endRunningItems,
  insertAgendaRelease,
  insertFollowUp,
  lockMeetingRow,
  setCarriedFrom,
  updateFollowUp,
  updateItemPostponed,
  updateItemTimes,
  updateMeetingLifecycle,
  updateMinutesAtRevision,
} from './writes';
export {
  getMeetingDetail,
  listMeetings,
  type AgendaItemView,
  type MeetingDetail,
} from './meeting-detail';
export { createMeeting, deleteMeeting, updateMeeting } from './meeting-edits';
export { addAgendaItem, deleteAgendaItem, moveAgendaItem, updateAgendaItem } from './agenda-items';
export { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates';
export { meetingRoutes } from './routes';
export { presentItem } from './present';
export { meetingPages, type MeetingPagesOptions } from './pages';
export { templatePages } from './template-pages';
export { planAgenda, type PlannedItem, type Slot } from './time-plan';
export {
  followUpState,
  followUpViews,
  type FollowUpState,
  type FollowUpView,
} from './follow-up-views';
export { assertMeetingOpen } from './meeting-checks';
export {
  isMeetingLocked,
  mayReadItemContent,
  mayReadMinutes,
  meetingAbilities,
  type MeetingAbilities,
} from './policy';
export {
  meetingDeadlines,
  releaseDueAt,
  type DeadlineRules,
  type MeetingDeadlines,
} from './deadlines';
export { closureReasonSentence } from './closure-reason';
