import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadDemo } from '../src/modules/demo/index';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import { openPostgres } from '../src/platform/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the PostgreSQL server; empty when unavailable (outside CI only). */
    postgresAdminUrl: string;
    /** A migrated database that each test file copies (CREATE DATABASE … TEMPLATE). */
    postgresTemplate: string;
    /** The same with the demo data loaded, and the folder of the demo's stored files. */
    postgresDemoTemplate: string;
    postgresDemoBlobs: string;
  }
}

export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Once per run: a uniquely named, migrated template database, and a copy of it with the demo
 * data. Every test file clones one of them, so parallel files, parallel runs and repeated runs
 * never see each other's rows, and no file migrates or loads the demo itself.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? defaultPostgresUrl;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    const message = `PostgreSQL is not reachable at ${adminUrl} (${String(error)}).`;
    if (process.env.CI)
      throw new Error(`${message} CI requires the PostgreSQL tests.`, { cause: error });
    process.stderr.write(
      `\n*** ${message}\n*** The PostgreSQL integration tests are SKIPPED. Start PostgreSQL or set TEST_DATABASE_URL.\n\n`,
    );
    project.provide('postgresAdminUrl', '');
    project.provide('postgresTemplate', '');
    project.provide('postgresDemoTemplate', '');
    project.provide('postgresDemoBlobs', '');
    return;
  }
  const template = `dagsorden_tpl_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${template}"`);
  const database = await openPostgres(withDatabase(adminUrl, template));
  await database.migrate();
  await database.close();
  const demoTemplate = `${template}_demo`;
  const demoBlobs = mkdtempSync(join(tmpdir(), 'dagsorden-postgres-demo-blobs-'));
  await admin.query(`CREATE DATABASE "${demoTemplate}" TEMPLATE "${template}"`);
  const demo = await openPostgres(withDatabase(adminUrl, demoTemplate));
  try {
    await loadDemo(demo.db, createLocalBlobStore(demoBlobs));
    await demo.vacuumAnalyze();
  } finally {
    await demo.close();
  }
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', template);
  project.provide('postgresDemoTemplate', demoTemplate);
  project.provide('postgresDemoBlobs', demoBlobs);

  return async () => {
    rmSync(demoBlobs, { recursive: true, force: true });
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname = $2 OR datname LIKE $3`,
      [template, demoTemplate, `${template.replace('_tpl_', '_t_')}%`],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
  };
}

export { withDatabase };
