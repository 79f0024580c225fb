export { minutesRoutes } from './routes';
export { minutesPages } from './pages';
