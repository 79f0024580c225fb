/** A bilag as stored, with the label the package prints for it. */
export type AttachmentInput = {
  /** As stored: application/pdf, …wordprocessingml.document, …spreadsheetml.sheet, image/png, image/jpeg. */
  mediaType: string;
  bytes: Uint8Array;
  /** E.g. "Sammen om Opgaven.docx". */
  fileName: string;
  /** E.g. "Punkt 4, Bilag 1: Sammen om Opgaven" (shown on placeholder pages). */
  label: string;
};

/** A bilag as PDF pages, and how they were made. */
export type AttachmentPdf = {
  pdf: Uint8Array;
  /** How it was made: as-is, converted by LibreOffice, rendered from the Word/Excel text, placed image, or a placeholder. */
  method: 'original' | 'soffice' | 'text' | 'image' | 'placeholder';
  /** Danish reason shown on a placeholder page; null otherwise. */
  problem: string | null;
  /** Known without another parse when the file is passed through as it is. */
  pageCount?: number;
};

/** How attachmentAsPdf may convert Word files. */
export type AttachmentPdfOptions = {
  /** 'auto' converts Word files with LibreOffice when `soffice` is on PATH; 'never' always renders their text. */
  soffice?: 'auto' | 'never';
  /** How long LibreOffice may take before it is killed and the text is rendered instead. */
  timeoutMs?: number;
};
