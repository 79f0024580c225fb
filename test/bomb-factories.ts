import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { makeDocx, makePdf, makeXlsx } from './file-factories';

/** A part's deflate data with the size and CRC a zip declares for it. */
export type PackedPart = { name: string; deflated: Uint8Array; size: number; crc: number };

const megabyte = 1000 * 1000;

/**
 * Raw deflate data for `prefix`, then `text` repeated to about `bytes` bytes, then `suffix`,
 * without ever holding the unpacked bytes: one megabyte of the repetition is deflated once,
 * flushed to a byte boundary with no reference behind it, and the same bytes are repeated.
 * So 100 MB of zeros pack to about 100 kB and of one repeated paragraph to about 250 kB.
 */
export function repeatedDeflate(
  text: string,
  bytes: number,
  { prefix = '', suffix = '' }: { prefix?: string; suffix?: string } = {},
): { deflated: Uint8Array; size: number; crc: number } {
  const piece = Buffer.from(text.repeat(Math.max(1, Math.floor(megabyte / text.length))));
  const count = Math.max(1, Math.round(bytes / piece.length));
  const flushed = (data: Buffer) =>
    deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const head = flushed(Buffer.from(prefix));
  const repeated = flushed(piece);
  const tail = deflateRawSync(Buffer.from(suffix));
  const deflated = Buffer.concat([head, ...Array<Buffer>(count).fill(repeated), tail]);
  let crc = crc32(prefix);
  for (let index = 0; index < count; index += 1) crc = crc32(piece, crc);
  crc = crc32(suffix, crc);
  return { deflated, size: prefix.length + count * piece.length + suffix.length, crc };
}

/** A part packed as it is. */
export function packPart(name: string, content: Uint8Array | string): PackedPart {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, deflated: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** The parts of an existing zip, packed again, so that one of them can be swapped for a bomb. */
export function repackParts(zip: Uint8Array): PackedPart[] {
  return Object.entries(unzipSync(zip)).map(([name, content]) => packPart(name, content));
}

/**
 * A zip of deflated parts, written byte by byte so that a test controls what it declares:
 * `size` is written as given, true or not.
 */
export function zipOf(parts: readonly PackedPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(part.crc, 14);
    header.writeUInt32LE(part.deflated.length, 18);
    header.writeUInt32LE(part.size, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, Buffer.from(part.deflated));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(part.crc, 16);
    entry.writeUInt32LE(part.deflated.length, 20);
    entry.writeUInt32LE(part.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(central);
  // More than 65,535 parts do not fit the end record: zip64 end records carry the count.
  const isZip64 = parts.length > 0xffff;
  const zip64 = Buffer.alloc(isZip64 ? 76 : 0);
  if (isZip64) {
    zip64.writeUInt32LE(0x06064b50, 0);
    zip64.writeBigUInt64LE(44n, 4);
    zip64.writeUInt16LE(45, 12);
    zip64.writeUInt16LE(45, 14);
    zip64.writeBigUInt64LE(BigInt(parts.length), 24);
    zip64.writeBigUInt64LE(BigInt(parts.length), 32);
    zip64.writeBigUInt64LE(BigInt(directory.length), 40);
    zip64.writeBigUInt64LE(BigInt(offset), 48);
    zip64.writeUInt32LE(0x07064b50, 56);
    zip64.writeBigUInt64LE(BigInt(offset + directory.length), 64);
    zip64.writeUInt32LE(1, 72);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, zip64, end]);
}

/** An Office file with one part swapped for another (a bomb), the rest as it was. */
export function withPart(zip: Uint8Array, replacement: PackedPart): Buffer {
  const parts = repackParts(zip).filter((part) => part.name !== replacement.name);
  return zipOf([...parts, replacement]);
}

/**
 * The PDF with one more indirect object appended, as an incremental update would: an object
 * stream (or the given dictionary entries) whose FlateDecode data is `deflated` with a zlib
 * header. pdf-lib reads every object in the file, so it inflates this one when it loads the PDF.
 */
export function withObjectStream(
  pdf: Uint8Array,
  deflated: Uint8Array,
  dictionary = '/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode',
): Buffer {
  const data = Buffer.concat([Buffer.from([0x78, 0xda]), deflated]);
  return Buffer.concat([
    pdf,
    Buffer.from(`\n99 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** Object-stream content pdf-lib accepts: object 99 is an empty dictionary, then `text` repeated. */
export function objectStreamBomb(text: string, bytes: number): Uint8Array {
  return repeatedDeflate(text, bytes, { prefix: '99 0 <<>>' }).deflated;
}

const wordNamespace = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const sheetNamespace = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * A Word file whose document.xml is valid XML padded with `bytes` of spaces: a bomb (some
 * 1,000:1) that mammoth nevertheless reads quickly, so code without limits accepts it. With
 * `declaredBytes`, the zip declares that size for it instead.
 */
export async function docxBomb(bytes: number, declaredBytes?: number): Promise<Buffer> {
  const part = repeatedDeflate(' ', bytes, {
    prefix: `<w:document xmlns:w="${wordNamespace}"><w:body>`,
    suffix: '<w:p><w:r><w:t>Bombe</w:t></w:r></w:p></w:body></w:document>',
  });
  return withPart(await makeDocx('Titel', ['Tekst']), {
    name: 'word/document.xml',
    ...part,
    size: declaredBytes ?? part.size,
  });
}

/** A workbook whose sharedStrings.xml is padded with `bytes` of spaces, as docxBomb. */
export function xlsxBomb(bytes: number): Buffer {
  const part = repeatedDeflate(' ', bytes, {
    prefix: `<sst xmlns="${sheetNamespace}" count="1" uniqueCount="1">`,
    suffix: '<si><t>Budget</t></si></sst>',
  });
  return withPart(makeXlsx(['Budget']), { name: 'xl/sharedStrings.xml', ...part });
}

/** A one-page PDF with an object stream that inflates to `bytes` of spaces after one object. */
export async function pdfBomb(bytes: number): Promise<Buffer> {
  return withObjectStream(await makePdf(), objectStreamBomb(' ', bytes));
}
