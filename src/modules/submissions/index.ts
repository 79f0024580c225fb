export { submissionPages } from './pages';
export { submissionRoutes } from './routes';
