import { Inflate } from 'fflate';
import type * as PdfLib from 'pdf-lib';
import type { PDFContext, PDFDict, PDFName, PDFObject, PDFRawStream } from 'pdf-lib';
import { AppError } from '../errors';
import { da } from '../i18n/da';
import { lazyPackage } from '../lazy-package';

/**
 * Opening uploaded containers without trusting them. An Office file is a zip whose parts a
 * reader inflates in full; a PDF carries object streams that pdf-lib inflates in full when it
 * loads the file. Either can be a decompression bomb: 92 kB that unpacks to 30 MB of XML took
 * mammoth 27 s and 2.4 GB. So a zip's central directory is checked before anything is inflated,
 * every part is then inflated against the size it declares (a part that lies is stopped as soon
 * as it passes that size), and the readers get only a zip rewritten from the checked parts. A
 * PDF's object streams are inflated the same way, with the output counted and thrown away,
 * before pdf-lib may load it.
 */

const t = da.containers;
const megabytes = 1000 * 1000;

/** What one uploaded file may unpack to. */
export type ContainerLimits = {
  /** Parts in one zip. */
  maxParts: number;
  /** All parts of one zip together, unpacked, as its directory declares them. */
  maxUnpackedBytes: number;
  /** How many times its packed size one part may unpack to … */
  maxRatio: number;
  /** … once it unpacks to more than this. */
  ratioFloorBytes: number;
  /** A PDF's object and cross-reference streams together, inflated. */
  maxPdfObjectStreamBytes: number;
};

/**
 * The limits for bilag and Word imports (uploads are at most UPLOAD_MAX_MB, 50 MB by default).
 * - 10,000 parts: a Word memo has 15–60 (XML, relations, media), a workbook a few per sheet;
 *   only a generated file has thousands, and every reader keeps an object per part.
 * - 250 MB unpacked in all: images and other media are stored as they are (a 50 MB memo full of
 *   photos unpacks to about 50 MB), and Office XML packs 5–30× (a 25 MB document.xml, some
 *   3,000 pages, came from a 1 MB .docx), so only extreme spreadsheets reach this. Larger files
 *   could not be read anyway: a JavaScript string ends at 512 MB, and mammoth needs about
 *   0.2 s per MB of document XML.
 * - 100× for a part over 10 MB: real XML does not pack that far once it is large, a bomb does
 *   (100 MB of one repeated paragraph packs to 300 kB, of spaces to 100 kB). Small parts may
 *   (a sheet of empty cells), and cost little.
 * - 64 MB of PDF object streams: they hold the objects that are not streams (pages, fonts, the
 *   structure tree of an accessible PDF) as text, a few kB per page, so thousands of pages fit.
 *   Inflating up to the limit to refuse a bomb takes 0.2–0.5 s of CPU and keeps nothing of it
 *   in memory.
 */
export const containerLimits: ContainerLimits = {
  maxParts: 10_000,
  maxUnpackedBytes: 250 * megabytes,
  maxRatio: 100,
  ratioFloorBytes: 10 * megabytes,
  maxPdfObjectStreamBytes: 64 * megabytes,
};

/** Counts the bytes inflated, so a test can see that a check stopped where it should. */
export type InflationMeter = { inflatedBytes: number };

type CheckOptions = { limits?: ContainerLimits; meter?: InflationMeter };

/**
 * Compressed bytes handed to the inflater at a time. Deflate unpacks at most 1,032:1, so one
 * step yields at most about 4 MB: as far as inflation can run past a limit before it stops.
 * Larger steps cost as much CPU time and more memory.
 */
const sliceBytes = 4 * 1024;

const damaged = (cause?: unknown) => new AppError('FILE_UNREADABLE', { message: t.damaged, cause });

const tooLarge = (message: string) => new AppError('PAYLOAD_TOO_LARGE', { message });

// ---------------------------------------------------------------------------------------------
// Zip (Office files)

/** A part of a zip as its central directory declares it. */
export type ZipPart = { name: string; packedBytes: number; unpackedBytes: number };

/** A zip whose directory is within the limits; its parts are inflated only within their declared sizes. */
export type CheckedZip = {
  /** The parts in directory order. */
  readonly parts: readonly ZipPart[];
  has(name: string): boolean;
  /** A part's content, inflated to exactly its declared size; undefined when there is no such part. */
  read(name: string): Uint8Array | undefined;
  /**
   * The parts written again as a plain zip, after every part has been inflated (and the output
   * thrown away) to prove its declared size. For readers that open a zip themselves (mammoth,
   * LibreOffice): they inflate only what was proven, and meet no trick of the original's layout.
   */
  asZip(): Uint8Array;
};

