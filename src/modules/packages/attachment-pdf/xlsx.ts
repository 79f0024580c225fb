import { openZip } from '../../../platform/documents/container-limits';
import { da } from '../../../platform/i18n/da';
import { typstText } from '../../../platform/documents/typst';
import { isCompoundFile } from './office';
import { placeholder, readContainer, renderText } from './placeholder';
import type { AttachmentInput, AttachmentPdf } from './types';
import { maxColumns, readWorkbook, type Sheet } from './xlsx-read';

const m = da.attachmentPdf;

/**
 * Table cells per workbook. Typst lays out big tables slowly and in the server's own process:
 * 10,000 cells took 1–2 s and 400 MB here, 52,000 (2,000 rows × 26 columns) 10 s and 1.6 GB.
 */
const maxCells = 10_000;
/** More columns than this are set on landscape pages. */
const portraitColumns = 6;

/** A workbook's visible sheets as tables, landscape when a sheet is wide. */
export function excelAsPdf(input: AttachmentInput): AttachmentPdf {
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
