export {
  actorForToken,
  actorForUser,
  createApiToken,
  createSessionStore,
  createUser,
  ensureInitialAdministrator,
  initialAdministratorEmail,
  purgeExpiredSessions,
  roleFromString,
} from './service';
export { accountPages } from './pages';
export { accountRoutes } from './routes';
