import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
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
import { afterEach, describe, expect, it } from 'vitest';
import {
  attachment,
  expectLimitPlaceholder,
  expectPlaceholder,
  label,
  mediaTypes,
  megabyte,
  messages,
} from '../../../../test/attachment-pdf-helpers';
import { docxBomb } from '../../../../test/bomb-factories';
import { makeDocx, makePdf } from '../../../../test/file-factories';
import { pdfInfo, pdfSource, pdfText } from '../../../../test/pdf-tools';
import { attachmentAsPdf } from './index';

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

describe('attachmentAsPdf: files that unpack to too much', () => {
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
});
