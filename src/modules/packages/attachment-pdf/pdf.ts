import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { checkPdfStreams } from '../../../platform/documents/container-limits';
import { da } from '../../../platform/i18n/da';
import { placeholder, readContainer } from './placeholder';
import type { AttachmentInput, AttachmentPdf } from './types';

const m = da.attachmentPdf;

/** A PDF passed through as it is, once pdf-lib has shown it can copy its pages. */
export async function pdfAsIs(input: AttachmentInput): Promise<AttachmentPdf> {
  const checked = readContainer(input, m.problems.pdfDamaged, () => checkPdfStreams(input.bytes));
  if ('refused' in checked) return checked.refused;
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(input.bytes, {
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
    });
  } catch (error) {
    // pdf-lib's error classes are compiled to ES5, so instanceof fails on them: match the message.
    const isEncrypted = error instanceof Error && /is encrypted/.test(error.message);
    return placeholder(input, isEncrypted ? m.problems.pdfEncrypted : m.problems.pdfDamaged);
  }
  if (document.getPageCount() === 0) return placeholder(input, m.problems.pdfNoPages);
  try {
    // The package merges by copying pages; a page tree pdf-lib loads but cannot copy fails here, not there.
    await PDFDocument.create().then((copy) => copy.copyPages(document, document.getPageIndices()));
  } catch {
    return placeholder(input, m.problems.pdfDamaged);
  }
  return {
    pdf: input.bytes,
    method: 'original',
    problem: null,
    pageCount: document.getPageCount(),
  };
}
