export { storedFiles } from './db-schema';
export { allowedFileKinds, type FileKind } from './inspect-file';
export {
  cleanFileName,
  inTransactionWithFiles,
  openStoredFile,
  storeGeneratedFile,
  type FileLimits,
  type StoreFile,
  type StoredUpload,
  type Upload,
} from './service';
