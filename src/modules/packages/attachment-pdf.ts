import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { render } from 'dom-serializer';
import { isTag, type ChildNode } from 'domhandler';
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import {
  PageSizes,
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFImage,
  ParseSpeeds,
} from 'pdf-lib';
import {
  checkPdfStreams,
  openZip,
  type CheckedZip,
} from '../../platform/documents/container-limits';
import { richTextToTypst } from '../../platform/documents/rich-text-typst';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { renderPdf, typstPreamble, typstText } from '../../platform/documents/typst';
import { allowedFileKinds, type FileKind } from '../files/index';
import { sanitizeRichText } from '../papers/index';

/** A bilag as stored, with the label the package prints for it. */
export type AttachmentInput = {
  /** As stored: application/pdf, …wordprocessingml.document, …spreadsheetml.sheet, image/png, image/jpeg. */
  mediaType: string;
  bytes: Uint8Array;
  /** E.g. "Sammen om Opgaven.docx". */
  fileName: string;
  /** E.g. "Punkt 4, Bilag 1: Sammen om Opgaven" (shown on placeholder pages). */
  label: string;
};

/** A bilag as PDF pages, and how they were made. */
export type AttachmentPdf = {
  pdf: Uint8Array;
  /** How it was made: as-is, converted by LibreOffice, rendered from the Word/Excel text, placed image, or a placeholder. */
  method: 'original' | 'soffice' | 'text' | 'image' | 'placeholder';
  /** Danish reason shown on a placeholder page; null otherwise. */
  problem: string | null;
  /** Known without another parse when the file is passed through as it is. */
  pageCount?: number;
};

/** How attachmentAsPdf may convert Word files. */
export type AttachmentPdfOptions = {
  /** 'auto' converts Word files with LibreOffice when `soffice` is on PATH; 'never' always renders their text. */
  soffice?: 'auto' | 'never';
  /** How long LibreOffice may take before it is killed and the text is rendered instead. */
  timeoutMs?: number;
};

const m = da.attachmentPdf;

const defaultTimeoutMs = 60_000;

/**
 * A bilag as PDF pages for the meeting package: PDFs as they are, Word through LibreOffice or
 * from its text, Excel as tables, images on pages. Never throws for a bad file: it becomes a
 * placeholder page that names the file and the reason.
 */
export async function attachmentAsPdf(
  input: AttachmentInput,
  options: AttachmentPdfOptions = {},
): Promise<AttachmentPdf> {
  const kind = fileKindOf(input.mediaType);
  try {
    switch (kind) {
      case 'pdf':
        return await pdfAsIs(input);
      case 'png':
      case 'jpg':
        return await imageAsPdf(input, kind);
      case 'docx':
        return await wordAsPdf(input, options);
      case 'xlsx':
        return excelAsPdf(input);
      case null:
        return placeholder(input, m.problems.typeNotSupported);
    }
  } catch {
    // Each reader reports the failures it knows; anything else still must not stop the package.
    return placeholder(input, m.problems.notRendered);
  }
}

function fileKindOf(mediaType: string): FileKind | null {
  const entry = Object.entries(allowedFileKinds).find(
    ([, kind]) => kind.mediaType === mediaType.toLowerCase(),
  );
  return entry ? (entry[0] as FileKind) : null;
}

// ---------------------------------------------------------------------------------------------
// PDF

async function pdfAsIs(input: AttachmentInput): Promise<AttachmentPdf> {
  const checked = readContainer(input, m.problems.pdfDamaged, () => checkPdfStreams(input.bytes));
  if ('refused' in checked) return checked.refused;
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(input.bytes, {
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
    });
  } catch (error) {
    // pdf-lib's error classes are compiled to ES5, so instanceof fails on them: match the message.
    const isEncrypted = error instanceof Error && /is encrypted/.test(error.message);
    return placeholder(input, isEncrypted ? m.problems.pdfEncrypted : m.problems.pdfDamaged);
  }
  if (document.getPageCount() === 0) return placeholder(input, m.problems.pdfNoPages);
  try {
    // The package merges by copying pages; a page tree pdf-lib loads but cannot copy fails here, not there.
    await PDFDocument.create().then((copy) => copy.copyPages(document, document.getPageIndices()));
  } catch {
    return placeholder(input, m.problems.pdfDamaged);
  }
  return {
    pdf: input.bytes,
    method: 'original',
    problem: null,
    pageCount: document.getPageCount(),
  };
}

