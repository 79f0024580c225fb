import { createHash, randomBytes } from 'node:crypto';
import { buffer, text } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * What every BlobStore must do, run against each implementation (local-blob-store.test.ts,
 * s3-blob-store.test.ts). `open` gives an empty store for each test.
 */
export function describeBlobStoreContract(name: string, open: () => Promise<BlobStore>): void {
  describe(`${name}: the BlobStore contract`, () => {
    let store: BlobStore;
    beforeEach(async () => {
      store = await open();
    });

    it('stores content under its SHA-256 and reads it back, whole and as a stream', async () => {
      const bytes = Buffer.from('Sammen om Opgaven');
      const stored = await store.put(bytes);
      expect(stored).toEqual({ key: sha256(bytes), size: bytes.length, created: true });
      expect((await store.read(stored.key)).toString()).toBe('Sammen om Opgaven');
      expect(await text(await store.stream(stored.key))).toBe('Sammen om Opgaven');
      expect(await store.has(stored.key)).toBe(true);
    });

    it('stores identical content once', async () => {
      const first = await store.put(Buffer.from('bilag'));
      const second = await store.put(Buffer.from('bilag'));
      expect(second).toEqual({ ...first, created: false });
    });

    it('keeps binary content byte for byte, the empty file and a large one', async () => {
      const empty = await store.put(new Uint8Array(0));
      expect(empty).toEqual({ key: sha256(new Uint8Array(0)), size: 0, created: true });
      expect((await store.read(empty.key)).length).toBe(0);
      const large = randomBytes(3 * 1024 * 1024 + 7);
      const { key, size } = await store.put(large);
      expect(size).toBe(large.length);
      expect((await store.read(key)).equals(large)).toBe(true);
      expect((await buffer(await store.stream(key))).equals(large)).toBe(true);
    });

    it('two puts of the same content at once both succeed and leave it whole', async () => {
      const bytes = randomBytes(256 * 1024);
      const [one, two] = await Promise.all([store.put(bytes), store.put(bytes)]);
      expect(one.key).toBe(two.key);
      expect((await store.read(one.key)).equals(bytes)).toBe(true);
    });

    it('deletes, answers has() truthfully, and refuses to read what is not there', async () => {
      const { key } = await store.put(Buffer.from('x'));
      const other = await store.put(Buffer.from('y'));
      await store.delete(key);
      expect(await store.has(key)).toBe(false);
      expect(await store.has(other.key)).toBe(true);
      await expect(store.read(key)).rejects.toThrow();
      await expect(store.stream(key)).rejects.toThrow();
      // Deleting what is gone is not an error: a failed transaction's cleanup may race another.
      await expect(store.delete(key)).resolves.toBeUndefined();
      expect(await store.has(sha256(Buffer.from('never stored')))).toBe(false);
    });

    it('refuses keys that are not hashes, so a key can never name another file', async () => {
      for (const key of ['../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`]) {
        await expect(store.read(key)).rejects.toThrow(/Not a blob key/);
        await expect(store.stream(key)).rejects.toThrow(/Not a blob key/);
        await expect(store.has(key)).rejects.toThrow(/Not a blob key/);
        await expect(store.delete(key)).rejects.toThrow(/Not a blob key/);
      }
    });
  });
}
