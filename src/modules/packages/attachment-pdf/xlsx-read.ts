import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import type { CheckedZip } from '../../../platform/documents/container-limits';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';

const m = da.attachmentPdf;

/** Rows and columns per sheet beyond which a table no longer helps a reader of a package. */
const maxRows = 2000;
export const maxColumns = 30;

export type Sheet = {
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

/** The visible sheets' shown cells, formatted as Excel shows them, and how many sheets are hidden. */
export function readWorkbook(zip: CheckedZip): { sheets: Sheet[]; hiddenSheets: number } {
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
