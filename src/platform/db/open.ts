import { join } from 'node:path';
import type { Config } from '../config';
import { openPglite, openPostgres, type Database } from './client';
import { lockDataDir } from './lock';

export type OpenedDatabase = { database: Database; close(): Promise<void> };

/**
 * The configured database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in
 * DATA_DIR/db, locked against a second process. Migrations are applied before it is returned.
 */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl !== undefined) {
    const database = await openPostgres(config.databaseUrl);
    await database.migrate();
    return { database, close: () => database.close() };
  }
  const lock = lockDataDir(config.dataDir);
  try {
    const database = await openPglite(join(config.dataDir, 'db'));
    await database.migrate();
    return {
      database,
      async close() {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
