import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobKey, type BlobStore, type StoredBlob } from './blob-store';

/**
 * Blobs as files under `root`, fanned out by the first two byte pairs of the hash
 * (`ab/cd/abcd…`). A put writes a temporary file, syncs it and renames it into place, so a
 * crash never leaves a partial blob under a real key.
 */
export function createLocalBlobStore(root: string): BlobStore {
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
      const temporary = join(root, 'tmp', `${randomUUID()}.part`);
      await mkdir(dirname(temporary), { recursive: true });
      const handle = await open(temporary, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
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
  };
}
