export { calendarPages } from './pages';
export { calendarRoutes } from './routes';
export { maskFeedToken } from './service';
