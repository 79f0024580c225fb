import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from './blob-store-contract';
import { createLocalBlobStore } from './local-blob-store';

const roots: string[] = [];
const openRoot = async () => {
  const root = await mkdtemp(join(tmpdir(), 'blobs-'));
  roots.push(root);
  return root;
};
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describeBlobStoreContract('local blob store', async () => createLocalBlobStore(await openRoot()));

describe('local blob store on disk', () => {
  it('fans files out by the hash and leaves no temporary file behind', async () => {
    const root = await openRoot();
    const store = createLocalBlobStore(root);
    const { key } = await store.put(Buffer.from('Sammen om Opgaven'));
    await store.put(Buffer.from('Sammen om Opgaven'));
    expect(await readdir(join(root, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('reports a missing file as ENOENT', async () => {
    const store = createLocalBlobStore(await openRoot());
    await expect(store.stream('0'.repeat(64))).rejects.toThrow(/ENOENT/);
  });
});
