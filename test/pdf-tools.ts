import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What poppler-utils and qpdf (installed by CI) say about a PDF. A missing tool fails the test
 * with the package to install, rather than skipping it: these checks are the point of the tests.
 */
function runOn(pdf: Uint8Array, command: string, args: (file: string) => string[]): string {
  const directory = mkdtempSync(join(tmpdir(), 'pdf-tools-'));
  const file = join(directory, 'document.pdf');
  try {
    writeFileSync(file, pdf);
    return execFileSync(command, args(file), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const pkg = command === 'qpdf' ? 'qpdf' : 'poppler-utils';
      throw new Error(`${command} is not installed; install ${pkg} (apt-get install ${pkg})`, {
        cause: error,
      });
    }
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} failed: ${stderr ?? ''}${stdout ?? ''}`, { cause: error });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The text of the PDF line by line as laid out (so a label and its value in a grid stay
 * together), with hyphenation undone and whitespace collapsed, for `toContain`.
 */
export function pdfText(pdf: Uint8Array): string {
  return runOn(pdf, 'pdftotext', (file) => ['-layout', '-enc', 'UTF-8', file, '-'])
    .replace(/\u00ad\s*/g, '')
    .replace(/\s+/g, ' ');
}

/** `pdfinfo` as key → value ("Title", "Author", "Tagged", "Page size", …). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of runOn(pdf, 'pdfinfo', (file) => [file]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined) info[match[1]] = match[2] ?? '';
  }
  return info;
}

/** The names of the fonts embedded in the PDF (subset prefix removed). */
export function pdfFonts(pdf: Uint8Array): string[] {
  const rows = runOn(pdf, 'pdffonts', (file) => [file])
    .split('\n')
    .slice(2);
  return rows
    .filter((row) => row.trim() !== '')
    .map((row) => (row.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
}

/** Runs `qpdf --check` and returns its report; throws when qpdf finds errors. */
export function qpdfCheck(pdf: Uint8Array): string {
  return runOn(pdf, 'qpdf', (file) => ['--check', file]);
}

/** The PDF with its streams uncompressed (qpdf QDF), to look at metadata and link targets. */
export function pdfSource(pdf: Uint8Array): string {
  return runOn(pdf, 'qpdf', (file) => ['--qdf', '--object-streams=disable', file, '-']);
}

/** The text of one page (1-based), laid out, hyphenation undone and whitespace collapsed. */
export function pdfPageText(pdf: Uint8Array, page: number): string {
  const range = ['-f', String(page), '-l', String(page)];
  return runOn(pdf, 'pdftotext', (file) => ['-layout', '-enc', 'UTF-8', ...range, file, '-'])
    .replace(/\u00ad\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word on a page and its box in points, from the top left of the crop box as it is shown. */
export type PdfWord = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** The words of one page (1-based) with their boxes (`pdftotext -bbox`). */
export function pdfPageWords(pdf: Uint8Array, page: number): PdfWord[] {
  const range = ['-f', String(page), '-l', String(page)];
  const html = runOn(pdf, 'pdftotext', (file) => [
    '-bbox',
    '-cropbox',
    '-enc',
    'UTF-8',
    ...range,
    file,
    '-',
  ]);
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map(([, xMin, yMin, xMax, yMax, text]) => ({
    text: (text ?? '').replace(/&(\w+);/g, (entity, name: string) => entities[name] ?? entity),
    xMin: Number(xMin),
    yMin: Number(yMin),
    xMax: Number(xMax),
    yMax: Number(yMax),
  }));
}

/** An outline (bookmark) entry as qpdf reads it: its title, 1-based target page and children. */
export type PdfOutlineEntry = { title: string; page: number | null; kids: PdfOutlineEntry[] };

type QpdfOutline = { title: string; destpageposfrom1: number | null; kids: QpdfOutline[] };

/** The document outline (`qpdf --json=2 --json-key=outlines`). */
export function pdfOutline(pdf: Uint8Array): PdfOutlineEntry[] {
  const json = runOn(pdf, 'qpdf', (file) => ['--json=2', '--json-key=outlines', file]);
  const toEntry = (entry: QpdfOutline): PdfOutlineEntry => ({
    title: entry.title,
    page: entry.destpageposfrom1,
    kids: entry.kids.map(toEntry),
  });
  return (JSON.parse(json) as { outlines: QpdfOutline[] }).outlines.map(toEntry);
}
