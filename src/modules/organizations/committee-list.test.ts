import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import {
  cellText,
  decodeText,
  parseListDate,
  readCommitteeList,
  readCsvTable,
  rowsFromTable,
} from './committee-list';
import { membershipRoleFromText } from './membership-roles';

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('readCsvTable', () => {
  it('finds the separator in the header and reads quoted fields', () => {
    expect(readCsvTable('Navn;Rolle\r\n"Hansen; Ole";"Formand"\r\n')).toEqual([
      ['Navn', 'Rolle'],
      ['Hansen; Ole', 'Formand'],
    ]);
    expect(readCsvTable('Navn,Rolle\n"Say ""hi""",medlem')).toEqual([
      ['Navn', 'Rolle'],
      ['Say "hi"', 'medlem'],
    ]);
    expect(readCsvTable('Navn\tRolle\nA\tB')).toEqual([
      ['Navn', 'Rolle'],
      ['A', 'B'],
    ]);
  });

  it('keeps line breaks inside quotes and quotes inside a field as text', () => {
    expect(readCsvTable('Navn;Titel\n"To\nlinjer";=SUM("A1")')).toEqual([
      ['Navn', 'Titel'],
      ['To\nlinjer', '=SUM("A1")'],
    ]);
  });

  it('refuses a quote that never closes', () => {
    expect(() => readCsvTable('Navn\n"Åben')).toThrow(AppError);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with a BOM, and Windows-1252 as Danish Excel writes it', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa6]))).toBe('æ');
    expect(decodeText(new Uint8Array([0x4e, 0xe6, 0x73, 0x74, 0x76, 0xe6, 0x64]))).toBe('Næstvæd');
  });
});

describe('rowsFromTable', () => {
  it('matches header names without regard to case, BOM or spacing, and ignores other columns', () => {
    const rows = rowsFromTable([
      ['\uFEFFNAVN', ' e-mail ', 'Fra  Dato', 'Noget andet'],
      ['  Ole   Hansen ', 'ole@example.org', '01-02-2024', 'x'],
      ['', '', '', ''],
    ]);
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Ole Hansen',
        title: '',
        email: 'ole@example.org',
        phone: '',
        party: '',
        role: '',
        startDate: '01-02-2024',
        endDate: '',
      },
    ]);
  });

  it('refuses a list without a name column, without rows, or with control characters', () => {
    expect(() => rowsFromTable([['Fornavn'], ['Ole']])).toThrow(AppError);
    expect(() => rowsFromTable([['Navn']])).toThrow(AppError);
    expect(() => rowsFromTable([['Navn'], ['Ole\u0000']])).toThrow(AppError);
    expect(() => rowsFromTable([['Navn'], ['Ole\u202e']])).toThrow(AppError);
    expect(() => rowsFromTable([['Navn'], ['x'.repeat(301)]])).toThrow(AppError);
  });
});

describe('parseListDate', () => {
  it('reads Danish and ISO dates and refuses days that do not exist', () => {
    expect(parseListDate('01-02-2024')).toBe('2024-02-01');
    expect(parseListDate('1.2.2024')).toBe('2024-02-01');
    expect(parseListDate('29/02/2024')).toBe('2024-02-29');
    expect(parseListDate('2024-02-01')).toBe('2024-02-01');
    expect(parseListDate('31-02-2024')).toBeNull();
    expect(parseListDate('2024-13-01')).toBeNull();
    expect(parseListDate('februar 2024')).toBeNull();
  });
});

describe('cellText', () => {
  it('gives a formula its cached result and never its formula', () => {
    expect(cellText({ formula: 'HYPERLINK("http://x")', result: 'Ole' })).toBe('Ole');
    expect(cellText({ formula: 'NOW()' })).toBe('');
    expect(cellText({ richText: [{ text: 'Ole ' }, { text: 'Hansen' }] })).toBe('Ole Hansen');
    expect(cellText(new Date(Date.UTC(2024, 1, 1)))).toBe('2024-02-01');
    expect(cellText(41854155)).toBe('41854155');
  });
});

describe('readCommitteeList', () => {
  it('reads an XLSX file’s first visible sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Skjult', { state: 'hidden' }).addRow(['Navn']);
    const sheet = workbook.addWorksheet('Udvalg');
    sheet.addRow(['Navn', 'Rolle', 'Fra']);
    sheet.addRow(['Ole Hansen', 'Formand', new Date(Date.UTC(2022, 0, 1))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const rows = await readCommitteeList(bytes);
    expect(rows).toMatchObject([
      { line: 2, name: 'Ole Hansen', role: 'Formand', startDate: '2022-01-01' },
    ]);
  });

  it('refuses a file that is too large or a damaged XLSX', async () => {
    expect(await codeOf(readCommitteeList(new Uint8Array(3 * 1024 * 1024)))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(await codeOf(readCommitteeList(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe(
      'IMPORT_INVALID',
    );
  });
});

describe('membershipRoleFromText', () => {
  it('knows the Danish names, their variants and the API values', () => {
    expect(membershipRoleFromText('Formand')).toBe('chair');
    expect(membershipRoleFromText(' NÆSTFORMAND ')).toBe('vice_chair');
    expect(membershipRoleFromText('suppleant')).toBe('substitute');
    expect(membershipRoleFromText('Stedfortræder')).toBe('substitute');
    expect(membershipRoleFromText('Sekretær')).toBe('secretary');
    expect(membershipRoleFromText('observatør')).toBe('observer');
    expect(membershipRoleFromText('vice_chair')).toBe('vice_chair');
    expect(membershipRoleFromText('kejser')).toBeNull();
  });
});
