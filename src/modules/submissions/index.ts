export { paperSubmissions } from './db-schema';
export { submissionPages } from './pages';
export { submissionRoutes } from './routes';
