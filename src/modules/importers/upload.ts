import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { cleanFileName } from '../files/index';

const t = da.imports;

/** Compressed bytes handed to the inflater at a time: bounds what one step can inflate to. */
const sliceBytes = 16 * 1024;
const maxEntries = 100_000;

export type StagedUpload = {
  /** The uploaded file, or the folder a zip was unpacked into: what readExport reads. */
  path: string;
  remove(): Promise<void>;
};

const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

/**
 * An entry's path inside the target folder, or null for a folder entry. Absolute paths, drive
 * letters and ".." would write outside it, so they refuse the whole zip.
 */
export function safeEntryPath(name: string): string | null {
  const unified = name.replace(/\\/g, '/');
  if (unified.endsWith('/')) return null;
  const segments = unified.split('/').filter((segment) => segment !== '' && segment !== '.');
  const unsafe =
    unified.startsWith('/') ||
    /^[a-zA-Z]:/.test(unified) ||
    segments.length === 0 ||
    segments.some((segment) => segment === '..' || segment.includes('\0'));
  if (unsafe) {
    throw new AppError('IMPORT_INVALID', { message: t.zipUnsafePath(name.slice(0, 200)) });
  }
  return segments.join('/');
}

/**
 * fflate reads a name without the zip's UTF-8 flag as Latin-1, but Linux and macOS zip tools
 * write UTF-8 without setting it: a name whose bytes are valid UTF-8 is read as UTF-8.
 */
function entryName(name: string): string {
  const codes = Array.from(name, (character) => character.charCodeAt(0));
  if (!codes.some((code) => code > 0x7f) || codes.some((code) => code > 0xff)) return name;
  try {
    return utf8.decode(Uint8Array.from(codes));
  } catch {
    return name;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Unpacks a zip into memory, entry by entry, stopping as soon as the unpacked total passes
 * maxBytes: the compressed bytes go in small slices, so a zip bomb is caught after a few
 * megabytes of output instead of after filling the memory.
 */
export function unzipWithin(
  bytes: Uint8Array,
  maxBytes: number,
): Array<{ path: string; bytes: Uint8Array }> {
  const entries: Array<{ path: string; chunks: Uint8Array[] }> = [];
  let total = 0;
  let failure: AppError | undefined;
  const unzipper = new Unzip((file) => {
    if (failure) return;
    let path: string | null;
    try {
      path = safeEntryPath(entryName(file.name));
    } catch (error) {
      failure = error as AppError;
      return;
    }
    if (path === null) return;
    if (entries.length >= maxEntries) {
      failure = new AppError('PAYLOAD_TOO_LARGE', { message: t.zipTooLarge });
      return;
    }
    const entry = { path, chunks: [] as Uint8Array[] };
    entries.push(entry);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = new AppError('IMPORT_INVALID', {
          message: da.errors.IMPORT_INVALID,
          cause: error,
        });
        return;
      }
      total += chunk.length;
      if (total > maxBytes) {
        failure = new AppError('PAYLOAD_TOO_LARGE', { message: t.zipTooLarge });
        return;
      }
      entry.chunks.push(chunk);
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += sliceBytes) {
      const end = Math.min(offset + sliceBytes, bytes.length);
      unzipper.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    failure ??= new AppError('IMPORT_INVALID', { message: da.errors.IMPORT_INVALID, cause: error });
  }
  if (failure) throw failure;
  if (entries.length === 0) throw new AppError('IMPORT_INVALID', { message: t.zipNoExport });
  return entries.map((entry) => ({ path: entry.path, bytes: Buffer.concat(entry.chunks) }));
}

/**
 * Puts an uploaded export where the readers can read it: a zip unpacked into a temporary
 * folder, any other file saved there under its own (cleaned) name.
 */
export async function stageUpload(
  upload: { bytes: Uint8Array; fileName: string },
  maxBytes: number,
): Promise<StagedUpload> {
  const folder = await mkdtemp(join(tmpdir(), 'dagsorden-import-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    if (!isZip(upload.bytes)) {
      const path = join(folder, cleanFileName(upload.fileName));
      await writeFile(path, upload.bytes);
      return { path, remove };
    }
    for (const entry of unzipWithin(upload.bytes, maxBytes)) {
      const target = join(folder, entry.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.bytes);
    }
    return { path: folder, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
