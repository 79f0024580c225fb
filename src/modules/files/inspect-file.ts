import { decodeXML } from 'entities';
import { checkPdfStreams, openZip } from '../../platform/documents/container-limits';
import { hasPdftotext, runPdftotext } from '../../platform/documents/pdftotext';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';

/** The kinds of file a bilag may be, each with its media type and the file name endings it may carry. */
export const allowedFileKinds = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
} as const;

export type FileKind = keyof typeof allowedFileKinds;

export type InspectedFile = {
  kind: FileKind;
  mediaType: string;
  /** Text for search; empty for images. */
  text: string;
  /** Pages of a PDF; null for other kinds. */
  pageCount: number | null;
};

const t = da.files;

const refuse = (message: string, code: 'FILE_TYPE_NOT_ALLOWED' | 'FILE_UNREADABLE') =>
  new AppError(code, { message, details: [{ field: 'file', message }] });

/**
 * Runs a container check (platform/documents/container-limits): a file over a limit keeps its
 * own message (413), a damaged one is reported as this kind of file being damaged (422).
 */
function withinLimits<T>(kind: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code !== 'PAYLOAD_TOO_LARGE') throw refuse(t.corrupt(kind), 'FILE_UNREADABLE');
    throw new AppError(error.code, {
      message: error.message,
      details: [{ field: 'file', message: error.message }],
    });
  }
}

function extensionOf(fileName: string): string {
  const match = /\.([^.]+)$/.exec(fileName.trim());
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * Decides what a file is from its bytes (magic numbers), never from its name, then proves it
 * can be read: a PDF opens and is not encrypted, an Office file unzips and yields its text,
 * an image decodes. Returns its kind and extracted text, or throws a Danish, specific error.
 */
export async function inspectFile(
  bytes: Uint8Array,
  fileName: string,
  limits: { maxBytes: number },
): Promise<InspectedFile> {
  if (bytes.byteLength === 0) throw refuse(t.empty, 'FILE_UNREADABLE');
  if (bytes.byteLength > limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: t.tooLarge(limits.maxBytes),
      details: [{ field: 'file', message: t.tooLarge(limits.maxBytes) }],
    });
  }
  // This and the readers below are loaded with the first upload, not at start-up (cold start).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.ext === 'cfb') throw refuse(t.encryptedOrLegacyOffice, 'FILE_UNREADABLE');
  const kind = detected && detected.ext in allowedFileKinds ? (detected.ext as FileKind) : null;
  if (!kind) throw refuse(t.typeNotAllowed, 'FILE_TYPE_NOT_ALLOWED');
  const { mediaType, extensions } = allowedFileKinds[kind];
  if (!(extensions as readonly string[]).includes(extensionOf(fileName))) {
    throw refuse(t.mislabelled(fileName, extensions[0]), 'FILE_TYPE_NOT_ALLOWED');
  }
  switch (kind) {
    case 'pdf':
      return { kind, mediaType, ...(await inspectPdf(bytes)) };
    case 'docx':
      return { kind, mediaType, text: await docxText(bytes), pageCount: null };
    case 'xlsx':
      return { kind, mediaType, text: xlsxText(bytes), pageCount: null };
    case 'png':
    case 'jpg':
      await assertImageDecodes(bytes, kind);
      return { kind, mediaType, text: '', pageCount: null };
  }
}

async function inspectPdf(bytes: Uint8Array): Promise<{ text: string; pageCount: number }> {
  withinLimits('PDF', () => checkPdfStreams(bytes));
  let pageCount: number;
  try {
    const { PDFDocument } = await import('pdf-lib');
    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    pageCount = document.getPageCount();
  } catch (error) {
    // pdf-lib's error classes are compiled to ES5, so instanceof fails on them: match the message.
    if (error instanceof Error && /is encrypted/.test(error.message))
      throw refuse(t.encryptedPdf, 'FILE_UNREADABLE');
    throw refuse(t.corrupt('PDF'), 'FILE_UNREADABLE');
  }
  if (pageCount === 0) throw refuse(t.corrupt('PDF'), 'FILE_UNREADABLE');
  const text = await pdfText(bytes);
  if (text === undefined) throw refuse(t.corrupt('PDF'), 'FILE_UNREADABLE');
  return { text, pageCount };
}

/** pdftotext (poppler) is 5–8× faster than pdf.js; pdf.js (unpdf) is the fallback. */
async function pdfText(bytes: Uint8Array): Promise<string | undefined> {
  if (await hasPdftotext()) {
    const text = await runPdftotext(['-enc', 'UTF-8', '-q', '-', '-'], bytes);
    return text === undefined ? undefined : normalizeText(text);
  }
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const document = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(document, { mergePages: true });
    return normalizeText(text);
  } catch {
    return undefined;
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  // Mammoth reads only a zip rewritten from parts proven to unpack within the limits.
  const checked = withinLimits('Word', () => openZip(bytes).asZip());
  const { default: mammoth } = await import('mammoth');
  try {
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength),
    });
    return normalizeText(value);
  } catch {
    throw refuse(t.corrupt('Word'), 'FILE_UNREADABLE');
  }
}

/** The spreadsheet's cell text: shared strings plus inline strings, in sheet order. */
function xlsxText(bytes: Uint8Array): string {
  const zip = withinLimits('Excel', () => openZip(bytes));
  if (!zip.has('xl/workbook.xml')) throw refuse(t.corrupt('Excel'), 'FILE_UNREADABLE');
  const decoder = new TextDecoder();
  const read = (name: string) => withinLimits('Excel', () => zip.read(name));
  const textRuns = (xml: string) =>
    [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((match) => decodeXML(match[1]!));
  const shared = read('xl/sharedStrings.xml');
  const runs = shared ? textRuns(decoder.decode(shared)) : [];
  const sheets = zip.parts
    .map((part) => part.name)
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort((a, b) => a.localeCompare(b));
  for (const name of new Set(sheets)) runs.push(...textRuns(decoder.decode(read(name))));
  return normalizeText(runs.join('\n'));
}

async function assertImageDecodes(bytes: Uint8Array, kind: 'png' | 'jpg'): Promise<void> {
  // The package issue places images on PDF pages with pdf-lib: if pdf-lib can embed it, it is usable.
  const { PDFDocument } = await import('pdf-lib');
  const document = await PDFDocument.create();
  // A copy: pdf-lib reads images through `bytes.buffer` and would miss a Buffer's offset in its pool.
  const copy = Uint8Array.from(bytes);
  try {
    await (kind === 'png' ? document.embedPng(copy) : document.embedJpg(copy));
  } catch {
    throw refuse(t.corrupt(kind === 'png' ? 'PNG' : 'JPEG'), 'FILE_UNREADABLE');
  }
}

function normalizeText(text: string): string {
  return text
    .replaceAll('\f', '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
