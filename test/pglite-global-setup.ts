import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadDemo } from '../src/modules/demo/index';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import { openPglite } from '../src/platform/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Dumped PGlite data folders every test file opens a copy of, and the demo's files. */
    pgliteTemplates: { migrated: string; demo: string; demoBlobs: string };
  }
}

/**
 * Once per run: an embedded database migrated, and one with the demo data as well, each dumped
 * to a file, plus the demo's stored files. A test file opens a copy (about a second) instead of
 * creating a new database (several seconds), migrating it and loading the demo again.
 */
export default async function setup(project: TestProject) {
  const directory = mkdtempSync(join(tmpdir(), 'dagsorden-pglite-templates-'));
  const templates = {
    migrated: join(directory, 'migrated.tar'),
    demo: join(directory, 'demo.tar'),
    demoBlobs: join(directory, 'demo-blobs'),
  };
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    const dump = async (file: string) =>
      writeFileSync(file, Buffer.from(await (await database.dumpDataDir()).arrayBuffer()));
    await dump(templates.migrated);
    await loadDemo(database.db, createLocalBlobStore(templates.demoBlobs));
    await database.vacuumAnalyze();
    await dump(templates.demo);
  } finally {
    await database.close();
  }
  project.provide('pgliteTemplates', templates);
  return () => rmSync(directory, { recursive: true, force: true });
}
