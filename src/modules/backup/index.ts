export { backupToFile, restoreFromFile, type BackupSummary } from './service';
