import { symlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFolder } from '../../../../test/esdh-samples';
import { compareItemNumbers, findExportFile, isDecisionHeading, splitPartySuffix } from './common';

const scratch = scratchFolder('common-test');
afterAll(() => scratch.remove());

describe('findExportFile', () => {
  const pdf = scratch.write('export/Bilag/Økonomi.pdf', '%PDF-1.4');
  scratch.write('outside/secret.txt', 'hemmeligt');
  symlinkSync(`${scratch.path}/outside`, `${scratch.path}/export/Link`);
  symlinkSync(`${scratch.path}/outside/secret.txt`, `${scratch.path}/export/secret.pdf`);
  const base = `${scratch.path}/export`;

  it('follows Windows and POSIX paths, with or without a leading separator or drive', async () => {
    for (const path of [
      'Bilag\\Økonomi.pdf',
      '\\Bilag\\Økonomi.pdf',
      'Bilag/Økonomi.pdf',
      'C:\\Bilag\\Økonomi.pdf',
      '.\\Bilag\\Økonomi.pdf',
    ]) {
      expect(await findExportFile(base, path)).toBe(pdf);
    }
  });

  it('matches NFD against NFC and ignores case, as Windows does', async () => {
    expect(await findExportFile(base, 'bilag\\ØKONOMI.PDF')).toBe(pdf);
    expect(await findExportFile(base, 'Bilag\\Økonomi.pdf'.normalize('NFD'))).toBe(pdf);
  });

  it('never leaves the export: no parent segments, no symbolic links, no folders', async () => {
    expect(await findExportFile(base, '..\\outside\\secret.txt')).toBeNull();
    expect(await findExportFile(base, 'Link\\secret.txt')).toBeNull();
    expect(await findExportFile(base, 'secret.pdf')).toBeNull();
    expect(await findExportFile(base, 'Bilag')).toBeNull();
    expect(await findExportFile(base, 'Bilag\\Mangler.pdf')).toBeNull();
  });
});

describe('helpers', () => {
  it('tells decision headings from "Beslutningen træffes af"', () => {
    expect(isDecisionHeading('Beslutning')).toBe(true);
    expect(isDecisionHeading('REGIONSRÅDETS BESLUTNING')).toBe(true);
    expect(
      isDecisionHeading('Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 24-04-2013'),
    ).toBe(true);
    expect(isDecisionHeading('Beslutningen træffes af')).toBe(false);
    expect(isDecisionHeading('Sagsfremstilling')).toBe(false);
  });

  it('orders item numbers numerically, sub-items after their parent', () => {
    expect(['10', '2', '1.10', '1.2', '1', 'B', 'A'].sort(compareItemNumbers)).toEqual([
      '1',
      '1.2',
      '1.10',
      '2',
      '10',
      'A',
      'B',
    ]);
  });

  it('splits a party letter off a name and collapses double spaces', () => {
    expect(splitPartySuffix('Jesper  Mathiesen (A)')).toEqual({
      name: 'Jesper Mathiesen',
      party: 'A',
    });
    expect(splitPartySuffix('Hanne Bahnsen')).toEqual({ name: 'Hanne Bahnsen', party: null });
  });
});
