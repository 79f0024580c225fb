export { submissionPages } from './pages';
export { submissionRoutes } from './routes';
export { meetingQueue } from './service';
