export { auditLogPages } from './pages';
