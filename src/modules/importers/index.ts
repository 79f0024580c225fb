export {
  importFormats,
  type ImportedArchive,
  type ImportedAttachment,
  type ImportedItem,
  type ImportedMeeting,
  type ImportFormat,
  type ImportWarning,
} from './archive';
export { importArchive, type ImportSummary } from './import-archive';
export {
  importFromPath,
  importUpload,
  runImport,
  type ImportDeps,
  type ImportOptions,
  type ImportRun,
} from './service';
export { importFormatChoices } from './schemas';
export { importRoutes } from './routes';
export { importPages } from './pages';
