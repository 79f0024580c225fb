export { calendarFeedTokens } from './db-schema';
export { calendarPages } from './pages';
export { calendarRoutes } from './routes';
export { maskFeedToken } from './service';
