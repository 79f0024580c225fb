export { homePages } from './pages';
