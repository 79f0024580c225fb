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
  deleteAgendaItem,
  deleteMeeting,
  getMeetingDetail,
  listMeetings,
  moveAgendaItem,
  updateAgendaItem,
  updateMeeting,
  type MeetingDetail,
} from './service';
export { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates';
export { meetingRoutes } from './routes';
export { meetingPages } from './pages';
export { templatePages } from './template-pages';
export { planAgenda } from './time-plan';
