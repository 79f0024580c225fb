import type { Db } from '../src/platform/db/client';

type QueryLogger = { logQuery(query: string, params: unknown[]): void };

/**
 * Runs fn and counts the statements it sends through db, by swapping the logger of Drizzle's
 * session (both drivers read it for every query). Only queries on db itself count, not those in
 * a transaction opened from it; call the service with `tx: db` for that. Nothing else may use db
 * meanwhile: create the test app with `config: { backgroundWork: false }`.
 */
export async function countQueries<T>(
  db: Db,
  fn: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  const session = (db as unknown as { session: { logger: QueryLogger } }).session;
  const previous = session.logger;
  let queries = 0;
  session.logger = {
    logQuery: () => {
      queries++;
    },
  };
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    session.logger = previous;
  }
}
