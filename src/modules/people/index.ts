export { personPages } from './pages';
export { getPersonOverview, type PersonOverview } from './person-overview';