// ---------------------------------------------------------------------------------------------
// Images

/**
 * Images are placed at 150 dpi at most: screenshots and scans (usually 96–300 dpi) come out
 * near their intended size, and a small image is not blown up into a blur. Larger images are
 * scaled down to fit inside the margins.
 */
const pointsPerPixel = 72 / 150;
const imageMargin = (2 / 2.54) * 72;

/**
 * How each EXIF orientation maps the image's unit square (u right, v up, as PDF draws it) onto
 * the upright display box: s = su·u + sv·v + s0 and t = tu·u + tv·v + t0. Phone photos are
 * stored sideways with orientation 6 or 8, and would otherwise lie on their side.
 */
const orientations: Record<number, [number, number, number, number, number, number]> = {
  1: [1, 0, 0, 0, 1, 0],
  2: [-1, 0, 1, 0, 1, 0],
  3: [-1, 0, 1, 0, -1, 1],
  4: [1, 0, 0, 0, -1, 1],
  5: [0, -1, 1, -1, 0, 1],
  6: [0, 1, 0, -1, 0, 1],
  7: [0, 1, 0, 1, 0, 0],
  8: [0, -1, 1, 1, 0, 0],
};

async function imageAsPdf(input: AttachmentInput, kind: 'png' | 'jpg'): Promise<AttachmentPdf> {
  const document = await PDFDocument.create();
  let image: PDFImage;
  try {
    // A copy: pdf-lib reads images through `bytes.buffer` and would miss a Buffer's offset in its pool.
    const copy = Uint8Array.from(input.bytes);
    image = kind === 'png' ? await document.embedPng(copy) : await document.embedJpg(copy);
  } catch {
    return placeholder(input, m.problems.imageDamaged);
  }
  if (!(image.width >= 1 && image.height >= 1)) return placeholder(input, m.problems.imageDamaged);
  const orientation = kind === 'jpg' ? jpegOrientation(input.bytes) : 1;
  const isTurned = orientation >= 5;
  const width = isTurned ? image.height : image.width;
  const height = isTurned ? image.width : image.height;
  const [a4Width, a4Height] = PageSizes.A4;
  const [pageWidth, pageHeight] = width > height ? [a4Height, a4Width] : [a4Width, a4Height];
  const scale = Math.min(
    (pageWidth - 2 * imageMargin) / width,
    (pageHeight - 2 * imageMargin) / height,
    pointsPerPixel,
  );
  const [w, h] = [width * scale, height * scale];
  const [x, y] = [(pageWidth - w) / 2, (pageHeight - h) / 2];
  const [su, sv, s0, tu, tv, t0] = orientations[orientation] ?? orientations[1]!;
  const page = document.addPage([pageWidth, pageHeight]);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(w * su, h * tu, w * sv, h * tv, x + w * s0, y + h * t0),
    drawObject(page.node.newXObject('Image', image.ref)),
    popGraphicsState(),
  );
  document.setTitle(input.label);
  document.setLanguage('da-DK');
  try {
    return { pdf: await document.save(), method: 'image', problem: null };
  } catch {
    return placeholder(input, m.problems.imageDamaged);
  }
}

/** The EXIF orientation (1–8) of a JPEG, 1 when it has none or it cannot be read. */
function jpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    let offset = 2;
    while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
      const marker = bytes[offset + 1];
      const length = view.getUint16(offset + 2);
      // Start of scan: the metadata segments are all before it.
      if (marker === 0xda) break;
      const isExif =
        marker === 0xe1 &&
        String.fromCharCode(...bytes.subarray(offset + 4, offset + 10)) === 'Exif\0\0';
      if (isExif) return tiffOrientation(view, offset + 10);
      offset += 2 + length;
    }
  } catch {
    // A truncated segment reads past the end (RangeError): the image is shown as stored.
  }
  return 1;
}

function tiffOrientation(view: DataView, start: number): number {
  const isLittleEndian = view.getUint16(start) === 0x4949;
  const u16 = (offset: number) => view.getUint16(offset, isLittleEndian);
  const firstDirectory = start + view.getUint32(start + 4, isLittleEndian);
  for (let index = 0; index < u16(firstDirectory); index += 1) {
    const entry = firstDirectory + 2 + 12 * index;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Word

/** The start of an OLE compound file: a password-protected .docx/.xlsx or an old .doc/.xls. */
const compoundFileSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const isCompoundFile = (bytes: Uint8Array) =>
  compoundFileSignature.every((byte, index) => bytes[index] === byte);

/** Word's English style names come with mammoth; these add the Danish ones and the title. */
const wordStyleMap = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].map((level) => `p[style-name='Overskrift ${level}'] => h${level}:fresh`),
];

