import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import type { ImportedArchive, ImportFormat } from '../archive';
import { readAcadre } from './acadre';
import { detectFormat } from './detect';
import { readEdoc } from './edoc';
import { readFujitsu } from './fujitsu';
import { readPdfArchive } from './pdf-archive';
import { readPublication } from './publication';

const text = da.importReading;

export type ReadExportOptions = {
  /** An export file, or the folder it was unpacked into. */
  path: string;
  format: 'auto' | ImportFormat;
  /** Largest export file read, in bytes; a larger one is refused before it is read. */
  maxBytes: number;
};

const readers: Record<
  Exclude<ImportFormat, 'pdf'>,
  (path: string, options: { maxBytes: number }) => Promise<ImportedArchive>
> = {
  publication: readPublication,
  edoc: readEdoc,
  acadre: readAcadre,
  fujitsu: readFujitsu,
};

/** Reads an export (a file, or a folder holding one) into the format-neutral archive. Writes nothing. */
export async function readExport({
  path,
  format,
  maxBytes,
}: ReadExportOptions): Promise<ImportedArchive> {
  const target = resolve(path);
  const info = await stat(target).catch(() => null);
  if (!info) throw new AppError('IMPORT_INVALID', { message: text.pathMissing(path) });
  const { format: found, files } = info.isDirectory()
    ? await findExportInFolder(target, format)
    : { format: format === 'auto' ? await detectFormat(target) : format, files: [target] };
  if (found === null) throw new AppError('IMPORT_FORMAT_UNKNOWN');
  if (found !== 'pdf') {
    const [file = target] = files;
    return readers[found](file, { maxBytes });
  }
  const [single] = files;
  if (files.length === 1 && single !== undefined) return readPdfArchive(single, { maxBytes });
  return mergeArchives(await Promise.all(files.map((file) => readPdfArchive(file, { maxBytes }))));
}

/** Several PDFs in one folder are one archive: their meetings and warnings together. */
function mergeArchives(archives: ImportedArchive[]): ImportedArchive {
  return {
    format: 'pdf',
    sourceSystem: archives[0]?.sourceSystem ?? 'pdf',
    meetings: archives.flatMap((archive) => archive.meetings),
    warnings: archives.flatMap((archive) => archive.warnings),
  };
}

/**
 * The export inside a folder: exactly one XML export at the top or one folder down (an unpacked
 * zip often adds one), else the folder's PDFs as a PDF archive.
 */
async function findExportInFolder(
  folder: string,
  wanted: 'auto' | ImportFormat,
): Promise<{ format: ImportFormat | null; files: string[] }> {
  const candidates = await detectFiles(folder, 1);
  const matching = candidates.filter((candidate) =>
    wanted === 'auto' ? candidate.format !== null : candidate.format === wanted,
  );
  const xml = matching.filter((candidate) => candidate.format !== 'pdf');
  if (xml.length > 1) {
    throw new AppError('IMPORT_INVALID', {
      message: text.severalExports(xml.map((candidate) => basename(candidate.path))),
    });
  }
  const [only] = xml;
  if (only) return { format: only.format, files: [only.path] };
  const pdfs = matching.filter((candidate) => candidate.format === 'pdf');
  if (pdfs.length > 0) return { format: 'pdf', files: pdfs.map((candidate) => candidate.path) };
  throw new AppError('IMPORT_FORMAT_UNKNOWN', { message: text.noExportInFolder(basename(folder)) });
}

async function detectFiles(
  folder: string,
  depth: number,
): Promise<Array<{ path: string; format: ImportFormat | null }>> {
  const entries = await readdir(folder, { withFileTypes: true });
  const found: Array<{ path: string; format: ImportFormat | null }> = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isFile() && /\.(xml|pdf)$/i.test(entry.name)) {
      found.push({ path, format: await detectFormat(path) });
    }
  }
  if (found.some((candidate) => candidate.format !== null) || depth === 0) return found;
  for (const entry of entries.filter((candidate) => candidate.isDirectory())) {
    found.push(...(await detectFiles(join(folder, entry.name), depth - 1)));
  }
  return found;
}
