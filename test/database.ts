import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database, type Engine } from '../src/platform/db/client';
import { withDatabase } from './postgres-global-setup';

/** The engine this Vitest project tests: the same integration tests run on both. */
export function engineUnderTest(): Engine {
  return process.env.DB_ENGINE === 'postgresql' ? 'postgresql' : 'pglite';
}

/** True when the PostgreSQL project runs without a server (allowed outside CI, announced loudly). */
export function isEngineUnavailable(): boolean {
  return engineUnderTest() === 'postgresql' && inject('postgresAdminUrl') === '';
}

export type TestDatabase = {
  database: Database;
  url?: string;
  /** With `{ demo: true }`: puts the demo's stored files (the rows' blobs) in a folder. */
  copyDemoBlobs(directory: string): Promise<void>;
  drop(): Promise<void>;
};

/**
 * A fresh, migrated database for one test file, optionally with the demo data: a copy of a
 * template the run's global setup made once (test/pglite-global-setup.ts,
 * test/postgres-global-setup.ts).
 */
export async function openTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const demoBlobs =
    engineUnderTest() === 'pglite'
      ? inject('pgliteTemplates').demoBlobs
      : inject('postgresDemoBlobs');
  const copyDemoBlobs = async (directory: string) => {
    if (!options.demo) throw new Error('the database was opened without the demo data');
    await cp(demoBlobs, directory, { recursive: true });
  };
  if (engineUnderTest() === 'pglite') {
    const templates = inject('pgliteTemplates');
    const dump = await readFile(options.demo ? templates.demo : templates.migrated);
    const database = await openPglite(undefined, { from: new Blob([dump]) });
    return { database, copyDemoBlobs, drop: () => database.close() };
  }
  const adminUrl = inject('postgresAdminUrl');
  const template = inject(options.demo ? 'postgresDemoTemplate' : 'postgresTemplate');
  const name = `${inject('postgresTemplate').replace('_tpl_', '_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = await openPostgres(url);
  return {
    database,
    url,
    copyDemoBlobs,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export type EmptyDatabase = { url: string; drop(): Promise<void> };

/** A new database with nothing in it, for what happens before the first migration. */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `${inject('postgresTemplate').replace('_tpl_', '_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export type ProcessEnvironment = {
  /** DATA_DIR (and DATABASE_URL on PostgreSQL) for a CLI or server process. */
  env: Record<string, string>;
  dataDir: string;
  close(): Promise<void>;
};

/**
 * Where a real CLI or server process keeps its data on the engine under test: a temporary
 * DATA_DIR, plus a fresh migrated PostgreSQL database through DATABASE_URL.
 */
export async function openProcessEnvironment(prefix: string): Promise<ProcessEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const env: Record<string, string> = { DATA_DIR: dataDir, DEMO: '0' };
  let postgres: TestDatabase | undefined;
  if (engineUnderTest() === 'postgresql') {
    postgres = await openTestDatabase();
    await postgres.database.close();
    env.DATABASE_URL = postgres.url!;
  }
  return {
    env,
    dataDir,
    async close() {
      rmSync(dataDir, { recursive: true, force: true });
      if (postgres) await postgres.drop().catch(() => undefined);
    },
  };
}
