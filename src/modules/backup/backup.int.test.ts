import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestUser } from '../../../test/app-harness';
import { openTestDatabase, type TestDatabase } from '../../../test/database';
import { createLocalBlobStore } from '../../platform/blobs/local-blob-store';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { backupToFile, restoreFromFile } from './index';

async function rows<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** Every table's rows as sorted JSON text, and every stored file's bytes: "everything". */
async function everything(db: Db, blobs: BlobStore) {
  const tables = await rows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const content: Record<string, string[]> = {};
  for (const { name } of tables) {
    const json = await rows<{ json: string }>(
      db,
      sql.raw(`SELECT row_to_json(t)::text AS json FROM "${name}" t`),
    );
    content[name] = json.map((row) => row.json).sort();
  }
  const files: Record<string, string> = {};
  for (const line of content.stored_files ?? []) {
    const { sha256 } = JSON.parse(line) as { sha256: string };
    files[sha256] = (await blobs.read(sha256)).toString('base64');
  }
  return { content, files };
}

describe('backup and restore', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let directory: string;
  let sourceBlobs: BlobStore;
  let targetBlobs: BlobStore;
  let backupFile: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'dagsorden-backup-'));
    source = await openTestDatabase({ demo: true });
    target = await openTestDatabase();
    await source.copyDemoBlobs(join(directory, 'source-blobs'));
    sourceBlobs = createLocalBlobStore(join(directory, 'source-blobs'));
    targetBlobs = createLocalBlobStore(join(directory, 'target-blobs'));
    // A user and its audit events: a table with a sequence, and the accounts tables.
    await createTestUser(source.database, 'secretary');
    backupFile = join(directory, 'backup.tar.gz');
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('round-trips the demo data: every row of every table and every file', async () => {
    const written = await backupToFile({
      database: source.database,
      blobs: sourceBlobs,
      file: backupFile,
    });
    expect(written.rows).toBeGreaterThan(100);
    expect(written.files).toBeGreaterThan(0);
    expect((await stat(backupFile)).size).toBeGreaterThan(1000);

    const restored = await restoreFromFile({
      database: target.database,
      blobs: targetBlobs,
      file: backupFile,
    });
    expect(restored).toEqual(written);

    const before = await everything(source.database.db, sourceBlobs);
    const after = await everything(target.database.db, targetBlobs);
    expect(Object.keys(after.content)).toEqual(Object.keys(before.content));
    for (const table of Object.keys(before.content))
      expect(after.content[table], table).toEqual(before.content[table]);
    expect(after.files).toEqual(before.files);
  });

  it('restores when opening the transaction takes longer than reading the first entry', async () => {
    // A database whose transactions start late, like a PostgreSQL server under load: the
    // transaction opens only once the file's first entry has been read (the extractor emitted
    // it), so that entry arrives before the restore is ready for it and must not be lost.
    const slow = await openTestDatabase();
    const { db } = slow.database;
    const extractorPrototype = Object.getPrototypeOf(extract()) as {
      emit: (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    };
    const emit = extractorPrototype.emit;
    let firstEntryRead!: () => void;
    const firstEntry = new Promise<void>((resolve) => (firstEntryRead = resolve));
    const watchEntries = vi.spyOn(extractorPrototype, 'emit').mockImplementation(function (
      this: unknown,
      event,
      ...args
    ) {
      const listened = emit.call(this, event, ...args);
      if (event === 'entry') firstEntryRead();
      return listened;
    });
    const lateDb = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<Db['transaction']>) => {
          await firstEntry;
          return target.transaction(...args);
        };
      },
    });
    try {
      const restored = await restoreFromFile({
        database: { ...slow.database, db: lateDb },
        blobs: createLocalBlobStore(join(directory, 'late-blobs')),
        file: backupFile,
      });
      expect(restored.rows).toBeGreaterThan(100);
    } finally {
      watchEntries.mockRestore();
      await slow.drop();
    }
  });

  it('continues the sequences after the restored rows', async () => {
    const newestId = async () =>
      (
        await rows<{ max: number }>(
          target.database.db,
          sql`SELECT max(id)::int AS max FROM audit_events`,
        )
      )[0]?.max ?? 0;
    const before = await newestId();
    expect(before).toBeGreaterThan(0);
    await createTestUser(target.database, 'reader');
    expect(await newestId()).toBeGreaterThan(before);
  });

  it('refuses a database that is not empty, and replaces it when asked', async () => {
    const refused = await restoreFromFile({
      database: target.database,
      blobs: targetBlobs,
      file: backupFile,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONFLICT');

    await restoreFromFile({
      database: target.database,
      blobs: targetBlobs,
      file: backupFile,
      replace: true,
    });
    const before = await everything(source.database.db, sourceBlobs);
    const after = await everything(target.database.db, targetBlobs);
    expect(after.content).toEqual(before.content);
  });

  it('changes nothing when the file is damaged or not a backup', async () => {
    const fresh = await openTestDatabase();
    const freshBlobs = createLocalBlobStore(join(directory, 'fresh-blobs'));
    try {
      const bytes = await readFile(backupFile);
      const truncated = join(directory, 'truncated.tar.gz');
      await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const notBackup = join(directory, 'not-a-backup.tar.gz');
      await writeFile(notBackup, 'hello');
      for (const file of [truncated, notBackup]) {
        const error = await restoreFromFile({
          database: fresh.database,
          blobs: freshBlobs,
          file,
        }).catch((caught: unknown) => caught);
        expect(error, file).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('BACKUP_INVALID');
      }
      const after = await everything(fresh.database.db, freshBlobs);
      expect(Object.values(after.content).every((tableRows) => tableRows.length === 0)).toBe(true);
      expect(after.files).toEqual({});
    } finally {
      await fresh.drop();
    }
  });
});
