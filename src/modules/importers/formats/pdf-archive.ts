import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkPdfStreams } from '../../../platform/documents/container-limits';
import { runPdftotext } from '../../../platform/documents/pdftotext';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import type { ImportedArchive, ImportedMeeting, ImportWarning } from '../archive';
import { recogniseMeetingText } from './recognise-meeting-text';

const t = da.pdfImport;

const invalid = (message: string) =>
  new AppError('IMPORT_INVALID', { message, details: [{ field: 'file', message }] });

/**
 * Reads a PDF archive: one agenda or minutes PDF, or a folder where every *.pdf is one meeting.
 * Extracts each file's text and recognises the meeting in it; nothing touches the database.
 */
export async function readPdfArchive(
  path: string,
  options: { maxBytes: number },
): Promise<ImportedArchive> {
  const files = await pdfFilesAt(path);
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > options.maxBytes) {
    const message = t.tooLarge(options.maxBytes);
    throw new AppError('PAYLOAD_TOO_LARGE', { message, details: [{ field: 'file', message }] });
  }
  const meetings: ImportedMeeting[] = [];
  const warnings: ImportWarning[] = [];
  for (const file of files) {
    const name = basename(file);
    const text = await pdfText(await readFile(file), name);
    // The folder name goes along: archives often name it after the committee or the date.
    const recognised = recogniseIn(text, `${basename(dirname(file))}/${name}`, name);
    meetings.push(recognised.meeting);
    warnings.push(...recognised.warnings);
  }
  return { format: 'pdf', sourceSystem: 'pdf', meetings, warnings };
}

/** In a folder of many PDFs the administrator must learn which one was not recognised. */
function recogniseIn(text: string, sourceName: string, name: string) {
  try {
    return recogniseMeetingText(text, { sourceName });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, {
      message: t.inFile(name, error.message),
      details: error.details,
      cause: error,
    });
  }
}

async function pdfFilesAt(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw invalid(t.notPdf(basename(path)));
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.pdf$/iu.test(entry.name))
    .map((entry) => join(path, entry.name))
    .sort((a, b) => a.localeCompare(b, 'da'));
  if (files.length === 0) throw invalid(t.noPdfFiles);
  return files;
}

/**
 * The text with a form feed between pages, which the recogniser uses to find running headers.
 * pdftotext -layout keeps an item's number and title on one line and a contents entry's page
 * number at its end, and it reads PDFs with broken page content that pdf.js gives up on;
 * pdf.js (unpdf) is the fallback where poppler is not installed or fails.
 */
async function pdfText(bytes: Buffer, name: string): Promise<string> {
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw invalid(t.notPdf(name));
  // pdf.js inflates the object streams as pdf-lib does, so a bomb is refused before either reads it.
  try {
    checkPdfStreams(bytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
      throw new AppError(error.code, {
        message: error.message,
        details: [{ field: 'file', message: error.message }],
      });
    }
    throw invalid(t.notPdf(name));
  }
  const text =
    (await runPdftotext(['-layout', '-enc', 'UTF-8', '-q', '-', '-'], bytes)) ??
    (await pdfJsText(bytes));
  if (text === undefined) throw invalid(t.notPdf(name));
  if (text.trim() === '') throw invalid(t.noText(name));
  return text;
}

async function pdfJsText(bytes: Buffer): Promise<string | undefined> {
  // pdf.js is loaded when first needed, not at start-up (cold start).
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const document = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(document, { mergePages: false });
    return text.join('\f');
  } catch {
    return undefined;
  }
}