type Entry = ZipPart & {
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  dataStart: number;
  isProven: boolean;
};

const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;
const endOfDirectory = 0x06054b50;
const zip64Locator = 0x07064b50;
const zip64EndOfDirectory = 0x06064b50;
const isUtf8Name = 0x800;

/**
 * Reads a zip's central directory and refuses it, before inflating anything, when it has too
 * many parts, unpacks to too much in all, or has a large part that unpacks too far.
 * FILE_UNREADABLE when it is not a readable zip, PAYLOAD_TOO_LARGE over a limit.
 */
export function openZip(bytes: Uint8Array, options: CheckOptions = {}): CheckedZip {
  const limits = options.limits ?? containerLimits;
  const meter = options.meter ?? { inflatedBytes: 0 };
  const entries = readDirectory(bytes, limits.maxParts);
  let total = 0;
  for (const entry of entries) {
    const isFar =
      entry.unpackedBytes > limits.ratioFloorBytes &&
      entry.unpackedBytes > limits.maxRatio * entry.packedBytes;
    if (isFar) {
      throw tooLarge(
        t.unpacksTooFar(entry.name, entry.packedBytes, entry.unpackedBytes, limits.maxRatio),
      );
    }
    total += entry.unpackedBytes;
  }
  if (total > limits.maxUnpackedBytes) {
    throw tooLarge(t.unpacksTooLarge(total, limits.maxUnpackedBytes));
  }

  // As fflate and JSZip read a zip: of two parts with one name, the later one counts.
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  return {
    parts: entries.map(({ name, packedBytes, unpackedBytes }) => ({
      name,
      packedBytes,
      unpackedBytes,
    })),
    has: (name) => byName.has(name),
    read(name) {
      const entry = byName.get(name);
      if (!entry) return undefined;
      const content = new Uint8Array(entry.unpackedBytes);
      inflateEntry(bytes, entry, meter, (chunk, offset) => content.set(chunk, offset));
      return content;
    },
    asZip() {
      for (const entry of entries) inflateEntry(bytes, entry, meter);
      return writeZip(bytes, entries);
    },
  };
}

function readDirectory(bytes: Uint8Array, maxParts: number): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (offset: number) => view.getUint16(offset, true);
  const u32 = (offset: number) => view.getUint32(offset, true);
  const u64 = (offset: number) => {
    const value = view.getBigUint64(offset, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged();
    return Number(value);
  };
  const max32 = 0xffffffff;
  try {
    // The end record is the last thing in a zip, before a comment of at most 65,535 bytes.
    let end = bytes.length - 22;
    const lowest = Math.max(0, end - 0xffff);
    while (end >= lowest && u32(end) !== endOfDirectory) end -= 1;
    if (end < lowest) throw damaged();
    let count = u16(end + 10);
    let offset = u32(end + 16);
    if (count === 0xffff || offset === max32) {
      const locator = end - 20;
      if (locator < 0 || u32(locator) !== zip64Locator) throw damaged();
      const zip64End = u64(locator + 8);
      if (u32(zip64End) !== zip64EndOfDirectory) throw damaged();
      count = u64(zip64End + 32);
      offset = u64(zip64End + 48);
    }
    if (count > maxParts) throw tooLarge(t.tooManyParts(count, maxParts));

    const utf8 = new TextDecoder();
    const entries: Entry[] = [];
    let at = offset;
    for (let index = 0; index < count; index += 1) {
      if (u32(at) !== centralHeader) throw damaged();
      const flags = u16(at + 8);
      const method = u16(at + 10);
      let packedBytes = u32(at + 20);
      let unpackedBytes = u32(at + 24);
      const nameLength = u16(at + 28);
      const extraLength = u16(at + 30);
      let localOffset = u32(at + 42);
      const nameStart = at + 46;
      if (nameStart + nameLength + extraLength > bytes.length) throw damaged();
      const nameBytes = bytes.subarray(nameStart, nameStart + nameLength);
      if (unpackedBytes === max32 || packedBytes === max32 || localOffset === max32) {
        // Zip64: the sizes that did not fit are in extra field 1, in this order.
        const extraEnd = nameStart + nameLength + extraLength;
        let field = nameStart + nameLength;
        while (field + 4 <= extraEnd && u16(field) !== 1) field += 4 + u16(field + 2);
        if (field + 4 > extraEnd) throw damaged();
        let value = field + 4;
        const next = () => {
          if (value + 8 > extraEnd) throw damaged();
          value += 8;
          return u64(value - 8);
        };
        if (unpackedBytes === max32) unpackedBytes = next();
        if (packedBytes === max32) packedBytes = next();
        if (localOffset === max32) localOffset = next();
      }
      // Encrypted parts and methods other than stored and deflate are no Office file.
      if (flags & 1 || (method !== 0 && method !== 8)) throw damaged();
      if (method === 0 && packedBytes !== unpackedBytes) throw damaged();
      if (u32(localOffset) !== localHeader) throw damaged();
      const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
      if (dataStart + packedBytes > bytes.length) throw damaged();
      entries.push({
        // As fflate reads names: UTF-8 when the flag says so, else one byte per character.
        name: flags & isUtf8Name ? utf8.decode(nameBytes) : String.fromCharCode(...nameBytes),
        packedBytes,
        unpackedBytes,
        nameBytes,
        flags,
        method,
        time: u16(at + 12),
        date: u16(at + 14),
        crc: u32(at + 16),
        dataStart,
        isProven: method === 0,
      });
      at = nameStart + nameLength + extraLength + u16(at + 32);
    }
    return entries;
  } catch (error) {
    // A field read past the end (RangeError) is a damaged zip too.
    throw error instanceof AppError ? error : damaged(error);
  }
}

