import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { storedFiles } from '../files/db-schema';

/**
 * Backup works on every table of the schema generically, as JSON rows: PostgreSQL turns each
 * row into JSON and back (row_to_json / json_populate_recordset), so arrays, enums, jsonb and
 * timestamps survive exactly, on both engines and across them.
 */

/** Both drivers answer a raw statement with `{ rows }`. */
type RawResult<T> = { rows: T[] };

async function rows<T>(tx: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(statement)) as RawResult<T>;
  return result.rows;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The application's tables (schema public), in a stable order. */
export async function selectTableNames(tx: Db): Promise<string[]> {
  const result = await rows<{ name: string }>(
    tx,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return result.map((row) => row.name);
}

/** The migrations applied, oldest first: a backup restores only into the same schema. */
export async function selectMigrationHashes(tx: Db): Promise<string[]> {
  const result = await rows<{ hash: string }>(
    tx,
    sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`,
  );
  return result.map((row) => row.hash);
}

export async function countRows(tx: Db, table: string): Promise<number> {
  const result = await rows<{ count: number }>(
    tx,
    sql.raw(`SELECT count(*)::int AS count FROM ${quoted(table)}`),
  );
  return result[0]?.count ?? 0;
}

/**
 * Every row of a table as JSON text, a batch at a time through a cursor, so a large table
 * never sits in memory whole. Must run inside a transaction.
 */
export async function* streamRowsAsJson(
  tx: Db,
  table: string,
  batchSize = 500,
): AsyncGenerator<string[]> {
  const cursor = `backup_${table.replace(/\W/g, '_')}`;
  await tx.execute(
    sql.raw(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS json FROM ${quoted(table)} t`,
    ),
  );
  try {
    for (;;) {
      const batch = await rows<{ json: string }>(tx, sql.raw(`FETCH ${batchSize} FROM ${cursor}`));
      if (batch.length === 0) return;
      yield batch.map((row) => row.json);
    }
  } finally {
    await tx.execute(sql.raw(`CLOSE ${cursor}`));
  }
}

/** The columns a restore writes: generated columns are computed again by the database. */
async function selectWritableColumns(tx: Db, table: string): Promise<string[]> {
  const result = await rows<{ name: string }>(
    tx,
    sql`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER'
        ORDER BY ordinal_position`,
  );
  return result.map((row) => row.name);
}

export type RowWriter = (jsonRows: readonly string[]) => Promise<void>;

/** A writer of JSON rows into one table, for a restore. */
export async function rowWriter(tx: Db, table: string): Promise<RowWriter> {
  const columns = (await selectWritableColumns(tx, table)).map(quoted).join(', ');
  return async (jsonRows) => {
    if (jsonRows.length === 0) return;
    const array = `[${jsonRows.join(',')}]`;
    await tx.execute(
      sql`${sql.raw(`INSERT INTO ${quoted(table)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${quoted(table)}, `)}${array}::json)`,
    );
  };
}

/**
 * Restores write rows in file order, not in foreign-key order, and must not fire triggers
 * (derived rows such as an index are restored as they were): replica mode skips both for
 * this transaction. On PostgreSQL it needs a superuser or the database owner with that right.
 */
export async function enterReplicaMode(tx: Db): Promise<void> {
  await tx.execute(sql`SET LOCAL session_replication_role = replica`);
}

export async function truncateTables(tx: Db, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  await tx.execute(sql.raw(`TRUNCATE ${tables.map(quoted).join(', ')} CASCADE`));
}

/** Sets every sequence owned by a table past the largest value restored into it. */
export async function resetSequences(tx: Db): Promise<void> {
  const owned = await rows<{ sequence: string; table: string; column: string }>(
    tx,
    sql`SELECT s.relname AS sequence, t.relname AS table, a.attname AS column
        FROM pg_class s
        JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND t.relnamespace = 'public'::regnamespace`,
  );
  for (const { sequence, table, column } of owned) {
    await tx.execute(
      sql.raw(
        `SELECT setval('${quoted(sequence).replaceAll("'", "''")}', COALESCE((SELECT max(${quoted(column)}) FROM ${quoted(table)}), 0) + 1, false)`,
      ),
    );
  }
}

/** Every stored file's key: the blobs a backup must carry. */
export async function selectBlobKeys(tx: Db): Promise<string[]> {
  const result = await tx
    .select({ sha256: storedFiles.sha256 })
    .from(storedFiles)
    .orderBy(storedFiles.sha256);
  return result.map((row) => row.sha256);
}
