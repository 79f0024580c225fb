export { addressees, paperKinds, paperStatuses, requestedActions } from './enums';
export {
  createPaper,
  getPaper,
  saveCover,
  saveSections,
  setPaperStatus,
  type PaperDetail,
} from './service';
export { plainToRichText, richTextToPlain, sanitizeRichText } from './rich-text';
export { paperPages } from './pages';
export { paperRoutes } from './routes';
export { paperAttachmentRoutes } from './attachment-routes';
export { paperDocumentRoutes } from './document-routes';
export { attachmentFileUrl, attachmentPagePath } from './present';
export { getPaperRules, rulesFor as paperRulesFor, savePaperRules } from './paper-rules';
export type { PaperRules } from './rules';
export { addAttachments } from './attachments';
export { paperToPdf, type PaperDocument } from './export-document';
export { loadPaperDocument, loadPaperDocuments } from './paper-document';
export { readPaperHeadings, type PaperHeading } from './reads';
