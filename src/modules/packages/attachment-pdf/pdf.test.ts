import { describe, expect, it } from 'vitest';
import {
  attachment,
  expectLimitPlaceholder,
  expectPlaceholder,
  mediaTypes,
  megabyte,
  messages,
} from '../../../../test/attachment-pdf-helpers';
import { pdfBomb } from '../../../../test/bomb-factories';
import { encryptPdf, makePdf } from '../../../../test/file-factories';
import { pdfText } from '../../../../test/pdf-tools';
import { attachmentAsPdf } from './index';

describe('attachmentAsPdf: PDF', () => {
  it('passes a readable PDF through byte for byte', async () => {
    const pdf = await makePdf(['Første side', 'Anden side']);
    const result = await attachmentAsPdf(attachment(mediaTypes.pdf, pdf, 'Rapport.pdf'));
    expect(result).toEqual({ pdf, method: 'original', problem: null, pageCount: 2 });
    expect(Buffer.compare(result.pdf, pdf)).toBe(0);
  });

  it('replaces an encrypted PDF with a page that says so', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.pdf, encryptPdf(await makePdf()), 'Låst rapport.pdf'),
    );
    expectPlaceholder(result, messages.problems.pdfEncrypted, 'Låst rapport.pdf');
    expect(pdfText(result.pdf)).toContain(messages.kinds.pdf);
  });

  it('replaces a truncated PDF with a page that says so', async () => {
    const pdf = await makePdf(['Første side', 'Anden side']);
    const result = await attachmentAsPdf(
      attachment(mediaTypes.pdf, pdf.subarray(0, pdf.length / 2), 'Halv.pdf'),
    );
    expectPlaceholder(result, messages.problems.pdfDamaged, 'Halv.pdf');
  });
});

describe('attachmentAsPdf: files that unpack to too much', () => {
  it('replaces a PDF whose object streams unpack to more than 64 MB with a page that says so', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.pdf, await pdfBomb(70 * megabyte), 'Bombe.pdf'),
    );
    expectLimitPlaceholder(result, /^PDF-filen pakker sig ud til mere end 64 MB/, 'Bombe.pdf');
  });
});
