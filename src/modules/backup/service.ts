import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack, type Pack } from 'tar-stream';
import { z } from 'zod';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import * as repo from './repository';

/**
 * A backup is one gzipped tar file: manifest.json first (schema version, row counts), then
 * every table as JSON-lines chunks (tables/<name>/<n>.jsonl), then every stored file
 * (blobs/<sha256>). It is engine-neutral: a PGlite backup restores into PostgreSQL, which is
 * also how an installation moves from the embedded database to a server.
 */
const manifestSchema = z.object({
  format: z.literal('dagsorden-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgresql']),
  migrations: z.array(z.string()),
  tables: z.record(z.string(), z.number().int().nonnegative()),
  blobs: z.number().int().nonnegative(),
});
type Manifest = z.infer<typeof manifestSchema>;

export type BackupSummary = { rows: number; files: number };

function addEntry(archive: Pack, name: string, content: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    archive.entry({ name }, content, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes the database and its files to `file`, from one consistent snapshot. */
export async function backupToFile(options: {
  database: Database;
  blobs: BlobStore;
  file: string;
}): Promise<BackupSummary> {
  const { database, blobs, file } = options;
  // Written beside the target and renamed, so a backup file is always whole.
  const temporary = `${file}.${process.pid}.part`;
  const archive = pack();
  const written = pipeline(archive, createGzip(), createWriteStream(temporary));
  // Awaited below; until then a failure surfaces through the archive's own writes.
  written.catch(() => undefined);
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        const tables = await repo.selectTableNames(tx);
        const counts: Record<string, number> = {};
        for (const table of tables) counts[table] = await repo.countRows(tx, table);
        const keys = await repo.selectBlobKeys(tx);
        const manifest: Manifest = {
          format: 'dagsorden-backup',
          version: 1,
          createdAt: new Date().toISOString(),
          engine: database.engine,
          migrations: await repo.selectMigrationHashes(tx),
          tables: counts,
          blobs: keys.length,
        };
        await addEntry(archive, 'manifest.json', JSON.stringify(manifest, null, 2));
        for (const table of tables) {
          let chunk = 0;
          for await (const batch of repo.streamRowsAsJson(tx, table)) {
            chunk += 1;
            const name = `tables/${table}/${String(chunk).padStart(6, '0')}.jsonl`;
            await addEntry(archive, name, `${batch.join('\n')}\n`);
          }
        }
        for (const key of keys) await addEntry(archive, `blobs/${key}`, await blobs.read(key));
        const rows = Object.values(counts).reduce((sum, count) => sum + count, 0);
        return { rows, files: keys.length };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    archive.finalize();
    await written;
    await rename(temporary, file);
    return summary;
  } catch (error) {
    archive.destroy();
    await written.catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

const invalid = (message: string, cause?: unknown) =>
  new AppError('BACKUP_INVALID', { message, cause });

function parseManifest(bytes: Buffer): Manifest {
  try {
    return manifestSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    throw invalid(da.backup.notABackup, error);
  }
}

const tableEntry = /^tables\/([a-z0-9_]+)\/\d{6}\.jsonl$/;
const blobEntry = /^blobs\/([0-9a-f]{64})$/;

/**
 * Restores a backup into an empty database (or, with `replace`, instead of everything in it),
 * in one transaction: a damaged or incomplete file changes nothing. Files new to the blob
 * store are removed again if the restore fails.
 */
export async function restoreFromFile(options: {
  database: Database;
  blobs: BlobStore;
  file: string;
  replace?: boolean;
}): Promise<BackupSummary> {
  const { database, blobs, file } = options;
  const extractor = extract();
  // Subscribed before a byte flows: the extractor emits each entry once, and an entry emitted
  // before the iterator listens is lost, leaving the extractor waiting for it for ever. That
  // happened whenever opening the transaction below took longer than reading the first entry.
  const entries = extractor[Symbol.asyncIterator]();
  const source = createReadStream(file);
  const gunzip = createGunzip();
  const reading = pipeline(source, gunzip, extractor);
  // A damaged file makes one of the streams fail, and a read of the entries may then never end:
  // streamx does not always settle a pending read of a destroyed stream, nor close, so the
  // pipeline may never settle either. Every read races the first error of any of the streams.
  const readingFailed = new Promise<never>((_, reject) => {
    source.on('error', reject);
    gunzip.on('error', reject);
    extractor.on('error', reject);
    reading.catch(reject);
  });
  readingFailed.catch(() => undefined);
  const createdBlobs: string[] = [];
  try {
    const summary = await database.db.transaction(async (tx) => {
      let manifest: Manifest | undefined;
      const restoredRows: Record<string, number> = {};
      let restoredBlobs = 0;
      let tables: string[] = [];
      for (;;) {
        const next = await Promise.race([entries.next(), readingFailed]);
        if (next.done === true) break;
        const entry = next.value;
        const content = await Promise.race([buffer(entry), readingFailed]);
        const name = entry.header.name;
        if (manifest === undefined) {
          if (name !== 'manifest.json') throw invalid(da.backup.notABackup);
          manifest = parseManifest(content);
          const migrations = await repo.selectMigrationHashes(tx);
          if (migrations.join() !== manifest.migrations.join())
            throw invalid(da.backup.otherSchema);
          tables = await repo.selectTableNames(tx);
          if (tables.join() !== Object.keys(manifest.tables).join())
            throw invalid(da.backup.otherSchema);
          if (options.replace) await repo.truncateTables(tx, tables);
          else {
            for (const table of tables)
              if ((await repo.countRows(tx, table)) > 0)
                throw new AppError('CONFLICT', { message: da.backup.targetNotEmpty });
          }
          await repo.enterReplicaMode(tx);
          continue;
        }
        const table = tableEntry.exec(name)?.[1];
        if (table !== undefined) {
          if (!tables.includes(table)) throw invalid(da.backup.incomplete(name));
          const lines = content.toString('utf8').split('\n').filter(Boolean);
          const write = await repo.rowWriter(tx, table);
          for (let start = 0; start < lines.length; start += 500)
            await write(lines.slice(start, start + 500));
          restoredRows[table] = (restoredRows[table] ?? 0) + lines.length;
          continue;
        }
        const key = blobEntry.exec(name)?.[1];
        if (key === undefined) throw invalid(da.backup.incomplete(name));
        if (createHash('sha256').update(content).digest('hex') !== key)
          throw invalid(da.backup.incomplete(name));
        const stored = await blobs.put(content);
        if (stored.created) createdBlobs.push(stored.key);
        restoredBlobs += 1;
      }
      if (manifest === undefined) throw invalid(da.backup.notABackup);
      for (const [table, count] of Object.entries(manifest.tables))
        if ((restoredRows[table] ?? 0) !== count) throw invalid(da.backup.incomplete(table));
      if (restoredBlobs !== manifest.blobs) throw invalid(da.backup.incomplete('blobs'));
      await repo.resetSequences(tx);
      const rows = Object.values(restoredRows).reduce((sum, count) => sum + count, 0);
      return { rows, files: restoredBlobs };
    });
    await reading;
    await database.vacuumAnalyze();
    return summary;
  } catch (error) {
    // Not awaiting the pipeline: it settles only when every stream has closed, and the extractor
    // (streamx) sometimes never does once destroyed mid-entry, which hung the restore. Destroying
    // the file stream closes the file; readingFailed has already handled a rejection.
    extractor.destroy();
    source.destroy();
    for (const key of createdBlobs) await blobs.delete(key);
    if (error instanceof AppError) throw error;
    throw invalid(
      da.backup.incomplete(error instanceof Error ? error.message : String(error)),
      error,
    );
  }
}
