export { paperSubmissions } from './db-schema';
export { submissionRoutes } from './routes';
