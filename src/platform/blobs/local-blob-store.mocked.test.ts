import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { describeBlobStoreContract } from './blob-store-contract';
import { createLocalBlobStore, staleTemporaryFileMs, temporaryFileName } from './local-blob-store';
import { openConfiguredBlobStore } from './open';

/**
 * What the store asks of the file system, in order, and two levers on it: a file sync that fails
 * and a rename that waits until released, to hold a put half-way without timing.
 */
const disk = vi.hoisted(() => ({
  log: [] as string[],
  failNextFileSync: false,
  renameGate: null as Promise<void> | null,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    async open(...args: Parameters<typeof actual.open>) {
      const [path, flags] = args;
      const handle = await actual.open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        if (flags === 'wx' && disk.failNextFileSync) {
          disk.failNextFileSync = false;
          throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
        }
        await sync();
        disk.log.push(`sync ${String(path)}`);
      };
      return handle;
    },
    async rename(...args: Parameters<typeof actual.rename>) {
      if (disk.renameGate) await disk.renameGate;
      await actual.rename(...args);
      disk.log.push(`rename ${String(args[0])} -> ${String(args[1])}`);
    },
  };
});

const roots: string[] = [];
const openRoot = async () => {
  const root = await mkdtemp(join(tmpdir(), 'blobs-'));
  roots.push(root);
  return root;
};
afterEach(() => {
  disk.log = [];
  disk.failNextFileSync = false;
  disk.renameGate = null;
});
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describeBlobStoreContract('local blob store', async () => createLocalBlobStore(await openRoot()));

/** The pid of a process that has run and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  if (child.pid === undefined) throw new Error('child has no pid');
  return child.pid;
}

/** A temp file as a writer would leave it, modified `ageMs` ago. */
async function leaveTemporaryFile(root: string, name: string, ageMs = 0): Promise<string> {
  await mkdir(join(root, 'tmp'), { recursive: true });
  const path = join(root, 'tmp', name);
  await writeFile(path, 'halvt skrevet');
  const modified = new Date(Date.now() - ageMs);
  await utimes(path, modified, modified);
  return name;
}

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

  it('syncs the file, renames it, then syncs its directory and the ones above up to the root', async () => {
    const root = await openRoot();
    const store = createLocalBlobStore(root);
    const { key } = await store.put(Buffer.from('Kvittering betyder varig'));
    const leaf = join(root, key.slice(0, 2), key.slice(2, 4));
    const [fileSync, renamed, ...directorySyncs] = disk.log;
    expect(fileSync).toMatch(/^sync .*\/tmp\/.*\.part$/);
    expect(renamed).toBe(`rename ${fileSync!.slice('sync '.length)} -> ${join(leaf, key)}`);
    expect(directorySyncs).toEqual([
      `sync ${leaf}`,
      `sync ${join(root, key.slice(0, 2))}`,
      `sync ${root}`,
    ]);
  });

  it('removes its temp file when writing it fails, and stores nothing', async () => {
    const root = await openRoot();
    const store = createLocalBlobStore(root);
    disk.failNextFileSync = true;
    const bytes = Buffer.from('Disken svigtede');
    await expect(store.put(bytes)).rejects.toThrow(/EIO/);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    const { created } = await store.put(bytes);
    expect(created).toBe(true);
  });

  it('removes temp files whose writer is gone at once, and any other once an hour old', async () => {
    const root = await openRoot();
    const old = staleTemporaryFileMs + 60_000;
    const liveOther = process.ppid;
    const gone = [
      await leaveTemporaryFile(root, temporaryFileName(await deadPid())),
      // This process's pid on a file it is not writing: a previous process with the same pid.
      await leaveTemporaryFile(root, temporaryFileName(process.pid)),
      await leaveTemporaryFile(root, temporaryFileName(liveOther), old),
      await leaveTemporaryFile(root, `other-host_${liveOther}_${randomUUID()}.part`, old),
      await leaveTemporaryFile(root, `${randomUUID()}.part`, old),
    ];
    const kept = [
      await leaveTemporaryFile(root, temporaryFileName(liveOther)),
      await leaveTemporaryFile(root, `other-host_1_${randomUUID()}.part`),
      await leaveTemporaryFile(root, `${randomUUID()}.part`),
    ];
    const store = createLocalBlobStore(root);
    expect(await store.removeStaleTemporaryFiles()).toBe(gone.length);
    expect((await readdir(join(root, 'tmp'))).sort()).toEqual([...kept].sort());
  });

  it('never removes a temp file this process is still writing, whatever its age', async () => {
    const root = await openRoot();
    const store = createLocalBlobStore(root);
    let release = () => {};
    disk.renameGate = new Promise<void>((resolve) => (release = resolve));
    const bytes = Buffer.from('Skrives netop nu');
    const putting = store.put(bytes);
    await vi.waitUntil(() => disk.log.some((entry) => entry.startsWith('sync ')));
    const [writing] = await readdir(join(root, 'tmp'));
    const past = new Date(Date.now() - 2 * staleTemporaryFileMs);
    await utimes(join(root, 'tmp', writing!), past, past);

    expect(await store.removeStaleTemporaryFiles()).toBe(0);
    expect(await createLocalBlobStore(root).removeStaleTemporaryFiles()).toBe(0);
    expect(existsSync(join(root, 'tmp', writing!))).toBe(true);

    release();
    const { key } = await putting;
    expect((await store.read(key)).equals(bytes)).toBe(true);
  });

  it('removes the leftovers when the configured store is opened at start-up', async () => {
    const dataDir = await openRoot();
    const root = join(dataDir, 'blobs');
    await leaveTemporaryFile(root, temporaryFileName(await deadPid()));
    const fresh = await leaveTemporaryFile(root, `${randomUUID()}.part`);
    await openConfiguredBlobStore(
      loadConfig({ SESSION_SECRET: 'a'.repeat(32), DATA_DIR: dataDir }),
    );
    expect(await readdir(join(root, 'tmp'))).toEqual([fresh]);
  });
});
