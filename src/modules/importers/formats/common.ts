import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import { plainToRichText, sanitizeRichText } from '../../papers';
import type { ImportedAttachment, ImportedItem, ImportWarning } from '../archive';
import { parseDanishDate } from './danish-dates';

const text = da.importReading;

/** A required date field, or IMPORT_INVALID quoting the value that could not be read. */
export function requiredDate(value: string | null, field: string, fileName: string): Date {
  if (value === null)
    throw new AppError('IMPORT_INVALID', { message: text.missingField(fileName, field) });
  const date = parseDanishDate(value);
  if (!date)
    throw new AppError('IMPORT_INVALID', { message: text.badDate(fileName, field, value) });
  return date;
}

/** An optional date: null when absent or unreadable (an end time is not worth failing an import). */
export function optionalDate(value: string | null): Date | null {
  return value === null ? null : parseDanishDate(value);
}

/** "C:\\a\\b.pdf" or "a/b.pdf" → ["a", "b.pdf"] without drive letters, empty or "." segments. */
export function pathSegments(path: string): string[] {
  return path
    .split(/[\\/]+/)
    .filter(
      (segment, index) =>
        segment !== '' && segment !== '.' && !(index === 0 && /^[A-Za-z]:$/.test(segment)),
    );
}

/** The last segment of a Windows or POSIX path, NFC-normalised. */
export function fileNameOf(path: string): string {
  return (pathSegments(path).at(-1) ?? path).normalize('NFC');
}

/**
 * Finds a file the export names, relative to the export's folder, the way the Windows system that
 * wrote it would: backslashes or slashes, names compared after NFC normalisation (macOS and some
 * zip tools store NFD), then without regard to case. Parent-directory segments and symbolic links
 * are never followed, so an export cannot point outside its own folder.
 */
export async function findExportFile(
  baseDir: string,
  relativePath: string,
): Promise<string | null> {
  const segments = pathSegments(relativePath);
  if (segments.length === 0 || segments.includes('..')) return null;
  let current = baseDir;
  for (const segment of segments) {
    const entries = await readdir(current).catch(() => null);
    if (!entries) return null;
    const wanted = segment.normalize('NFC');
    const match =
      entries.find((entry) => entry.normalize('NFC') === wanted) ??
      entries.find((entry) => entry.normalize('NFC').toLowerCase() === wanted.toLowerCase());
    if (match === undefined) return null;
    current = join(current, match);
    // A symbolic link, even to a folder on the way, could lead out of the export.
    const info = await lstat(current);
    if (info.isSymbolicLink()) return null;
  }
  const info = await lstat(current);
  return info.isFile() ? current : null;
}

/** An attachment resolved against the export's folder; a missing file is a warning, not a failure. */
export async function resolveAttachment(
  input: {
    baseDir: string;
    sourceKey: string;
    title: string;
    isPublic: boolean;
    relativePath: string | null;
    fileName: string;
    itemNumber: string;
  },
  warnings: ImportWarning[],
): Promise<ImportedAttachment> {
  const filePath =
    input.relativePath === null ? null : await findExportFile(input.baseDir, input.relativePath);
  if (filePath === null) {
    warnings.push({
      code: 'ATTACHMENT_MISSING',
      message: text.attachmentMissing(input.title, input.relativePath ?? input.fileName),
      where: text.itemWhere(input.itemNumber),
    });
  }
  return {
    sourceKey: input.sourceKey,
    title: input.title,
    isPublic: input.isPublic,
    fileName: input.fileName.normalize('NFC'),
    filePath,
  };
}

/**
 * Source HTML (often Word-pasted, inside CDATA) through the papers' allow-list. Bare text with
 * line breaks, as Fujitsu writes it, is put in a paragraph so every section is block content.
 */
export function richText(html: string | null): string {
  const clean = html === null ? '' : sanitizeRichText(html);
  if (clean === '' || /^<(p|ul|ol|table)[\s>]/.test(clean)) return clean;
  return sanitizeRichText(`<p>${clean}</p>`);
}

/** Plain text (paragraphs by blank lines) as section HTML. */
export function plainText(value: string | null): string {
  return value === null ? '' : plainToRichText(value);
}

/**
 * A heading that introduces a decision: "Beslutning", "FORRETNINGSUDVALGETS BESLUTNING",
 * "Beslutning i Udvalget for … den 24-04-2013", "Sundheds- og Forebyggelsesudvalgets beslutning den
 * 04.12.2012 Punkt 4". "Beslutningen træffes af" names who decides and is not one.
 */
export function isDecisionHeading(heading: string): boolean {
  return /(^|\s)beslutning(\s|$)/iu.test(heading.trim());
}

/** "Doris Børger (A)" → name "Doris Børger", party "A"; double spaces from the source collapsed. */
export function splitPartySuffix(value: string): { name: string; party: string | null } {
  const name = value.replace(/\s+/g, ' ').trim();
  const match = /^(.*\S)\s*\(([^()]{1,30})\)$/u.exec(name);
  return match ? { name: match[1] ?? name, party: match[2] ?? null } : { name, party: null };
}

/** Orders "2" before "10" and "1.1" after "1" and before "2"; non-numeric parts by Danish collation. */
export function compareItemNumbers(a: string, b: string): number {
  const left = a.split(/[.\s]+/);
  const right = b.split(/[.\s]+/);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const difference =
      /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y, 'da');
    if (difference !== 0) return difference;
  }
  return 0;
}

export function sortItems(items: ImportedItem[]): ImportedItem[] {
  return [...items].sort((a, b) => compareItemNumbers(a.number, b.number));
}

/** The neutral title for a closed item: the source's, else the generic one. */
export function neutralTitleFor(
  isPublic: boolean,
  sourceNeutralTitle: string | null,
): string | null {
  if (isPublic) return sourceNeutralTitle;
  return sourceNeutralTitle ?? text.closedItemTitle;
}
