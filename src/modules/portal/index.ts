export { portalPages } from './pages';
export { portalPaths } from './views';
export { searchPublic, type SearchHit } from './service';
