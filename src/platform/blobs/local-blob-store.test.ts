import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from './local-blob-store';

describe('local blob store', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blobs-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores content under its SHA-256 and reads it back', async () => {
    const store = createLocalBlobStore(root);
    const bytes = Buffer.from('Sammen om Opgaven');
    const stored = await store.put(bytes);
    expect(stored).toEqual({
      key: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      created: true,
    });
    expect((await store.read(stored.key)).toString()).toBe('Sammen om Opgaven');
    expect(await text(await store.stream(stored.key))).toBe('Sammen om Opgaven');
    expect(await readdir(join(root, stored.key.slice(0, 2), stored.key.slice(2, 4)))).toEqual([
      stored.key,
    ]);
  });

  it('stores identical content once', async () => {
    const store = createLocalBlobStore(root);
    const first = await store.put(Buffer.from('bilag'));
    const second = await store.put(Buffer.from('bilag'));
    expect(second).toEqual({ ...first, created: false });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('deletes, and answers has() truthfully', async () => {
    const store = createLocalBlobStore(root);
    const { key } = await store.put(Buffer.from('x'));
    expect(await store.has(key)).toBe(true);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    await expect(store.stream(key)).rejects.toThrow(/ENOENT/);
  });

  it('refuses keys that are not hashes, so a key can never walk the file system', async () => {
    const store = createLocalBlobStore(root);
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/Not a blob key/);
  });
});
