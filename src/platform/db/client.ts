import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { projectPath } from '../project-root';

/** Anything queries can run on: the database itself or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type Engine = 'pglite' | 'postgresql';

export type Database = {
  db: Db;
  engine: Engine;
  /** Runs forward-only migrations from db/migrations. */
  migrate(): Promise<void>;
  /**
   * Runs start-up work (migrations, the first administrator, demo data) while no other process
   * does the same on this database, so instances started together take turns.
   */
  runExclusively<T>(fn: () => Promise<T>): Promise<T>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** Refreshes planner statistics after bulk writes (PGlite has no autovacuum). */
  vacuumAnalyze(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = projectPath('db/migrations');

/** pg_advisory_lock key of the start-up work ("dags" in ASCII); any fixed number would do. */
const startupLockKey = 0x64616773;

/** Embedded PGlite, which can also write its whole data folder out as one file. */
export type PgliteDatabase = Database & {
  /** The data folder as a tarball, which `openPglite(undefined, { from })` opens as a copy. */
  dumpDataDir(): Promise<Blob>;
};

/**
 * Opens embedded PGlite in dataDir (or in memory when dataDir is undefined), optionally as a
 * copy of a dumped data folder: much faster than creating and migrating a new one, which is
 * what the tests use it for.
 */
export async function openPglite(
  dataDir: string | undefined,
  options: { from?: Blob } = {},
): Promise<PgliteDatabase> {
  // pg_trgm: fuzzy name matching in search (PostgreSQL ships it; PGlite loads it here).
  const settings = { extensions: { pg_trgm }, loadDataDir: options.from };
  const client = dataDir === undefined ? new PGlite(settings) : new PGlite(dataDir, settings);
  await client.waitReady;
  const db = drizzlePglite(client);
  return {
    dumpDataDir: async () => client.dumpDataDir('none'),
    db: db as unknown as Db,
    engine: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    // One process per embedded database (see lock.ts): nobody to take turns with.
    runExclusively: (fn) => fn(),
    ping: async () => {
      await client.query('SELECT 1');
    },
    vacuumAnalyze: async () => {
      await client.exec('VACUUM ANALYZE');
    },
    close: () => client.close(),
  };
}

export async function openPostgres(connectionString: string): Promise<Database> {
  // Loaded only for PostgreSQL: with the embedded database they would only slow the start.
  const [{ default: pg }, { drizzle: drizzleNodePostgres }, { migrate: migrateNodePostgres }] =
    await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
      import('drizzle-orm/node-postgres/migrator'),
    ]);
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it and the next query reports any lasting problem.
  pool.on('error', (error) => {
    process.stderr.write(`PostgreSQL connection lost: ${error.message}\n`);
  });
  // Fail at start-up, not at the first request, when the server cannot be reached.
  const probe = await pool.connect();
  try {
    const result = await probe.query<{ server_version_num: string }>('SHOW server_version_num');
    const version = Number(result.rows[0]?.server_version_num ?? 0);
    if (version < 150000) {
      throw new Error(`PostgreSQL 15 or newer is required (server reports ${version})`);
    }
  } finally {
    probe.release();
  }
  const db = drizzleNodePostgres(pool);
  const runExclusively = async <T>(fn: () => Promise<T>): Promise<T> => {
    const lock = await pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [startupLockKey]);
      return await fn();
    } finally {
      // Closing the connection rather than returning it drops the lock however we got here.
      lock.release(true);
    }
  };
  return {
    db: db as unknown as Db,
    engine: 'postgresql',
    // Instances started together on a new database would otherwise apply the same migration at
    // once and fail; the later one waits and then finds nothing left to do.
    migrate: () => runExclusively(() => migrateNodePostgres(db, { migrationsFolder })),
    runExclusively,
    ping: async () => {
      await pool.query('SELECT 1');
    },
    vacuumAnalyze: async () => {
      await pool.query('VACUUM ANALYZE');
    },
    close: () => pool.end(),
  };
}
