import { da } from '../../platform/i18n/da';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import {
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { docxBomb, pdfBomb, xlsxBomb } from '../../../test/bomb-factories';
import {
  encryptPdf,
  makeDocx,
  makePdf,
  makeXlsx,
  tinyJpeg,
  tinyPng,
} from '../../../test/file-factories';
import { pdfInfo, pdfSource, pdfText } from '../../../test/pdf-tools';
import { attachmentAsPdf, type AttachmentInput } from './attachment-pdf';

const messages = da.attachmentPdf;

const mediaTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
};

const label = 'Punkt 4, Bilag 1: Sammen om Opgaven';

const attachment = (
  mediaType: string,
  bytes: Uint8Array,
  fileName = 'Sammen om Opgaven',
): AttachmentInput => ({ mediaType, bytes, fileName, label });

async function pageSizes(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map((page) => page.getSize());
}

/** Runs a poppler tool on the PDF (poppler-utils is installed wherever test/pdf-tools runs). */
function poppler(pdf: Uint8Array, command: string, args: (file: string) => string[]): string {
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

/** The resolution each image is placed at, from `pdfimages -list` (its x-ppi column). */
function imageResolutions(pdf: Uint8Array): number[] {
  return (
    poppler(pdf, 'pdfimages', (file) => ['-list', file])
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      // An image with transparency is listed twice: the image and its soft mask (smask).
      .filter((columns) => columns[2] === 'image')
      .map((columns) => Number(columns[12]))
  );
}

/** Every word on the first page with its left edge, from `pdftotext -bbox`. */
function wordPositions(pdf: Uint8Array): Array<{ word: string; left: number }> {
  const html = poppler(pdf, 'pdftotext', (file) => ['-bbox', '-f', '1', '-l', '1', file, '-']);
  return [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((match) => ({
    word: match[2]!.replaceAll('&amp;', '&'),
    left: Number(match[1]),
  }));
}

const leftOf = (words: ReturnType<typeof wordPositions>, word: string) => {
  const found = words.find((candidate) => candidate.word === word);
  if (!found) throw new Error(`"${word}" is not on the page`);
  return found.left;
};

/** A valid RGB PNG of the given size: IHDR, one zlib IDAT with filter 0 rows, IEND. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framing = Buffer.alloc(8);
    framing.writeUInt32BE(data.length, 0);
    framing.writeUInt32BE(crc32(body), 4);
    return Buffer.concat([framing.subarray(0, 4), body, framing.subarray(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1)
      rows.set([x % 256, y % 256, 128], y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real JPEG of width × height pixels: a page that size in points, rendered by pdftoppm at 72 dpi. */
async function makeJpeg(width: number, height: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([width, height]);
  page.drawRectangle({
    x: 0,
    y: height / 2,
    width: width / 4,
    height: height / 2,
    color: rgb(1, 0, 0),
  });
  const directory = mkdtempSync(join(tmpdir(), 'attachment-pdf-jpeg-'));
  try {
    writeFileSync(join(directory, 'page.pdf'), await document.save());
    execFileSync('pdftoppm', ['-jpeg', '-r', '72', '-singlefile', 'page.pdf', 'page'], {
      cwd: directory,
    });
    return readFileSync(join(directory, 'page.jpg'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The JPEG with an EXIF segment saying how it is to be turned (6: a quarter turn clockwise). */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    segment,
    Buffer.from('Exif\0\0', 'latin1'),
    tiff,
    jpeg.subarray(2),
  ]);
}

/** A Word document with the structures a bilag has, and text that means something in Typst. */
async function makeWordAttachment(): Promise<Buffer> {
  const document = new Document({
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•' }] },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Sammen om Opgaven', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('Ældre borgere på Østergård får hjælp. '),
              new TextRun({ text: 'Vigtigt:', bold: true }),
              new TextRun(' #panic("x") og *stjerne* og <script>alert(1)</script>'),
            ],
          }),
          // Level 3 straight after level 1: PDF/UA refuses a skipped level unless it is closed up.
          new Paragraph({ text: 'Økonomi og tidsplan', heading: HeadingLevel.HEADING_3 }),
          new Paragraph({ text: 'Første punkt', numbering: { reference: 'bullets', level: 0 } }),
          new Paragraph({ text: 'Andet punkt', numbering: { reference: 'bullets', level: 0 } }),
          new Table({
            rows: [
              new TableRow({
                children: ['År', 'Beløb'].map(
                  (text) => new TableCell({ children: [new Paragraph(text)] }),
                ),
              }),
              new TableRow({
                children: ['2024', '500.000 kr.'].map(
                  (text) => new TableCell({ children: [new Paragraph(text)] }),
                ),
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

type SheetSpec = { name: string; xml: string; state?: 'hidden'; file: string };

/** A workbook from raw sheet XML, with shared strings and a date style (xf 1 = format 14). */
function makeWorkbook(sheets: SheetSpec[], sharedStrings: string[]): Uint8Array {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const escape = (text: string) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${relationships}"><sheets>${sheets
        .map(
          (sheet, index) =>
            `<sheet name="${escape(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"${sheet.state ? ` state="${sheet.state}"` : ''}/>`,
        )
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (sheet, index) =>
            `<Relationship Id="rId${index + 1}" Type="${relationships}/worksheet" Target="worksheets/${sheet.file}"/>`,
        )
        .join('')}</Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}">${sharedStrings
        .map((text) => `<si><t>${escape(text)}</t></si>`)
        .join('')}</sst>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
  };
  for (const sheet of sheets) files[`xl/worksheets/${sheet.file}`] = strToU8(sheet.xml);
  return zipSync(files);
}

const worksheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** A script standing in for LibreOffice, first on PATH for one test. */
function fakeSoffice(script: string): { directory: string; log: string } {
  const directory = mkdtempSync(join(tmpdir(), 'fake-soffice-'));
  const log = join(directory, 'arguments.log');
  writeFileSync(
    join(directory, 'soffice'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\n${script}\n`,
  );
  chmodSync(join(directory, 'soffice'), 0o755);
  process.env.PATH = `${directory}${delimiter}${originalPath}`;
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return { directory, log };
}

const originalPath = process.env.PATH;
const cleanups: Array<() => void> = [];
afterEach(() => {
  process.env.PATH = originalPath;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Whether the process runs; a zombie does not (a container's init may never reap it). */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function expectPlaceholder(
  result: Awaited<ReturnType<typeof attachmentAsPdf>>,
  problem: string,
  fileName: string,
) {
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

const megabyte = 1000 * 1000;

/** A placeholder whose reason is a container limit's message (long, so wrapped on the page). */
function expectLimitPlaceholder(
  result: Awaited<ReturnType<typeof attachmentAsPdf>>,
  problem: RegExp,
  fileName: string,
) {
  expect(result.method).toBe('placeholder');
  expect(result.problem).toMatch(problem);
  const text = pdfText(result.pdf).replace(/\s+/g, ' ');
  expect(text).toContain(result.problem);
  expect(text).toContain(fileName);
}

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

  it('replaces a Word file that unpacks 1,000 times over, and does not hand it to LibreOffice', async () => {
    const { log } = fakeSoffice('exit 1');
    const result = await attachmentAsPdf(
      attachment(mediaTypes.docx, await docxBomb(12 * megabyte), 'Bombe.docx'),
    );
    expectLimitPlaceholder(
      result,
      /"word\/document.xml" fylder .* og 12 MB udpakket/,
      'Bombe.docx',
    );
    expect(() => readFileSync(log)).toThrow();
  });

  it('replaces a Word file with a part that unpacks to more than it declares', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.docx, await docxBomb(12 * megabyte, 1000), 'Bombe.docx'),
      { soffice: 'never' },
    );
    expectLimitPlaceholder(result, /mere end den selv oplyser/, 'Bombe.docx');
  });

  it('replaces a workbook whose shared strings unpack 1,000 times over', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.xlsx, xlsxBomb(12 * megabyte), 'Bombe.xlsx'),
    );
    expectLimitPlaceholder(result, /"xl\/sharedStrings.xml"/, 'Bombe.xlsx');
  });
});

describe('attachmentAsPdf: images', () => {
  it('puts the 1×1 PNG and JPEG on one portrait A4 page each, at 150 dpi', async () => {
    for (const [mediaType, bytes] of [
      [mediaTypes.png, tinyPng],
      [mediaTypes.jpg, tinyJpeg],
    ] as const) {
      const result = await attachmentAsPdf(attachment(mediaType, bytes, 'Foto'));
      expect(result.method).toBe('image');
      const [page, ...rest] = await pageSizes(result.pdf);
      expect(rest).toHaveLength(0);
      expect(page!.width).toBeCloseTo(595.28, 1);
      expect(page!.height).toBeCloseTo(841.89, 1);
      expect(imageResolutions(result.pdf)).toEqual([150]);
    }
  });

  it('puts a wide image on a landscape page without enlarging it', async () => {
    const result = await attachmentAsPdf(attachment(mediaTypes.png, makePng(400, 200), 'Kort.png'));
    expect(result.method).toBe('image');
    expect(await pageSizes(result.pdf)).toEqual([
      { width: expect.closeTo(841.89, 1) as number, height: expect.closeTo(595.28, 1) as number },
    ]);
    expect(imageResolutions(result.pdf)).toEqual([150]);
  });

  it('shrinks a large image to fit inside 2 cm margins', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.png, makePng(3000, 1000), 'Plan.png'),
    );
    const [page] = await pageSizes(result.pdf);
    expect(page!.width).toBeGreaterThan(page!.height);
    // 3000 px across the landscape page less two 2 cm margins (297 − 40 = 257 mm).
    const [resolution] = imageResolutions(result.pdf);
    expect(resolution).toBeCloseTo(3000 / (257 / 25.4), -1);
  });

  it('turns a JPEG as its EXIF orientation says: a wide photo stored sideways is upright', async () => {
    const wide = await makeJpeg(400, 200);
    const plain = await attachmentAsPdf(attachment(mediaTypes.jpg, wide, 'Foto.jpg'));
    const turned = await attachmentAsPdf(
      attachment(mediaTypes.jpg, withExifOrientation(wide, 6), 'Foto.jpg'),
    );
    const [landscape] = await pageSizes(plain.pdf);
    const [portrait] = await pageSizes(turned.pdf);
    expect(landscape!.width).toBeGreaterThan(landscape!.height);
    expect(portrait!.width).toBeLessThan(portrait!.height);
  });

  it('replaces an image that cannot be read', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.png, tinyPng.subarray(0, 20), 'Skærmbillede.png'),
    );
    expectPlaceholder(result, messages.problems.imageDamaged, 'Skærmbillede.png');
  });
});

describe('attachmentAsPdf: Word', () => {
  it('renders the text, headings, list and table under a note, with Typst syntax as text', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.docx, await makeWordAttachment(), 'Sammen om Opgaven.docx'),
      { soffice: 'never' },
    );
    expect(result).toMatchObject({ method: 'text', problem: null });
    const text = pdfText(result.pdf);
    expect(text).toContain(messages.wordNote('Sammen om Opgaven.docx'));
    for (const expected of [
      'Sammen om Opgaven',
      'Ældre borgere på Østergård får hjælp. Vigtigt: #panic("x") og *stjerne*',
      '<script>alert(1)</',
      'Økonomi og tidsplan',
      '• Første punkt',
      '• Andet punkt',
      'År Beløb',
      '2024 500.000 kr.',
    ]) {
      expect(text).toContain(expected);
    }
    // Real headings (closed up to levels 1 and 2), a list and a table in the tagged PDF.
    const source = pdfSource(result.pdf);
    expect(source).toContain('/S /H1');
    expect(source).toContain('/S /H2');
    expect(source).toContain('/S /L');
    expect(source).toContain('/S /Table');
    expect(pdfInfo(result.pdf).Title).toBe(label);
  });

  it('replaces a damaged Word file, and does not hand it to LibreOffice', async () => {
    const { log } = fakeSoffice('exit 1');
    const docx = await makeDocx('Overskrift', ['Tekst']);
    const result = await attachmentAsPdf(
      attachment(mediaTypes.docx, docx.subarray(0, docx.length / 2), 'Beskadiget.docx'),
    );
    expectPlaceholder(result, messages.problems.wordDamaged, 'Beskadiget.docx');
    expect(() => readFileSync(log)).toThrow();
  });

  it('replaces a password-protected (OLE) Word file', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const result = await attachmentAsPdf(attachment(mediaTypes.docx, ole, 'Låst.docx'));
    expectPlaceholder(result, messages.problems.officeProtected, 'Låst.docx');
  });

  it('uses LibreOffice when soffice is on PATH, in a private directory and profile', async () => {
    const converted = await makePdf(['Konverteret af LibreOffice']);
    const directory = mkdtempSync(join(tmpdir(), 'converted-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    writeFileSync(join(directory, 'converted.pdf'), converted);
    const { log } = fakeSoffice(
      `while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\ncp '${join(directory, 'converted.pdf')}' "$out/$(basename "$1" .docx).pdf"`,
    );
    const result = await attachmentAsPdf(
      attachment(mediaTypes.docx, await makeDocx('Overskrift', ['Tekst']), 'Notat.docx'),
    );
    expect(result).toMatchObject({ method: 'soffice', problem: null });
    expect(Buffer.compare(result.pdf, converted)).toBe(0);
    const args = readFileSync(log, 'utf8').trim().split('\n');
    expect(args[0]).toMatch(
      /^-env:UserInstallation=file:\/\/\/.*dagsorden-soffice-[^/]+\/profile$/,
    );
    expect(args.slice(1, -1)).toEqual([
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      expect.stringMatching(/dagsorden-soffice-[^/]+\/out$/) as string,
    ]);
    expect(args.at(-1)).toMatch(/dagsorden-soffice-[^/]+\/bilag\.docx$/);
  });

  it("renders the text when LibreOffice fails, and doesn't start it with soffice: 'never'", async () => {
    const { log } = fakeSoffice('exit 1');
    const docx = await makeDocx('Overskrift', ['Tekst fra Word']);
    const failed = await attachmentAsPdf(attachment(mediaTypes.docx, docx, 'Notat.docx'));
    expect(failed.method).toBe('text');
    expect(pdfText(failed.pdf)).toContain('Tekst fra Word');
    rmSync(log);
    const never = await attachmentAsPdf(attachment(mediaTypes.docx, docx, 'Notat.docx'), {
      soffice: 'never',
    });
    expect(never.method).toBe('text');
    expect(() => readFileSync(log)).toThrow();
  });

  it('kills LibreOffice and everything it started when it takes too long', async () => {
    const { directory } = fakeSoffice(`sleep 30 &\necho $! > "$(dirname "$0")/child.pid"\nwait`);
    const started = performance.now();
    const result = await attachmentAsPdf(
      attachment(mediaTypes.docx, await makeDocx('Overskrift', ['Tekst']), 'Notat.docx'),
      { timeoutMs: 500 },
    );
    expect(result.method).toBe('text');
    expect(performance.now() - started).toBeLessThan(10_000);
    const child = Number(readFileSync(join(directory, 'child.pid'), 'utf8'));
    await expect.poll(() => isRunning(child)).toBe(false);
  });
});

describe('attachmentAsPdf: Excel', () => {
  it('renders the factory workbook as a table under a note', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.xlsx, makeXlsx(['Første', 'Anden & tredje']), 'Budget.xlsx'),
    );
    expect(result).toMatchObject({ method: 'text', problem: null });
    const text = pdfText(result.pdf);
    expect(text).toContain(messages.excelNote('Budget.xlsx'));
    expect(text).toContain('Ark1');
    expect(text).toContain('1 Første');
    expect(text).toContain('2 Anden & tredje');
  });

  it('puts cells in their columns, reads every cell type and leaves hidden sheets and rows out', async () => {
    const budget = worksheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Æbler &amp; pærer</t></is></c><c r="C2"><v>1234.5</v></c></row>' +
        '<row r="3" hidden="1"><c r="A3" t="s"><v>2</v></c></row>' +
        '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="C4" s="1"><v>45245</v></c></row>' +
        '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="C5" t="str"><f>A1</f><v>#panic("x")</v></c></row>' +
        '<row r="6"><c r="A6"><v>0.30000000000000004</v></c></row>',
    );
    // Another writer's style: namespace prefixes on every element.
    const notes = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="B1" t="s"><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const secret = worksheet('<row r="1"><c r="A1" t="s"><v>5</v></c></row>');
    const workbook = makeWorkbook(
      [
        // The relationships decide which part is which sheet, not the part's number.
        { name: 'Budget 2024', xml: budget, file: 'sheet2.xml' },
        { name: 'Noter', xml: notes, file: 'sheet1.xml' },
        { name: 'Fortroligt', xml: secret, file: 'sheet3.xml', state: 'hidden' },
      ],
      ['Post', 'Beløb', 'Skjult række', '<Dato>', 'Kun i kolonne B', 'Hemmeligt tal'],
    );
    const result = await attachmentAsPdf(attachment(mediaTypes.xlsx, workbook, 'Budget.xlsx'));
    expect(result.method).toBe('text');
    const text = pdfText(result.pdf);
    expect(text).toContain(messages.hiddenSheets(1));
    for (const expected of [
      'Budget 2024',
      'A B C',
      '1 Post Beløb',
      '2 Æbler & pærer 1234,5',
      '4 <Dato> 15.11.2023',
      `5 ${messages.true} #panic("x")`,
      '6 0,3',
      'Noter',
      '1 Kun i kolonne B',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('0,30000000000000004');
    expect(text).not.toContain('Skjult række');
    expect(text).not.toContain('Hemmeligt tal');
    expect(text).not.toContain('Fortroligt');

    const words = wordPositions(result.pdf);
    // Column B is there, empty, between A and C; each value starts where its column does.
    expect(leftOf(words, 'A')).toBeLessThan(leftOf(words, 'B'));
    expect(leftOf(words, 'B')).toBeLessThan(leftOf(words, 'C'));
    expect(leftOf(words, 'Post')).toBeCloseTo(leftOf(words, 'A'), 0);
    expect(leftOf(words, 'Beløb')).toBeCloseTo(leftOf(words, 'C'), 0);
    // Numbers are right-aligned in their column.
    expect(leftOf(words, '1234,5')).toBeGreaterThan(leftOf(words, 'C'));
  });

  it('cuts a long sheet at 2,000 rows and says so', async () => {
    const rows = Array.from({ length: 2005 }, (_, index) => `Række ${index + 1}`);
    const result = await attachmentAsPdf(attachment(mediaTypes.xlsx, makeXlsx(rows), 'Lang.xlsx'));
    expect(result.method).toBe('text');
    const text = pdfText(result.pdf);
    expect(text).toContain(messages.rowsCut(2000, 2005));
    expect(text).toContain('Kun de første 2.000 af 2.005 rækker er med.');
    expect(text).toContain('Række 2000');
    expect(text).not.toContain('Række 2001');
  });

  it('shows at most 10,000 cells of a workbook, and says what is left out', async () => {
    const row = (number: number, columns: number) =>
      `<row r="${number}">${Array.from(
        { length: columns },
        (_, index) => `<c r="${String.fromCharCode(65 + index)}${number}"><v>${number}</v></c>`,
      ).join('')}</row>`;
    const big = Array.from({ length: 1200 }, (_, index) => row(index + 1, 9)).join('');
    const small = Array.from({ length: 5 }, (_, index) => row(index + 1, 2)).join('');
    const workbook = makeWorkbook(
      [
        { name: 'Stort', xml: worksheet(big), file: 'sheet1.xml' },
        { name: 'Lille', xml: worksheet(small), file: 'sheet2.xml' },
      ],
      [],
    );
    const result = await attachmentAsPdf(attachment(mediaTypes.xlsx, workbook, 'Stort.xlsx'));
    expect(result.method).toBe('text');
    const text = pdfText(result.pdf);
    // 10,000 cells / 9 columns = 1,111 rows.
    expect(text).toContain(messages.rowsCut(1111, 1200));
    expect(text).toContain('Lille');
    expect(text).toContain(messages.rowsCut(0, 5));
  });

  it('sets a wide sheet on landscape pages', async () => {
    const cells = Array.from({ length: 8 }, (_, index) => {
      const column = String.fromCharCode(65 + index);
      return `<c r="${column}1" t="inlineStr"><is><t>Kolonne ${column}</t></is></c>`;
    }).join('');
    const workbook = makeWorkbook(
      [{ name: 'Bred', xml: worksheet(`<row r="1">${cells}</row>`), file: 'sheet1.xml' }],
      [],
    );
    const result = await attachmentAsPdf(attachment(mediaTypes.xlsx, workbook, 'Bred.xlsx'));
    const [page] = await pageSizes(result.pdf);
    expect(page!.width).toBeGreaterThan(page!.height);
    expect(pdfText(result.pdf)).toContain('Kolonne H');
  });

  it('replaces a workbook that is not a zip', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.xlsx, Buffer.from('ikke et regneark'), 'Regnskab.xlsx'),
    );
    expectPlaceholder(result, messages.problems.excelDamaged, 'Regnskab.xlsx');
  });
});

describe('attachmentAsPdf: anything else', () => {
  it('replaces a file type it cannot show, printing the label and names literally', async () => {
    const result = await attachmentAsPdf({
      mediaType: 'text/plain',
      bytes: Buffer.from('hej'),
      fileName: 'noter #panic("x").txt',
      label: 'Punkt 4, Bilag 2: *Noter* #panic("y")',
    });
    expect(result.method).toBe('placeholder');
    expect(result.problem).toBe(messages.problems.typeNotSupported);
    const text = pdfText(result.pdf);
    expect(text).toContain('Punkt 4, Bilag 2: *Noter* #panic("y")');
    expect(text).toContain('noter #panic("x").txt (fil af typen text/plain, 1 kB)');
    expect(text).toContain(messages.problems.typeNotSupported);
  });
});
