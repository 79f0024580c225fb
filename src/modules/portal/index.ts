export { portalPages } from './pages';
export { portalPaths } from './views';
export { sendPortalHome } from './pages';