/**
 * Inflates a part in small slices, never past its declared size: a part that would unpack to
 * more is refused as soon as it passes it, one that unpacks to less is damaged.
 */
function inflateEntry(
  bytes: Uint8Array,
  entry: Entry,
  meter: InflationMeter,
  onData?: (chunk: Uint8Array, offset: number) => void,
): void {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.packedBytes);
  if (entry.method === 0) {
    onData?.(data, 0);
    return;
  }
  // Some writers store an empty part as deflate without a single byte.
  if ((entry.isProven && !onData) || (data.length === 0 && entry.unpackedBytes === 0)) return;
  let produced = 0;
  let failure: AppError | undefined;
  const inflater = new Inflate((chunk) => {
    if (failure) return;
    meter.inflatedBytes += chunk.length;
    if (produced + chunk.length > entry.unpackedBytes) {
      failure = tooLarge(t.unpacksBeyondDeclared(entry.name, entry.unpackedBytes));
      return;
    }
    onData?.(chunk, produced);
    produced += chunk.length;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let offset = 0; offset < data.length && !failure; offset += sliceBytes) {
      const end = Math.min(offset + sliceBytes, data.length);
      inflater.push(data.subarray(offset, end), end === data.length);
    }
  } catch (error) {
    failure ??= damaged(error);
  }
  if (failure) throw failure;
  if (produced !== entry.unpackedBytes) throw damaged();
  entry.isProven = true;
}

/** The parts as a zip of their own: the same packed bytes, names, times and checksums, no extras. */
function writeZip(bytes: Uint8Array, entries: readonly Entry[]): Uint8Array {
  const localBytes = entries.reduce((sum, e) => sum + 30 + e.nameBytes.length + e.packedBytes, 0);
  const centralBytes = entries.reduce((sum, e) => sum + 46 + e.nameBytes.length, 0);
  const zip = new Uint8Array(localBytes + centralBytes + 22);
  const view = new DataView(zip.buffer);
  const localOffsets: number[] = [];
  let at = 0;
  const header = (entry: Entry, signature: number, isCentral: boolean) => {
    view.setUint32(at, signature, true);
    const shift = isCentral ? 2 : 0;
    if (isCentral) view.setUint16(at + 4, 20, true);
    view.setUint16(at + 4 + shift, 20, true);
    // Only the UTF-8 flag stays: sizes are known, so no data descriptor follows.
    view.setUint16(at + 6 + shift, entry.flags & isUtf8Name, true);
    view.setUint16(at + 8 + shift, entry.method, true);
    view.setUint16(at + 10 + shift, entry.time, true);
    view.setUint16(at + 12 + shift, entry.date, true);
    view.setUint32(at + 14 + shift, entry.crc, true);
    view.setUint32(at + 18 + shift, entry.packedBytes, true);
    view.setUint32(at + 22 + shift, entry.unpackedBytes, true);
    view.setUint16(at + 26 + shift, entry.nameBytes.length, true);
  };
  for (const entry of entries) {
    localOffsets.push(at);
    header(entry, localHeader, false);
    zip.set(entry.nameBytes, at + 30);
    at += 30 + entry.nameBytes.length;
    zip.set(bytes.subarray(entry.dataStart, entry.dataStart + entry.packedBytes), at);
    at += entry.packedBytes;
  }
  for (const [index, entry] of entries.entries()) {
    header(entry, centralHeader, true);
    view.setUint32(at + 42, localOffsets[index]!, true);
    zip.set(entry.nameBytes, at + 46);
    at += 46 + entry.nameBytes.length;
  }
  view.setUint32(at, endOfDirectory, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, centralBytes, true);
  view.setUint32(at + 16, localBytes, true);
  return zip;
}

