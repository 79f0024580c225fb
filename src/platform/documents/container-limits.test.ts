import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  objectStreamBomb,
  packPart,
  repeatedDeflate,
  withObjectStream,
  withPart,
  zipOf,
} from '../../../test/bomb-factories';
import { readSample } from '../../../test/esdh-samples';
import { makeDocx, makePdf, makeXlsx } from '../../../test/file-factories';
import { AppError } from '../errors';
import { checkPdfStreams, containerLimits, openZip, type InflationMeter } from './container-limits';

const megabyte = 1000 * 1000;
/** Deflate unpacks at most 1,032:1 and the check pushes 4 kB at a time: its furthest overshoot. */
const oneStep = 1032 * 4 * 1024;

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const meter = (): InflationMeter => ({ inflatedBytes: 0 });

describe('openZip', () => {
  it('reads the parts of real Word and Excel files and rewrites them so mammoth reads the same', async () => {
    const docx = await makeDocx('Sammen om Opgaven', ['Borgerservice og Biblioteker']);
    const zip = openZip(docx);
    const original = unzipSync(docx);
    expect(zip.parts.map((part) => part.name).sort()).toEqual(Object.keys(original).sort());
    expect(zip.read('word/document.xml')).toEqual(original['word/document.xml']);
    expect(zip.read('word/nothing.xml')).toBeUndefined();
    const rewritten = zip.asZip();
    expect(unzipSync(rewritten)).toEqual(original);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(rewritten) });
    expect(value).toContain('Borgerservice og Biblioteker');

    const xlsx = makeXlsx(['Budget 2024']);
    expect(new TextDecoder().decode(openZip(xlsx).read('xl/sharedStrings.xml'))).toContain(
      'Budget 2024',
    );
  });

  it('reads stored parts and names without the UTF-8 flag as fflate does', () => {
    const zip = openZip(zipSync({ 'Bilag æ.txt': [strToU8('hej'), { level: 0 }] }));
    expect(zip.parts).toEqual([{ name: 'Bilag æ.txt', packedBytes: 3, unpackedBytes: 3 }]);
    expect(zip.read('Bilag æ.txt')).toEqual(strToU8('hej'));
    expect(unzipSync(zip.asZip())).toEqual({ 'Bilag æ.txt': strToU8('hej') });
  });

  it('reads the sizes of a zip64 part', () => {
    // Larger unpacked than the whole zip, as a packed part is.
    const content = strToU8('<w:p/>'.repeat(2000));
    const deflated = deflateRawSync(content);
    const zip = zip64With('word/document.xml', deflated, content.length);
    expect(openZip(zip).parts).toEqual([
      { name: 'word/document.xml', packedBytes: deflated.length, unpackedBytes: content.length },
    ]);
    expect(openZip(zip).read('word/document.xml')).toEqual(content);
  });

  it('refuses a Word file whose document.xml is 100 MB of one repeated paragraph, before inflating it', async () => {
    const bomb = repeatedDeflate('<w:p><w:r><w:t>bombe</w:t></w:r></w:p>', 100 * megabyte);
    const docx = withPart(await makeDocx('Titel', ['Tekst']), {
      name: 'word/document.xml',
      ...bomb,
    });
    expect(docx.length).toBeLessThan(400 * 1000);
    const inflation = meter();
    const error = refusal(() => openZip(docx, { meter: inflation }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('pakker sig ud til mere end 100 gange sin størrelse');
    expect(error.message).toContain('"word/document.xml"');
    expect(inflation.inflatedBytes).toBe(0);
  });

  it('refuses a workbook whose sharedStrings.xml unpacks to 600 MB, before inflating it', () => {
    const bomb = repeatedDeflate('<si><t>bombe</t></si>', 600 * megabyte);
    const xlsx = withPart(makeXlsx(['Budget']), { name: 'xl/sharedStrings.xml', ...bomb });
    expect(xlsx.length).toBeLessThan(2 * megabyte);
    const inflation = meter();
    const error = refusal(() => openZip(xlsx, { meter: inflation }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('"xl/sharedStrings.xml"');
    expect(inflation.inflatedBytes).toBe(0);
  });

  it('refuses parts that unpack to more than 250 MB together, each of them packing modestly', () => {
    const parts = Array.from({ length: 30 }, (_, index) => ({
      name: `xl/worksheets/sheet${index + 1}.xml`,
      // 9 MB each, under the 10 MB from which the ratio counts.
      ...repeatedDeflate('<row><c><v>1</v></c></row>', 9 * megabyte),
    }));
    const inflation = meter();
    const error = refusal(() => openZip(zipOf(parts), { meter: inflation }));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(error.message).toContain('pakker sig ud til mere end 250 MB');
    expect(inflation.inflatedBytes).toBe(0);
  });

  it('stops a part that declares 1 kB and unpacks to 100 MB one step past its declared size', async () => {
    const bomb = repeatedDeflate(' ', 100 * megabyte, { prefix: '<w:document>' });
    const docx = withPart(await makeDocx('Titel', ['Tekst']), {
      name: 'word/document.xml',
      ...bomb,
      size: 1000,
    });
    const inflation = meter();
    // The directory looks harmless: it is the inflation that catches the lie.
    const zip = openZip(docx, { meter: inflation });
    const error = refusal(() => zip.read('word/document.xml'));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('pakker sig ud til mere end den selv oplyser');
    expect(inflation.inflatedBytes).toBeGreaterThan(1000);
    expect(inflation.inflatedBytes).toBeLessThanOrEqual(1000 + oneStep);

    // Proving every part for the rewrite stops at the same point, after the honest parts.
    const proof = meter();
    const declared = zip.parts.reduce((sum, part) => sum + part.unpackedBytes, 0);
    expect(refusal(() => openZip(docx, { meter: proof }).asZip()).code).toBe('PAYLOAD_TOO_LARGE');
    expect(proof.inflatedBytes).toBeLessThanOrEqual(declared + oneStep);
  });

  it('refuses a zip of 100,000 tiny parts without reading them', () => {
    const tiny = packPart('x', 'x');
    const parts = Array.from({ length: 100_000 }, (_, index) => ({
      ...tiny,
      name: `p/${index}.xml`,
    }));
    const inflation = meter();
    const error = refusal(() => openZip(zipOf(parts), { meter: inflation }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('består af 100.000 dele');
    expect(inflation.inflatedBytes).toBe(0);
  });

  it('refuses damaged zips as unreadable: truncated, not a zip, or a part that unpacks to less', async () => {
    const docx = await makeDocx('Titel', ['Tekst']);
    expect(refusal(() => openZip(docx.subarray(0, docx.length - 200))).code).toBe(
      'FILE_UNREADABLE',
    );
    expect(refusal(() => openZip(Buffer.from('Dette er ikke en zip-fil'))).code).toBe(
      'FILE_UNREADABLE',
    );
    const short = zipOf([{ ...packPart('word/document.xml', '<w:document/>'), size: 5000 }]);
    expect(refusal(() => openZip(short).read('word/document.xml')).code).toBe('FILE_UNREADABLE');
    const corrupt = zipOf([{ ...packPart('a.xml', 'x'), deflated: Buffer.from([0xff, 0xff]) }]);
    expect(refusal(() => openZip(corrupt).asZip()).code).toBe('FILE_UNREADABLE');
  });

  it('lets a real memo full of photos through: media packs hardly at all', () => {
    const zip = openZip(zipOf([packPart('word/media/image1.jpeg', randomBytes(30 * megabyte))]));
    expect(zip.parts[0]?.unpackedBytes).toBe(30 * megabyte);
    expect(zip.asZip().length).toBeGreaterThan(0);
  });
});

describe('checkPdfStreams', () => {
  it('accepts PDFs with object streams and the real sample PDFs, inflating their object streams', async () => {
    const inflation = meter();
    checkPdfStreams(await makePdf(['Side 1', 'Side 2']), { meter: inflation });
    // pdf-lib writes the pages, fonts and catalog into a compressed object stream.
    expect(inflation.inflatedBytes).toBeGreaterThan(0);
    const samples = [
      ['publication-ballerup-2013', 'Enclosures', '1.pdf'],
      ['edoc-ballerup-2012', '1552814.PDF'],
      ['edoc-ballerup-2012', '1552823.PDF'],
      ['acadre-syddjurs-2013', 'Files_1863_3687982', 'Ekstraordinaert_PUK.pdf'],
    ];
    for (const sample of samples)
      expect(() => checkPdfStreams(readSample(...sample))).not.toThrow();
  });

  it('refuses a PDF whose object stream inflates to 200 MB of zeros, stopping at the limit', async () => {
    const pdf = withObjectStream(await makePdf(), repeatedDeflate('\0', 200 * megabyte).deflated);
    expect(pdf.length).toBeLessThan(400 * 1000);
    const inflation = meter();
    const error = refusal(() => checkPdfStreams(pdf, { meter: inflation }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe(
      'PDF-filen pakker sig ud til mere end 64 MB i sine objektstrømme, og så meget kan ikke læses. Gem den som PDF igen, eller del den op.',
    );
    expect(inflation.inflatedBytes).toBeGreaterThan(containerLimits.maxPdfObjectStreamBytes);
    expect(inflation.inflatedBytes).toBeLessThanOrEqual(
      containerLimits.maxPdfObjectStreamBytes + oneStep,
    );
  });

  it('counts the object streams of a PDF together', async () => {
    const part = objectStreamBomb(' ', 40 * megabyte);
    const once = withObjectStream(await makePdf(), part);
    expect(() => checkPdfStreams(once)).not.toThrow();
    expect(refusal(() => checkPdfStreams(withObjectStream(once, part))).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('finds a bomb behind a type given by reference, a comment, or a hex filter before Flate', async () => {
    const pdf = await makePdf();
    const data = repeatedDeflate('\0', 100 * megabyte).deflated;
    const byReference = withObjectStream(
      pdf,
      data,
      '/Type 1 0 R /N 1 /First 5 /Filter /FlateDecode',
    );
    expect(refusal(() => checkPdfStreams(byReference)).code).toBe('PAYLOAD_TOO_LARGE');
    const commented = Buffer.from(
      withObjectStream(pdf, data).toString('latin1').replace('99 0 obj\n', '99 0 obj %x\n'),
      'latin1',
    );
    expect(refusal(() => checkPdfStreams(commented)).code).toBe('PAYLOAD_TOO_LARGE');
    // The hex text is itself the data: ASCIIHexDecode first, then FlateDecode.
    const zlib = Buffer.concat([Buffer.from([0x78, 0xda]), data]);
    const hex = Buffer.concat([
      pdf,
      Buffer.from(
        `\n98 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter [/ASCIIHexDecode /FlateDecode] /Length ${zlib.length * 2 + 1} >>\nstream\n${zlib.toString('hex')}>\nendstream\nendobj\n`,
        'latin1',
      ),
    ]);
    const inflation = meter();
    expect(refusal(() => checkPdfStreams(hex, { meter: inflation })).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(inflation.inflatedBytes).toBeLessThanOrEqual(
      containerLimits.maxPdfObjectStreamBytes + oneStep,
    );
  });

  it('refuses an object stream whose filter is given by reference: it cannot be checked', async () => {
    const pdf = withObjectStream(
      await makePdf(),
      repeatedDeflate('\0', megabyte).deflated,
      '/Type /ObjStm /N 1 /First 5 /Filter 7 0 R',
    );
    expect(refusal(() => checkPdfStreams(pdf)).code).toBe('FILE_UNREADABLE');
  });

  it('leaves other streams alone: pdf-lib does not inflate images or page content on load', async () => {
    const pdf = withObjectStream(
      await makePdf(),
      repeatedDeflate('\0', 200 * megabyte).deflated,
      '/Type /XObject /Subtype /Image /Width 10000 /Height 20000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode',
    );
    const inflation = meter();
    checkPdfStreams(pdf, { meter: inflation });
    expect(inflation.inflatedBytes).toBeLessThan(megabyte);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });
});

/** A one-part zip whose sizes are in a zip64 extra field, as writers do for large parts. */
function zip64With(name: string, deflated: Uint8Array, size: number): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(45, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0xffffffff, 18);
  local.writeUInt32LE(0xffffffff, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const extra = Buffer.alloc(20);
  extra.writeUInt16LE(1, 0);
  extra.writeUInt16LE(16, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(deflated.length), 12);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(45, 4);
  central.writeUInt16LE(45, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0xffffffff, 20);
  central.writeUInt32LE(0xffffffff, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt16LE(extra.length, 30);
  const directoryStart = local.length + nameBytes.length + deflated.length;
  const directory = Buffer.concat([central, nameBytes, extra]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(directoryStart, 16);
  return Buffer.concat([local, nameBytes, deflated, directory, end]);
}