async function wordAsPdf(
  input: AttachmentInput,
  options: AttachmentPdfOptions,
): Promise<AttachmentPdf> {
  if (isCompoundFile(input.bytes)) return placeholder(input, m.problems.officeProtected);
  // LibreOffice and mammoth get the zip rewritten from parts proven to unpack within the
  // limits; LibreOffice opens what it cannot recognise as plain text, so damage is caught first.
  const read = readContainer(input, m.problems.wordDamaged, () => {
    const zip = openZip(input.bytes);
    return isWordPackage(zip) ? zip.asZip() : null;
  });
  if ('refused' in read) return read.refused;
  const checked = read.value;
  if (!checked) return placeholder(input, m.problems.wordDamaged);
  if (options.soffice !== 'never') {
    const converted = await convertWithSoffice(checked, options.timeoutMs ?? defaultTimeoutMs);
    if (converted) return { pdf: converted, method: 'soffice', problem: null };
  }
  let html: string;
  // Loaded when first needed, not at start-up (cold start).
  const { default: mammoth } = await import('mammoth');
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) },
      {
        styleMap: wordStyleMap,
        // A style map embedded in the file would let the file decide how it is read.
        includeEmbeddedStyleMap: false,
        // Images cannot be shown from text; not reading them saves their bytes as base64 in the HTML.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    return placeholder(input, m.problems.wordDamaged);
  }
  return renderText(input, m.wordNote(input.fileName), wordHtmlToTypst(html));
}

/** Some editors number the main part (document2.xml); mammoth follows the package relations. */
const isWordPackage = (zip: CheckedZip) =>
  zip.parts.some((part) => /^word\/document\d*\.xml$/u.test(part.name));

/**
 * Reads a bilag through a container check (platform/documents/container-limits): when it
 * unpacks to too much, a placeholder that gives the limit's reason; when it cannot be read, one
 * that says the file is damaged.
 */
function readContainer<T>(
  input: AttachmentInput,
  damaged: string,
  read: () => T,
): { value: T } | { refused: AttachmentPdf } {
  try {
    return { value: read() };
  } catch (error) {
    const isOverLimit = error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE';
    return { refused: placeholder(input, isOverLimit ? error.message : damaged) };
  }
}

/**
 * Word's HTML as Typst: top-level headings become real headings (the rich-text allow-list would
 * make them plain paragraphs), everything between them goes through the allow-list. Levels are
 * closed up (h1 → h3 becomes 1 → 2) because PDF/UA refuses a document that skips one.
 */
function wordHtmlToTypst(html: string): string {
  const parts: string[] = [];
  let pending: ChildNode[] = [];
  let level = 0;
  const flush = () => {
    if (pending.length > 0) parts.push(richTextToTypst(sanitizeRichText(render(pending))));
    pending = [];
  };
  for (const node of parseDocument(html).children) {
    const heading = isTag(node) ? /^h([1-6])$/.exec(node.name) : null;
    if (!heading) {
      pending.push(node);
      continue;
    }
    flush();
    const text = DomUtils.textContent(node).replace(/\s+/gu, ' ').trim();
    if (text === '') continue;
    level = Math.min(Number(heading[1]), level + 1);
    parts.push(`#heading(level: ${level})[${typstText(text)}];`);
  }
  flush();
  return parts.filter(Boolean).join('\n\n');
}

/**
 * The file as PDF by LibreOffice, or null when that fails. Each run has its own directory and
 * profile (LibreOffice locks a shared profile, so parallel runs would collide), and the whole
 * process group is killed on timeout: `soffice` is a script that starts `soffice.bin`.
 */