// ---------------------------------------------------------------------------------------------
// PDF

// Loaded with the first PDF checked, not at start-up: Word and zip checks do not need it.
const pdfLib = lazyPackage<typeof PdfLib>('pdf-lib');

let pdfNames: Record<PdfNameKey, PDFName> | undefined;
type PdfNameKey =
  'type' | 'objectStream' | 'crossReferenceStream' | 'filter' | 'decodeParameters' | 'flate';

function names(): Record<PdfNameKey, PDFName> {
  const { PDFName } = pdfLib();
  pdfNames ??= {
    type: PDFName.of('Type'),
    objectStream: PDFName.of('ObjStm'),
    crossReferenceStream: PDFName.of('XRef'),
    filter: PDFName.of('Filter'),
    decodeParameters: PDFName.of('DecodeParms'),
    flate: PDFName.of('FlateDecode'),
  };
  return pdfNames;
}

const isPdfWhitespace = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0;
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Inflates, counting and throwing the output away, every stream that pdf-lib would inflate when
 * it loads the PDF, and refuses the PDF when they unpack to more than the limit together. pdf-lib
 * reads the file from start to end and inflates each object stream and cross-reference stream it
 * meets as an indirect object ("12 0 obj"); every such object follows the keyword obj, so each
 * one is found and parsed here by pdf-lib's own object parser, as pdf-lib will parse it.
 * FILE_UNREADABLE when a stream cannot be checked, PAYLOAD_TOO_LARGE over the limit.
 */
export function checkPdfStreams(bytes: Uint8Array, options: CheckOptions = {}): void {
  const limits = options.limits ?? containerLimits;
  const meter = options.meter ?? { inflatedBytes: 0 };
  const { PDFContext, PDFRawStream } = pdfLib();
  const context = PDFContext.create();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget = limits.maxPdfObjectStreamBytes;
  let nextStreamKeyword = -1;
  for (let at = text.indexOf('obj'); at !== -1; at = text.indexOf('obj', at + 3)) {
    // pdf-lib reads "<number> <number> obj", with whitespace or comments between, and "endobj" is no start.
    const before = bytes[at - 1];
    if (!(isDigit(before) || isPdfWhitespace(before))) continue;
    const body = at + 3;
    let first = body;
    while (isPdfWhitespace(bytes[first])) first += 1;
    // Only a dictionary can start a stream; a comment is left for the parser to skip.
    if (!(bytes[first] === 0x3c && bytes[first + 1] === 0x3c) && bytes[first] !== 0x25) continue;
    if (nextStreamKeyword < body) nextStreamKeyword = text.indexOf('stream', body);
    if (nextStreamKeyword === -1) break;
    // The dictionary alone first (it ends before the stream keyword), so that the content of
    // the many other streams is not read twice.
    if (!mayBeObjectStream(parseWithin(bytes.subarray(body, nextStreamKeyword), context))) {
      continue;
    }
    const object = parseWithin(bytes.subarray(body), context);
    if (!(object instanceof PDFRawStream) || !mayBeObjectStream(object.dict)) continue;
    budget -= inflatedSize(object, budget, context, meter, limits.maxPdfObjectStreamBytes);
  }
}

/** The first object in the bytes, or undefined when they do not parse. */
function parseWithin(bytes: Uint8Array, context: PDFContext): PDFObject | undefined {
  try {
    return pdfLib().PDFObjectParser.forBytes(bytes, context).parseObject();
  } catch {
    return undefined;
  }
}

/**
 * Whether pdf-lib might inflate this object on load: an object or cross-reference stream, or a
 * dictionary whose type is a reference (pdf-lib resolves it) or could not be parsed on its own.
 */
function mayBeObjectStream(object: PDFObject | undefined): boolean {
  if (object === undefined) return true;
  const { PDFDict, PDFRef } = pdfLib();
  if (!(object instanceof PDFDict)) return false;
  const { type: typeName, objectStream, crossReferenceStream } = names();
  const type = object.get(typeName);
  return type instanceof PDFRef || type === objectStream || type === crossReferenceStream;
}

