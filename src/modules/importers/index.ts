export { importSourceKeys } from './db-schema';
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
export { runImport, type ImportRun } from './service';
