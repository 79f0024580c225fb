import { da } from '../../../platform/i18n/da';
import { excelAsPdf } from './xlsx';
import { imageAsPdf } from './image';
import { pdfAsIs } from './pdf';
import { fileKindOf, placeholder } from './placeholder';
import type { AttachmentInput, AttachmentPdf, AttachmentPdfOptions } from './types';
import { wordAsPdf } from './docx';

export type { AttachmentInput, AttachmentPdf, AttachmentPdfOptions } from './types';

const m = da.attachmentPdf;

/**
 * A bilag as PDF pages for the meeting package: PDFs as they are, Word through LibreOffice or
 * from its text, Excel as tables, images on pages. Never throws for a bad file: it becomes a
 * placeholder page that names the file and the reason.
 */
export async function attachmentAsPdf(
  input: AttachmentInput,
  options: AttachmentPdfOptions = {},
): Promise<AttachmentPdf> {
  const kind = fileKindOf(input.mediaType);
  try {
    switch (kind) {
      case 'pdf':
        return await pdfAsIs(input);
      case 'png':
      case 'jpg':
        return await imageAsPdf(input, kind);
      case 'docx':
        return await wordAsPdf(input, options);
      case 'xlsx':
        return excelAsPdf(input);
      case null:
        return placeholder(input, m.problems.typeNotSupported);
    }
  } catch {
    // Each reader reports the failures it knows; anything else still must not stop the package.
    return placeholder(input, m.problems.notRendered);
  }
}
