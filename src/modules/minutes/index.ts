export { minutesRoutes } from './routes';
export { minutesPages } from './pages';
export {
  agendaReleaseSnapshot,
  endMeeting,
  releaseAgenda,
  releaseMinutes,
  startMeeting,
} from './lifecycle';
export { saveItemMinutes } from './minutes';
export { listMyFollowUps } from './follow-ups';
export {
  attendanceGroups,
  readAttendanceOfPerson,
  readMinutesAttendance,
  type MinutesAttendance,
} from './reads';
