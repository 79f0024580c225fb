export { portalPages } from './pages';
export { portalPaths } from './views';
