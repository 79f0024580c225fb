export {
  agendaItems,
  agendaItemAttachments,
  meetings,
  meetingTemplates,
  meetingTemplateItems,
} from './db-schema';
export {
  addAgendaItem,
  createMeeting,
  createTemplate,
  deleteAgendaItem,
  deleteMeeting,
  getMeetingDetail,
  listMeetings,
  moveAgendaItem,
  updateAgendaItem,
  updateMeeting,
  type MeetingDetail,
} from './service';
export { meetingRoutes } from './routes';
export { meetingPages } from './pages';
export { planAgenda } from './time-plan';
