export { calendarFeedTokens } from './db-schema';
export { calendarPages } from './pages';
export { calendarRoutes } from './routes';
