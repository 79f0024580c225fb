export {
  createUser,
  ensureInitialAdministrator,
  initialAdministratorEmail,
  roleFromString,
} from './users';
export { createApiToken } from './api-tokens';
export {
  actorForToken,
  actorForUser,
  createSessionStore,
  purgeExpiredSessions,
} from './actors-and-sessions';
export { accountPages } from './pages';
export { accountRoutes } from './routes';
