export { portalPages } from './pages';
export { portalPaths } from './views';
export { publicationPreviewPages } from './publication-preview-pages';
export { sendPortalHome } from './pages';
