import { AppError } from '../../platform/errors';
import { openZip } from '../../platform/documents/container-limits';
import { hasBidiControl, hasControlCharacter } from '../../platform/http/control-characters';
import { da } from '../../platform/i18n/da';
import { isValidIsoDate } from '../../platform/i18n/format';

/**
 * Reading a committee list as municipalities keep it (CSV or XLSX: Navn, Titel, E-mail, Telefon,
 * Parti, Rolle, Fra, Til) into rows of text. No database here: membership-import.ts plans and
 * applies (a new person gets the list's party). Every cell is plain text: formulas are never evaluated (an XLSX formula gives its
 * cached result, a CSV "=…" stays the characters it is).
 */

export const committeeListLimits = {
  /** A committee list is a few kB; a file over this is not one. */
  maxBytes: 2 * 1024 * 1024,
  /** Rows after the header. */
  maxRows: 1000,
  /** Characters in one cell. */
  maxCellLength: 300,
};

export type CommitteeListColumn =
  'name' | 'title' | 'email' | 'phone' | 'party' | 'role' | 'startDate' | 'endDate';

/** One row of the list as text (trimmed; '' when empty), with its line in the file. */
export type CommitteeListRow = { line: number } & Record<CommitteeListColumn, string>;

/** Header names (lower case, spaces collapsed) and the column each means. */
const headerNames: Record<string, CommitteeListColumn> = {
  navn: 'name',
  name: 'name',
  'fulde navn': 'name',
  titel: 'title',
  title: 'title',
  stilling: 'title',
  'e-mail': 'email',
  email: 'email',
  mail: 'email',
  'e-mailadresse': 'email',
  telefon: 'phone',
  tlf: 'phone',
  'tlf.': 'phone',
  telefonnummer: 'phone',
  mobil: 'phone',
  phone: 'phone',
  parti: 'party',
  party: 'party',
  rolle: 'role',
  role: 'role',
  funktion: 'role',
  fra: 'startDate',
  'fra dato': 'startDate',
  startdato: 'startDate',
  start: 'startDate',
  startdate: 'startDate',
  til: 'endDate',
  'til dato': 'endDate',
  slutdato: 'endDate',
  slut: 'endDate',
  enddate: 'endDate',
};

const t = da.memberships.import;

const invalid = (message: string, cause?: unknown) =>
  new AppError('IMPORT_INVALID', { message, details: [{ field: 'file', message }], cause });

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

/** Reads a CSV or XLSX committee list (told apart by content, not by name) into rows. */
export async function readCommitteeList(bytes: Uint8Array): Promise<CommitteeListRow[]> {
  if (bytes.length > committeeListLimits.maxBytes) {
    const message = t.fileTooLarge(committeeListLimits.maxBytes);
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message,
      details: [{ field: 'file', message }],
    });
  }
  const isZip = zipSignature.every((byte, index) => bytes[index] === byte);
  const table = isZip ? await readXlsxTable(bytes) : readCsvTable(decodeText(bytes));
  return rowsFromTable(table);
}

/** UTF-8 (with or without BOM); Excel's Danish "CSV" without BOM is often Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * RFC 4180 CSV with the separator found in the header line (`;` as Danish Excel writes it, else
 * `,` or tab): quoted fields may hold separators, doubled quotes and line breaks.
 */
export function readCsvTable(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const separator = [';', ',', '\t'].reduce((best, candidate) =>
    countOutsideQuotes(firstLine, candidate) > countOutsideQuotes(firstLine, best)
      ? candidate
      : best,
  );
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldWasQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (inQuotes) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else inQuotes = false;
      continue;
    }
    if (char === '"' && field.trim() === '' && !fieldWasQuoted) {
      inQuotes = true;
      fieldWasQuoted = true;
      field = '';
    } else if (char === separator) {
      row.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      if (rows.length > committeeListLimits.maxRows + 1) throw invalid(t.tooManyRows);
      row = [];
      field = '';
      fieldWasQuoted = false;
    } else field += char;
  }
  if (inQuotes) throw invalid(t.unclosedQuote);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function countOutsideQuotes(line: string, separator: string): number {
  let count = 0;
  let inQuotes = false;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === separator && !inQuotes) count += 1;
  }
  return count;
}

/** The first visible worksheet as text, the zip checked against the container limits first. */
async function readXlsxTable(bytes: Uint8Array): Promise<string[][]> {
  let checked: Uint8Array;
  try {
    checked = openZip(bytes).asZip();
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') throw error;
    throw invalid(t.unreadable, error);
  }
  // Loaded on first use: only an XLSX import needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) as never,
    );
  } catch (error) {
    throw invalid(t.unreadable, error);
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.state === 'visible');
  if (!sheet) throw invalid(t.empty);
  if (sheet.rowCount > committeeListLimits.maxRows + 1) throw invalid(t.tooManyRows);
  const rows: string[][] = [];
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const cells: string[] = [];
    for (let column = 1; column <= Math.min(row.cellCount, 50); column += 1) {
      cells.push(cellText(row.getCell(column).value));
    }
    rows.push(cells);
  }
  return rows;
}

/** A cell's value as text: a date as ISO, a formula as its cached result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText
        .map((part: unknown) =>
          typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '',
        )
        .join('');
    }
    if ('text' in value) return cellText(value.text);
  }
  return '';
}

/** Header row → columns; then every non-empty row as a CommitteeListRow. */
export function rowsFromTable(table: readonly string[][]): CommitteeListRow[] {
  const headerIndex = table.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (headerIndex === -1) throw invalid(t.empty);
  const header = table[headerIndex]!.map((cell) =>
    cell
      .replace(/^\uFEFF/u, '')
      .trim()
      .toLowerCase()
      .replace(/\s+/gu, ' '),
  );
  const columns = header.map((name) => headerNames[name]);
  if (!columns.includes('name')) throw invalid(t.noNameColumn);
  const rows: CommitteeListRow[] = [];
  for (let index = headerIndex + 1; index < table.length; index += 1) {
    const cells = table[index]!;
    if (cells.every((cell) => cell.trim() === '')) continue;
    const row: CommitteeListRow = {
      line: index + 1,
      name: '',
      title: '',
      email: '',
      phone: '',
      party: '',
      role: '',
      startDate: '',
      endDate: '',
    };
    for (const [column, key] of columns.entries()) {
      if (key === undefined) continue;
      const text = (cells[column] ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim();
      if (text.length > committeeListLimits.maxCellLength) {
        throw invalid(t.cellTooLong(index + 1, committeeListLimits.maxCellLength));
      }
      if (hasControlCharacter(text) || hasBidiControl(text)) {
        throw invalid(t.controlCharacter(index + 1));
      }
      row[key] = text;
    }
    rows.push(row);
    if (rows.length > committeeListLimits.maxRows) throw invalid(t.tooManyRows);
  }
  if (rows.length === 0) throw invalid(t.empty);
  return rows;
}

/**
 * A date as committee lists write it: dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy (day and month may
 * have one digit) or ISO yyyy-mm-dd; the ISO date, or null when it is none (or no real day).
 */
export function parseListDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const danish = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/u.exec(text);
  const candidate = iso
    ? `${iso[1]}-${iso[2]}-${iso[3]}`
    : danish
      ? `${danish[3]}-${danish[2]!.padStart(2, '0')}-${danish[1]!.padStart(2, '0')}`
      : null;
  return candidate !== null && isValidIsoDate(candidate) ? candidate : null;
}
