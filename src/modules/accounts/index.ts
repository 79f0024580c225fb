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
export {
  createManagedUser,
  getManagedUser,
  invitationLifetimeHours,
  maskInvitationToken,
  updateManagedUser,
} from './user-admin';
export { readUserNames, readUsersOfPerson } from './reads';
export { userAdminPages } from './user-admin-pages';
export { userAdminRoutes } from './user-admin-routes';
