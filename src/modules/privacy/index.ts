// Personal data: retention settings and runs (slettefrister), and the export of everything held
// about one person (indsigt).
export {
  exportPersonalData,
  runRetention,
  type RetentionCounts,
  type RetentionRun,
} from './service';
export { startRetentionTimer, type RetentionTimer } from './retention-timer';
export { privacyPages } from './pages';
export { privacyRoutes } from './routes';
