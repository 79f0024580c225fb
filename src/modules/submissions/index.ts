export { submissionPages } from './pages';
export { submissionRoutes } from './routes';
export { approvalRoutes } from './approval-routes';
export { approvalPages } from './approval-pages';
export { pendingSubmissionsOf } from './service';
