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
