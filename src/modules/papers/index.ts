export {
  addressees,
  paperKinds,
  papers,
  paperSections,
  paperStatuses,
  paperTemplates,
  requestedActions,
} from './db-schema';
export {
  createPaper,
  getPaper,
  saveCover,
  saveSections,
  setPaperStatus,
  type PaperDetail,
} from './service';
export { plainToRichText } from './rich-text';
export { paperRoutes } from './routes';
