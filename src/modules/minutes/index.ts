export { minutesRoutes } from './routes';
export { minutesPages } from './pages';
export { endMeeting, releaseAgenda, releaseMinutes, startMeeting } from './lifecycle';
export { saveItemMinutes } from './minutes';
