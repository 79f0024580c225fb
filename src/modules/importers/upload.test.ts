import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors';
import { safeEntryPath, stageUpload, unzipWithin } from './upload';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'no error';
};

describe('staging an uploaded export', () => {
  it('refuses entries that would land outside the folder', () => {
    for (const name of [
      '../etc/passwd',
      'a/../../b.xml',
      '/etc/passwd',
      'C:\\Windows\\x.xml',
      '..\\x',
    ]) {
      expect(
        codeOf(() => safeEntryPath(name)),
        name,
      ).toBe('IMPORT_INVALID');
    }
    expect(safeEntryPath('export\\Enclosures\\bilag.pdf')).toBe('export/Enclosures/bilag.pdf');
    expect(safeEntryPath('./export/a.xml')).toBe('export/a.xml');
    expect(safeEntryPath('export/')).toBeNull();
  });

  it('refuses a zip with a traversing entry, whatever else it holds', () => {
    const zip = zipSync({ 'ok.xml': strToU8('<a/>'), '../evil.xml': strToU8('<b/>') });
    expect(codeOf(() => unzipWithin(zip, 1_000_000))).toBe('IMPORT_INVALID');
  });

  it('stops a zip bomb at the unpacked limit', () => {
    // 64 MB of zeros compress to about 64 KB.
    const zip = zipSync({ 'bomb.xml': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(200_000);
    expect(codeOf(() => unzipWithin(zip, 8 * 1024 * 1024))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unpacks an export folder zipped by the zip tool, with its subfolders', async () => {
    const source = await mkdtemp(join(tmpdir(), 'zip-src-'));
    try {
      await mkdir(join(source, 'export', 'Enclosures'), { recursive: true });
      await writeFile(join(source, 'export', 'Publication1.xml'), '<Publication/>');
      await writeFile(join(source, 'export', 'Enclosures', 'bilag æ.pdf'), '%PDF-1.4');
      execFileSync('zip', ['-qr', 'export.zip', 'export'], { cwd: source });
      const staged = await stageUpload(
        { bytes: await readFile(join(source, 'export.zip')), fileName: 'export.zip' },
        1_000_000,
      );
      try {
        expect(await readdir(join(staged.path, 'export', 'Enclosures'))).toEqual(['bilag æ.pdf']);
        expect(await readFile(join(staged.path, 'export', 'Publication1.xml'), 'utf8')).toBe(
          '<Publication/>',
        );
      } finally {
        await staged.remove();
      }
      await expect(readdir(staged.path)).rejects.toThrow();
    } finally {
      await rm(source, { recursive: true, force: true });
    }
  });

  it('saves a single file under its own name, without the Windows path', async () => {
    const staged = await stageUpload(
      { bytes: strToU8('<Publication/>'), fileName: 'C:\\Eksport\\Publication32.xml' },
      1_000_000,
    );
    try {
      expect(staged.path.endsWith('Publication32.xml')).toBe(true);
      expect(await readFile(staged.path, 'utf8')).toBe('<Publication/>');
    } finally {
      await staged.remove();
    }
  });
});
