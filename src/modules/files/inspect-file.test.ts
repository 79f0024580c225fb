import { describe, expect, it } from 'vitest';
import { docxBomb, pdfBomb, xlsxBomb } from '../../../test/bomb-factories';
import { readSample } from '../../../test/esdh-samples';
import {
  encryptPdf,
  makeDocx,
  makePdf,
  makeXlsx,
  tinyJpeg,
  tinyPng,
} from '../../../test/file-factories';
import { AppError } from '../../platform/errors';
import { inspectFile } from './inspect-file';

const limits = { maxBytes: 50 * 1024 * 1024 };

const megabyte = 1000 * 1000;

async function refusal(bytes: Uint8Array, fileName: string, maxBytes = limits.maxBytes) {
  try {
    await inspectFile(bytes, fileName, { maxBytes });
  } catch (error) {
    if (error instanceof AppError) {
      expect(error.details).toEqual([{ field: 'file', message: error.message }]);
      return { code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('inspectFile', () => {
  it('reads a PDF: kind from its bytes, its pages and its text', async () => {
    const pdf = await makePdf(['Status på hjælp til økonomisk trængte borgere', 'Side to']);
    const result = await inspectFile(pdf, 'Status.pdf', limits);
    expect(result).toMatchObject({ kind: 'pdf', mediaType: 'application/pdf', pageCount: 2 });
    expect(result.text).toContain('Status på hjælp til økonomisk trængte borgere');
    expect(result.text).toContain('Side to');
  });

  it('reads the text of Word and Excel files', async () => {
    const docx = await inspectFile(
      await makeDocx('Sammen om Opgaven', ['Borgerservice og Biblioteker']),
      'Sammen om Opgaven.docx',
      limits,
    );
    expect(docx.kind).toBe('docx');
    expect(docx.text).toContain('Borgerservice og Biblioteker');
    const xlsx = await inspectFile(
      makeXlsx(['Budget 2024', 'Vinterhjælp & Co']),
      'budget.XLSX',
      limits,
    );
    expect(xlsx.kind).toBe('xlsx');
    expect(xlsx.text).toBe('Budget 2024\nVinterhjælp & Co');
  });

  it('accepts PNG and JPEG images without text', async () => {
    expect(await inspectFile(tinyPng, 'kort.png', limits)).toMatchObject({ kind: 'png', text: '' });
    expect(await inspectFile(tinyJpeg, 'foto.jpeg', limits)).toMatchObject({
      kind: 'jpg',
      mediaType: 'image/jpeg',
    });
  });

  it('decides the type by content: a renamed file is refused as mislabelled', async () => {
    const refused = await refusal(tinyPng, 'rapport.pdf');
    expect(refused.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refused.message).toContain('passer ikke til filens indhold, som er .png');
  });

  it('refuses types that are not allowed, even when named like allowed ones', async () => {
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    expect((await refusal(html, 'bilag.pdf')).code).toBe('FILE_TYPE_NOT_ALLOWED');
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=', 'base64');
    expect((await refusal(gif, 'billede.gif')).message).toContain('PDF, Word (.docx), Excel');
  });

  it('refuses corrupt files of allowed types', async () => {
    const pdf = await makePdf();
    const truncated = pdf.slice(0, 400);
    expect(await refusal(truncated, 'x.pdf')).toEqual({
      code: 'FILE_UNREADABLE',
      message: 'PDF-filen er beskadiget og kan ikke læses.',
    });
    const brokenPng = Buffer.concat([tinyPng.subarray(0, 20), Buffer.alloc(30)]);
    expect((await refusal(brokenPng, 'x.png')).message).toBe(
      'PNG-filen er beskadiget og kan ikke læses.',
    );
    const docx = await makeDocx('Titel', ['Tekst']);
    expect((await refusal(docx.subarray(0, docx.length - 200), 'x.docx')).code).toBe(
      'FILE_UNREADABLE',
    );
  });

  it('refuses encrypted PDFs and encrypted or legacy Office files', async () => {
    const encrypted = encryptPdf(await makePdf());
    expect((await refusal(encrypted, 'hemmelig.pdf')).message).toContain('krypteret');
    const compoundFile = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(600)]);
    expect((await refusal(compoundFile, 'beskyttet.docx')).message).toContain(
      'krypteret eller i et gammelt Office-format',
    );
  });

  it('refuses empty files and files over the limit', async () => {
    expect((await refusal(Buffer.alloc(0), 'tom.pdf')).message).toBe('Filen er tom.');
    const pdf = await makePdf();
    expect(await refusal(pdf, 'stor.pdf', 100)).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Filen er for stor. Den må højst fylde 0 MB.',
    });
  });
});

describe('inspectFile: files that unpack to too much', () => {
  it('refuses a Word file whose document.xml unpacks 1,000 times over, naming the part', async () => {
    const refused = await refusal(await docxBomb(12 * megabyte), 'memo.docx');
    expect(refused.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.message).toMatch(
      /^Filen pakker sig ud til mere end 100 gange sin størrelse: delen "word\/document.xml" fylder [\d,]+ kB pakket og 12 MB udpakket/,
    );
  });

  it('refuses an Excel file whose shared strings unpack 1,000 times over', async () => {
    const refused = await refusal(xlsxBomb(12 * megabyte), 'budget.xlsx');
    expect(refused.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.message).toContain('"xl/sharedStrings.xml"');
  });

  it('refuses a Word file with a part that unpacks to more than it declares', async () => {
    const refused = await refusal(await docxBomb(12 * megabyte, 1000), 'memo.docx');
    expect(refused).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message:
        'Filen pakker sig ud til mere end den selv oplyser: delen "word/document.xml" skulle fylde 1 kB. Filen er beskadiget eller lavet til at overbelaste systemet og kan ikke læses.',
    });
  });

  it('refuses a PDF whose object streams unpack to more than 64 MB', async () => {
    expect(await refusal(await pdfBomb(70 * megabyte), 'rapport.pdf')).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message:
        'PDF-filen pakker sig ud til mere end 64 MB i sine objektstrømme, og så meget kan ikke læses. Gem den som PDF igen, eller del den op.',
    });
  });

  it('still reads the real sample PDFs, whose object streams are small', async () => {
    const samples = [
      ['publication-ballerup-2013', 'Enclosures', '1.pdf'],
      ['edoc-ballerup-2012', '1552814.PDF'],
      ['edoc-ballerup-2012', '1552823.PDF'],
      ['acadre-syddjurs-2013', 'Files_1863_3687982', 'Ekstraordinaert_PUK.pdf'],
    ];
    const pages = [];
    for (const sample of samples) {
      pages.push((await inspectFile(readSample(...sample), 'bilag.pdf', limits)).pageCount);
    }
    expect(pages).toEqual([3, 15, 2, 5]);
  });
});