type Step = { filter: PDFName; parameters: PDFDict | undefined };

/** The filters in the order they are undone; a filter given by reference cannot be checked here. */
function stepsOf(dict: PDFDict): Step[] {
  const { PDFArray, PDFDict, PDFName, PDFRef } = pdfLib();
  const filter = dict.get(names().filter);
  const parameters = dict.get(names().decodeParameters);
  const parameterAt = (index: number | null) => {
    const value =
      index === null
        ? parameters
        : parameters instanceof PDFArray
          ? parameters.get(index)
          : undefined;
    if (value instanceof PDFRef) throw damaged();
    return value instanceof PDFDict ? value : undefined;
  };
  if (filter instanceof PDFName) return [{ filter, parameters: parameterAt(null) }];
  if (filter instanceof PDFArray) {
    return filter.asArray().map((item, index) => {
      if (!(item instanceof PDFName)) throw damaged();
      return { filter: item, parameters: parameterAt(index) };
    });
  }
  if (filter instanceof PDFRef) throw damaged();
  // No filter: nothing to inflate. Any other value: pdf-lib refuses the stream before inflating.
  return [];
}

/** The bytes pdf-lib would produce undoing the stream's filters; over the budget, refused. */
function inflatedSize(
  stream: PDFRawStream,
  budget: number,
  context: PDFContext,
  meter: InflationMeter,
  limit: number,
): number {
  let input = stream.contents;
  let used = 0;
  const steps = stepsOf(stream.dict);
  for (const [index, step] of steps.entries()) {
    const isLast = index === steps.length - 1;
    const output: Uint8Array[] = [];
    const count = (chunk: Uint8Array | Uint8ClampedArray) => {
      used += chunk.length;
      meter.inflatedBytes += chunk.length;
      if (used > budget) throw tooLarge(t.pdfUnpacksTooLarge(limit));
      // Only a further filter needs the bytes; the last one's are counted and dropped.
      if (!isLast) output.push(new Uint8Array(chunk));
    };
    const isComplete =
      step.filter === names().flate
        ? inflateFlate(input, count)
        : decodeWithPdfLib(input, step, context, count);
    if (!isComplete) break;
    input = Buffer.concat(output);
  }
  return used;
}

/**
 * Undoes FlateDecode as pdf-lib does (it checks the zlib header, then inflates the rest) but in
 * slices, since pdf-lib's inflater grows one block without bound. False when pdf-lib would stop
 * early too: a bad header, or data that ends too soon.
 */
function inflateFlate(data: Uint8Array, count: (chunk: Uint8Array) => void): boolean {
  const [method, flags] = [data[0], data[1]];
  if (method === undefined || flags === undefined) return false;
  if ((method & 0x0f) !== 8 || ((method << 8) + flags) % 31 !== 0 || flags & 0x20) return false;
  const inflater = new Inflate((chunk) => count(chunk));
  const deflate = data.subarray(2);
  try {
    for (let offset = 0; offset < deflate.length; offset += sliceBytes) {
      const end = Math.min(offset + sliceBytes, deflate.length);
      inflater.push(deflate.subarray(offset, end), end === deflate.length);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Running out of data stops pdf-lib at the same point. Any other fault fflate sees, pdf-lib
    // may read past (it does not check distances, for one), so what it would inflate is unknown.
    if ((error as { code?: unknown }).code === 0) return false;
    throw damaged(error);
  }
  return true;
}

/**
 * The other filters pdf-lib knows (LZW, run length, ASCII85, hex) with pdf-lib's own decoders,
 * read in pieces: each of them decodes a bounded block at a time.
 */
function decodeWithPdfLib(
  data: Uint8Array,
  step: Step,
  context: PDFContext,
  count: (chunk: Uint8Array | Uint8ClampedArray) => void,
): boolean {
  const { PDFRawStream, decodePDFRawStream } = pdfLib();
  const dict = context.obj({});
  dict.set(names().filter, step.filter);
  if (step.parameters) dict.set(names().decodeParameters, step.parameters);
  try {
    const decoded = decodePDFRawStream(PDFRawStream.of(dict, data));
    let chunk = decoded.getBytes(64 * 1024);
    while (chunk.length > 0) {
      count(chunk);
      chunk = decoded.getBytes(64 * 1024);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // An unknown filter or bad data: pdf-lib's decoder stops at the same point.
    return false;
  }
  return true;
}
