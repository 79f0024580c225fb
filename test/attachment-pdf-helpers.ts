/** What the attachment-pdf tests share: inputs, page reading and the placeholder checks. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { expect } from 'vitest';
import { da } from '../src/platform/i18n/da';
import type { AttachmentInput, AttachmentPdf } from '../src/modules/packages/attachment-pdf/index';
import { pdfInfo, pdfText } from './pdf-tools';

export const messages = da.attachmentPdf;

export const mediaTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export const label = 'Punkt 4, Bilag 1: Sammen om Opgaven';

export const attachment = (
  mediaType: string,
  bytes: Uint8Array,
  fileName = 'Sammen om Opgaven',
): AttachmentInput => ({ mediaType, bytes, fileName, label });

export async function pageSizes(
  pdf: Uint8Array,
): Promise<Array<{ width: number; height: number }>> {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map((page) => page.getSize());
}

/** Runs a poppler tool on the PDF (poppler-utils is installed wherever test/pdf-tools runs). */
export function poppler(
  pdf: Uint8Array,
  command: string,
  args: (file: string) => string[],
): string {
  const directory = mkdtempSync(join(tmpdir(), 'attachment-pdf-test-'));
  try {
    writeFileSync(join(directory, 'document.pdf'), pdf);
    return execFileSync(command, args(join(directory, 'document.pdf')), {
      encoding: 'utf8',
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function expectPlaceholder(result: AttachmentPdf, problem: string, fileName: string) {
  expect(result.method).toBe('placeholder');
  expect(result.problem).toBe(problem);
  const text = pdfText(result.pdf);
  expect(text).toContain(label);
  expect(text).toContain(problem);
  expect(text).toContain(fileName);
  expect(text).toContain(messages.placeholderIntro);
  expect(text).toContain(messages.originalAvailable);
  expect(pdfInfo(result.pdf).Pages).toBe('1');
}

export const megabyte = 1000 * 1000;

/** A placeholder whose reason is a container limit's message (long, so wrapped on the page). */
export function expectLimitPlaceholder(result: AttachmentPdf, problem: RegExp, fileName: string) {
  expect(result.method).toBe('placeholder');
  expect(result.problem).toMatch(problem);
  const text = pdfText(result.pdf).replace(/\s+/g, ' ');
  expect(text).toContain(result.problem);
  expect(text).toContain(fileName);
}
