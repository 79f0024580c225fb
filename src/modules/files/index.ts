export { allowedFileKinds, type FileKind } from './inspect-file';
export { sendStoredFile } from './send-stored-file';
export {
  cleanFileName,
  inTransactionWithFiles,
  openStoredFile,
  readExtractedTexts,
  readStoredFileFacts,
  storeGeneratedFile,
  type FileLimits,
  type StoreFile,
  type StoredUpload,
  type Upload,
} from './service';
