import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  attachment,
  expectLimitPlaceholder,
  expectPlaceholder,
  mediaTypes,
  megabyte,
  messages,
  pageSizes,
  poppler,
} from '../../../../test/attachment-pdf-helpers';
import { xlsxBomb } from '../../../../test/bomb-factories';
import { makeXlsx } from '../../../../test/file-factories';
import { pdfText } from '../../../../test/pdf-tools';
import { attachmentAsPdf } from './index';

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

describe('attachmentAsPdf: files that unpack to too much', () => {
  it('replaces a workbook whose shared strings unpack 1,000 times over', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.xlsx, xlsxBomb(12 * megabyte), 'Bombe.xlsx'),
    );
    expectLimitPlaceholder(result, /"xl\/sharedStrings.xml"/, 'Bombe.xlsx');
  });
});