async function convertWithSoffice(
  bytes: Uint8Array,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  const command = await findOnPath('soffice');
  if (!command) return null;
  const directory = await mkdtemp(join(tmpdir(), 'dagsorden-soffice-'));
  try {
    const input = join(directory, 'bilag.docx');
    const output = join(directory, 'out');
    await mkdir(output);
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(directory, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      output,
      input,
    ];
    const hasFinished = await new Promise<boolean>((resolve) => {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' });
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone already.
        }
        resolve(false);
      }, timeoutMs);
      child.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    });
    if (!hasFinished) return null;
    const pdf = new Uint8Array(await readFile(join(output, 'bilag.pdf')));
    const document = await PDFDocument.load(pdf, { updateMetadata: false });
    return document.getPageCount() > 0 ? pdf : null;
  } catch {
    return null;
  } finally {
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The executable's path if it is on PATH; looked up on each call, so installing it needs no restart. */
async function findOnPath(name: string): Promise<string | null> {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Excel

/** Rows and columns per sheet beyond which a table no longer helps a reader of a package. */
const maxRows = 2000;
const maxColumns = 30;
/**
 * Table cells per workbook. Typst lays out big tables slowly and in the server's own process:
 * 10,000 cells took 1–2 s and 400 MB here, 52,000 (2,000 rows × 26 columns) 10 s and 1.6 GB.
 */
const maxCells = 10_000;
/** More columns than this are set on landscape pages. */
const portraitColumns = 6;

type Sheet = {
  name: string;
  /** Null for a sheet with no worksheet part (a chart sheet). */
  cells: {
    /** Shown rows: the sheet's row number and its cells by column index (0 = A). */
    rows: Array<{ number: number; cells: Map<number, Cell> }>;
    /** Shown column indexes, in order. */
    columns: number[];
    rowCount: number;
    columnCount: number;
  } | null;
};

type Cell = { text: string; isNumber: boolean };

function excelAsPdf(input: AttachmentInput): AttachmentPdf {
  if (isCompoundFile(input.bytes)) return placeholder(input, m.problems.officeProtected);
  const read = readContainer(input, m.problems.excelDamaged, () =>
    readWorkbook(openZip(input.bytes)),
  );
  if ('refused' in read) return read.refused;
  const { sheets, hiddenSheets } = read.value;
  let cellsLeft = maxCells;
  for (const { cells } of sheets) {
    if (!cells) continue;
    cells.rows = cells.rows.slice(0, Math.floor(cellsLeft / Math.max(1, cells.columns.length)));
    cellsLeft -= cells.rows.length * cells.columns.length;
  }
  const isWide = sheets.some((sheet) => (sheet.cells?.columns.length ?? 0) > portraitColumns);
  const notes = [
    m.excelNote(input.fileName),
    ...(hiddenSheets > 0 ? [m.hiddenSheets(hiddenSheets)] : []),
  ];
  const body = sheets.map(sheetToTypst).join('\n\n');
  return renderText(input, notes.join(' '), body, isWide);
}

function sheetToTypst(sheet: Sheet): string {
  const heading = `#heading(level: 1)[${typstText(sheet.name)}];`;
  const { cells } = sheet;
  if (!cells) return `${heading}\n\n${typstText(m.notAWorksheet)}`;
  if (cells.rowCount === 0) return `${heading}\n\n${typstText(m.emptySheet)}`;
  const cuts = [
    ...(cells.rows.length < cells.rowCount ? [m.rowsCut(cells.rows.length, cells.rowCount)] : []),
    ...(cells.columnCount > maxColumns ? [m.columnsCut(maxColumns, cells.columnCount)] : []),
  ].map((cut) => `#emph[${typstText(cut)}];`);
  if (cells.rows.length === 0) return [heading, ...cuts].join('\n\n');
  const header = [
    '[]',
    ...cells.columns.map((column) => `[#strong[${typstText(columnLetters(column))}];]`),
  ];
  const rows = cells.rows.flatMap((row) => [
    `[#text(fill: luma(90))[${typstText(String(row.number))}];]`,
    ...cells.columns.map((column) => {
      const cell = row.cells.get(column);
      if (!cell) return '[]';
      // Numbers right-aligned, as the spreadsheet shows them, so their digits line up.
      return cell.isNumber
        ? `table.cell(align: right)[${typstText(cell.text)}]`
        : `[${typstText(cell.text)}]`;
    }),
  ]);
  // The row numbers and column letters let a reader find "C12" that a memo refers to.
  const table = `#table(columns: ${cells.columns.length + 1}, table.header(${header.join(', ')}), ${rows.join(', ')});`;
  return [heading, ...cuts, `#[#set text(size: 8pt)\n${table}]`].join('\n\n');
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** A1-style column letters → index (A → 0), or null without any. */
function columnIndex(reference: string): number | null {
  const letters = /^[A-Z]+/i.exec(reference)?.[0];
  if (!letters) return null;
  return (
    [...letters.toUpperCase()].reduce((sum, char) => sum * 26 + char.charCodeAt(0) - 64, 0) - 1
  );
}

/** Element and attribute names without their namespace prefix (some writers use `x:c`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

type XmlHandlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

/** Streams an XML part: big sheets are read without building a tree of every cell. */
function readXml(part: Uint8Array, handlers: XmlHandlers): void {
  const parser = new Parser(
    {
      onopentag: (name, attributes) => handlers.open?.(local(name), attributes),
      ontext: (text) => handlers.text?.(text),
      onclosetag: (name) => handlers.close?.(local(name)),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(new TextDecoder().decode(part));
}

function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(attributes).find((key) => local(key) === name);
  return key === undefined ? undefined : attributes[key];
}

function readWorkbook(zip: CheckedZip): { sheets: Sheet[]; hiddenSheets: number } {
  const workbook = zip.read('xl/workbook.xml');
  if (!workbook) throw new AppError('FILE_UNREADABLE');

  const declared: Array<{ name: string; relationship: string | undefined; isHidden: boolean }> = [];
  let isDate1904 = false;
  readXml(workbook, {
    open: (name, attributes) => {
      if (name === 'workbookPr')
        isDate1904 = /^(1|true)$/u.test(attribute(attributes, 'date1904') ?? '');
      if (name !== 'sheet') return;
      const state = attribute(attributes, 'state');
      declared.push({
        name: attribute(attributes, 'name') ?? '',
        // The r:id attribute; its prefix is whatever the writer bound the relationships namespace to.
        relationship: Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1],
        isHidden: state === 'hidden' || state === 'veryHidden',
      });
    },
  });

  const targets = new Map<string, string>();
  const relationships = zip.read('xl/_rels/workbook.xml.rels');
  if (relationships) {
    readXml(relationships, {
      open: (name, attributes) => {
        const target = attribute(attributes, 'Target');
        const id = attribute(attributes, 'Id');
        if (name !== 'Relationship' || !target || !id) return;
        targets.set(id, target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`));
      },
    });
  }

  const shared = readSharedStrings(zip.read('xl/sharedStrings.xml'));
  const dateStyles = readDateStyles(zip.read('xl/styles.xml'));
  const format = (raw: Raw) => formatCell(raw, shared, dateStyles, isDate1904);
  const sheets = declared.flatMap((sheet, index): Sheet[] => {
    if (sheet.isHidden) return [];
    // Without relationships, workbooks written by simple tools number their sheets in order.
    const path =
      (sheet.relationship && targets.get(sheet.relationship)) ??
      `xl/worksheets/sheet${index + 1}.xml`;
    // Only worksheets are read: a path elsewhere (a chart sheet) shows as no worksheet.
    const part = /^xl\/worksheets\/[^/]+\.xml$/u.test(path) ? zip.read(path) : undefined;
    return [{ name: sheet.name, cells: part ? readSheet(part, format) : null }];
  });
  return { sheets, hiddenSheets: declared.filter((sheet) => sheet.isHidden).length };
}

function readSharedStrings(part: Uint8Array | undefined): string[] {
  const strings: string[] = [];
  if (!part) return strings;
  let current = '';
  let isInText = false;
  // Phonetic guides (rPh) repeat East Asian text in another script; Excel does not show them.
  let phoneticDepth = 0;
  readXml(part, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phoneticDepth += 1;
      else if (name === 't') isInText = phoneticDepth === 0;
    },
    text: (text) => {
      if (isInText) current += text;
    },
    close: (name) => {
      if (name === 'si') strings.push(current);
      else if (name === 'rPh') phoneticDepth -= 1;
      else if (name === 't') isInText = false;
    },
  });
  return strings;
}

type DateKind = { hasDate: boolean; hasTime: boolean };

/** Excel's built-in date and time formats (by number format id). */
const builtinDateFormats: Record<number, DateKind> = {
  14: { hasDate: true, hasTime: false },
  15: { hasDate: true, hasTime: false },
  16: { hasDate: true, hasTime: false },
  17: { hasDate: true, hasTime: false },
  18: { hasDate: false, hasTime: true },
  19: { hasDate: false, hasTime: true },
  20: { hasDate: false, hasTime: true },
  21: { hasDate: false, hasTime: true },
  22: { hasDate: true, hasTime: true },
  45: { hasDate: false, hasTime: true },
  46: { hasDate: false, hasTime: true },
  47: { hasDate: false, hasTime: true },
};

/**
 * The cell styles (by index) that show a number as a date or time. Formatting is otherwise left
 * out, but a date stored as 45245 would mean nothing to a reader.
 */
function readDateStyles(part: Uint8Array | undefined): Map<number, DateKind> {
  const styles = new Map<number, DateKind>();
  if (!part) return styles;
  const custom = new Map<number, DateKind>();
  let isInCellFormats = false;
  let index = 0;
  readXml(part, {
    open: (name, attributes) => {
      const id = Number(attribute(attributes, 'numFmtId'));
      if (name === 'numFmt') {
        // Quoted text, [colour]/[locale] and escaped characters are not date parts.
        const code = (attribute(attributes, 'formatCode') ?? '')
          .replace(/"[^"]*"|\[[^\]]*\]|\\./gu, '')
          .replace(/General/giu, '');
        const kind = { hasDate: /[dy]/iu.test(code), hasTime: /[hs]/iu.test(code) };
        if (kind.hasDate || kind.hasTime) custom.set(id, kind);
      } else if (name === 'cellXfs') {
        isInCellFormats = true;
      } else if (name === 'xf' && isInCellFormats) {
        const kind = custom.get(id) ?? builtinDateFormats[id];
        if (kind) styles.set(index, kind);
        index += 1;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') isInCellFormats = false;
    },
  });
  return styles;
}

type Raw = { type: string; style: number; value: string; inline: string };

function formatCell(
  raw: Raw,
  shared: readonly string[],
  dateStyles: ReadonlyMap<number, DateKind>,
  isDate1904: boolean,
): Cell | null {
  switch (raw.type) {
    case 's':
      return { text: shared[Number(raw.value)] ?? '', isNumber: false };
    case 'inlineStr':
      return { text: raw.inline, isNumber: false };
    case 'b':
      return { text: raw.value === '1' ? m.true : m.false, isNumber: false };
    case 'str':
    case 'e':
      return { text: raw.value, isNumber: false };
    default: {
      if (raw.value === '') return null;
      const number = Number(raw.value);
      if (!Number.isFinite(number)) return { text: raw.value, isNumber: false };
      const dateKind = dateStyles.get(raw.style);
      const text = dateKind ? formatSerialDate(number, dateKind, isDate1904) : formatNumber(number);
      return { text, isNumber: true };
    }
  }
}

const numberFormat = new Intl.NumberFormat('da-DK', {
  maximumSignificantDigits: 15,
  useGrouping: false,
});

/** Excel keeps 15 significant digits: 0.1 + 0.2 is shown as 0,3, not 0,30000000000000004. */
function formatNumber(number: number): string {
  return numberFormat.format(number);
}

/** A date serial as Danish date and time ("15.11.2023 18.15"), both systems (1900 and 1904). */
function formatSerialDate(serial: number, kind: DateKind, isDate1904: boolean): string {
  const day = 24 * 60 * 60 * 1000;
  // The 1900 system counts a 29 February 1900 that never was (Lotus 1-2-3's bug) after day 59.
  const epoch = isDate1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, serial < 60 ? 31 : 30);
  const date = new Date(epoch + Math.round((serial * day) / 1000) * 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  const datePart = `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
  const timePart = `${pad(date.getUTCHours())}.${pad(date.getUTCMinutes())}`;
  const showsDate = kind.hasDate || serial >= 1;
  const showsTime = kind.hasTime || !Number.isInteger(serial);
  return [showsDate ? datePart : '', showsTime ? timePart : ''].filter(Boolean).join(' ');
}

function readSheet(
  part: Uint8Array,
  format: (raw: Raw) => Cell | null,
): NonNullable<Sheet['cells']> {
  const hiddenColumns = new Set<number>();
  const rows: Array<{ number: number; cells: Map<number, Cell> }> = [];
  const used = new Set<number>();
  let rowCount = 0;
  let row: { number: number; cells: Map<number, Cell>; isHidden: boolean } | null = null;
  let raw: (Raw & { column: number }) | null = null;
  let lastColumn = -1;
  let textTarget: 'value' | 'inline' | null = null;
  readXml(part, {
    open: (name, attributes) => {
      if (name === 'col' && /^(1|true)$/u.test(attribute(attributes, 'hidden') ?? '')) {
        const min = Number(attribute(attributes, 'min'));
        // Sheets often hide every unused column up to Excel's last one (16384, XFD).
        const max = Math.min(Number(attribute(attributes, 'max')), 16384);
        for (let column = min; column <= max; column += 1) hiddenColumns.add(column - 1);
      } else if (name === 'row') {
        const number = Number(attribute(attributes, 'r')) || (row?.number ?? 0) + 1;
        // Hidden rows are left out, as Excel leaves them out when it prints.
        const isHidden = /^(1|true)$/u.test(attribute(attributes, 'hidden') ?? '');
        row = { number, cells: new Map(), isHidden };
        lastColumn = -1;
      } else if (name === 'c') {
        const column = columnIndex(attribute(attributes, 'r') ?? '') ?? lastColumn + 1;
        lastColumn = column;
        raw = {
          column,
          type: attribute(attributes, 't') ?? 'n',
          style: Number(attribute(attributes, 's') ?? 0),
          value: '',
          inline: '',
        };
      } else if (name === 'v') {
        textTarget = 'value';
      } else if (name === 't' && raw?.type === 'inlineStr') {
        textTarget = 'inline';
      }
    },
    text: (text) => {
      if (raw && textTarget === 'value') raw.value += text;
      else if (raw && textTarget === 'inline') raw.inline += text;
    },
    close: (name) => {
      if (name === 'v' || name === 't') {
        textTarget = null;
      } else if (name === 'c' && raw && row) {
        const cell = format(raw);
        if (cell && cell.text.trim() !== '' && !hiddenColumns.has(raw.column)) {
          row.cells.set(raw.column, cell);
        }
        raw = null;
      } else if (name === 'row' && row) {
        if (!row.isHidden && row.cells.size > 0) {
          rowCount += 1;
          if (rows.length < maxRows) {
            rows.push(row);
            for (const column of row.cells.keys()) used.add(column);
          }
        }
        row = null;
      }
    },
  });
  const all = [...used].sort((a, b) => a - b);
  // From the first to the last used column, so a gap shows as an empty column, as in the sheet.
  const first = all[0] ?? 0;
  const last = all.at(-1) ?? -1;
  const columns = Array.from({ length: last - first + 1 }, (_, offset) => first + offset).filter(
    (column) => !hiddenColumns.has(column),
  );
  return { rows, columns: columns.slice(0, maxColumns), rowCount, columnCount: columns.length };
}

// ---------------------------------------------------------------------------------------------
// Generated pages

/** PDF/UA-1 like the package's own pages: tagged, so a screen reader can follow the bilag too. */
const standard = 'ua-1';

function preamble(title: string, isLandscape = false): string {
  // UA-1 needs a title; the label says which bilag this is.
  const page = isLandscape ? '#set page(flipped: true)\n' : '';
  return `${typstPreamble({ title, author: null })}${page}`;
}

function note(text: string): string {
  return `#block(inset: 8pt, fill: luma(240), width: 100%)[${typstText(text)}];`;
}

function renderText(
  input: AttachmentInput,
  noteText: string,
  body: string,
  isLandscape = false,
): AttachmentPdf {
  const source = `${preamble(input.label, isLandscape)}\n${note(noteText)}\n\n${body}`;
  try {
    return { pdf: renderPdf(source, { standard }), method: 'text', problem: null };
  } catch {
    return placeholder(input, m.problems.notRendered);
  }
}

function placeholder(input: AttachmentInput, problem: string): AttachmentPdf {
  const kind = fileKindOf(input.mediaType);
  const kindText = (kind ? m.kinds[kind] : undefined) ?? m.unknownKind(input.mediaType);
  const facts = [
    [m.file, m.fileDescription(input.fileName, kindText, input.bytes.byteLength)],
    [m.reason, problem],
  ]
    .map(([label, value]) => `[#strong[${typstText(label!)}];], [${typstText(value!)}]`)
    .join(', ');
  const source = [
    preamble(input.label),
    `#heading(level: 1)[${typstText(input.label)}];`,
    typstText(m.placeholderIntro),
    `#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.7em, ${facts});`,
    typstText(m.originalAvailable),
  ].join('\n\n');
  return { pdf: renderPdf(source, { standard }), method: 'placeholder', problem };
}
