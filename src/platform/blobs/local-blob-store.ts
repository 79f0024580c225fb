import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { isAlive } from '../db/lock';
import { assertBlobKey, type BlobStore, type StoredBlob } from './blob-store';

/**
 * How old a temp file must be before a sweep takes it for a crash's leftover when it cannot ask
 * whether the writer still runs (a writer on another host sharing the folder, or a file from
 * before writers were named). A put writes bytes it already holds in memory, seconds even for
 * the largest upload on a slow disk; an hour is far beyond that and beyond clock skew between
 * hosts, and all that waiting costs is the leftovers' disk space for that hour.
 */
export const staleTemporaryFileMs = 60 * 60 * 1000;

/**
 * Temp files being written by this process, by any store on any root. A server and a CLI
 * command (import, restore, demo) may write into one DATA_DIR at once on PostgreSQL, where no
 * lock keeps them apart, so a sweep must spare other processes' files as well as its own.
 */
const writingInThisProcess = new Set<string>();

const thisHost = hostname().replace(/[^A-Za-z0-9.-]/g, '-');
const temporaryName = /^(.+)_(\d+)_[0-9a-f-]{36}\.part$/;

/** <host>_<pid>_<uuid>.part: the writer is in the name, so a sweep can tell when it is gone. */
export function temporaryFileName(pid: number): string {
  return `${thisHost}_${pid}_${randomUUID()}.part`;
}

export type LocalBlobStore = BlobStore & {
  /**
   * Removes temp files left by a crash: those of a writer on this host that no longer runs at
   * once, any other when older than staleTemporaryFileMs; never one this process is writing.
   * Returns how many it removed.
   */
  removeStaleTemporaryFiles(): Promise<number>;
};

/**
 * Blobs as files under `root`, fanned out by the first two byte pairs of the hash
 * (`ab/cd/abcd…`). A put writes a temporary file, syncs it, renames it into place and syncs the
 * directories, so a crash never leaves a partial blob under a real key nor loses one whose put
 * has returned.
 */
export function createLocalBlobStore(root: string): LocalBlobStore {
  const temporaryDirectory = join(root, 'tmp');
  const pathOf = (key: string) => {
    assertBlobKey(key);
    return join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  const exists = async (path: string) => {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };

  return {
    async put(bytes: Uint8Array): Promise<StoredBlob> {
      const key = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(key);
      if (await exists(path)) return { key, size: bytes.byteLength, created: false };
      await mkdir(dirname(path), { recursive: true });
      await mkdir(temporaryDirectory, { recursive: true });
      const temporary = join(temporaryDirectory, temporaryFileName(process.pid));
      writingInThisProcess.add(temporary);
      try {
        const handle = await open(temporary, 'wx', 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, path);
      } catch (error) {
        // A full disk or an I/O error must not leave the partial file behind until a sweep.
        await rm(temporary, { force: true });
        throw error;
      } finally {
        writingInThisProcess.delete(temporary);
      }
      // The new name is durable only once its directory is synced, and that directory's own
      // entries up to the root: a concurrent put may have just created them without syncing
      // yet, so they are synced every time (cheap when nothing in them changed).
      await syncDirectory(dirname(path));
      await syncDirectory(dirname(dirname(path)));
      await syncDirectory(root);
      return { key, size: bytes.byteLength, created: true };
    },
    async read(key: string): Promise<Buffer> {
      return readFile(pathOf(key));
    },
    async stream(key: string): Promise<Readable> {
      const path = pathOf(key);
      // Fail here with ENOENT rather than later, mid-response.
      await stat(path);
      return createReadStream(path);
    },
    async has(key: string): Promise<boolean> {
      return exists(pathOf(key));
    },
    async delete(key: string): Promise<void> {
      await rm(pathOf(key), { force: true });
    },
    async removeStaleTemporaryFiles(): Promise<number> {
      let names: string[];
      try {
        names = await readdir(temporaryDirectory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        const path = join(temporaryDirectory, name);
        if (writingInThisProcess.has(path)) continue;
        const file = await lstatIfPresent(path);
        if (!file?.isFile()) continue;
        const writer = temporaryName.exec(name);
        const isWriterGone = writer?.[1] === thisHost && !isAlive(Number(writer[2]));
        if (!isWriterGone && Date.now() - file.mtimeMs < staleTemporaryFileMs) continue;
        await rm(path, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

async function lstatIfPresent(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    // Renamed into place or removed since the listing.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** fsync on a directory, which makes the entries created or renamed in it durable. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
