import type { Db } from './client';

declare const madeByInTransaction: unique symbol;

/**
 * A database handle inside a transaction. Only inTransaction makes one, so a function that takes
 * a Tx (every write that records an audit event) cannot be called outside a transaction.
 */
export type Tx = Db & { readonly [madeByInTransaction]: true };

/** Runs fn in one transaction: a request's writes land together or not at all. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Drizzle's transaction is a database handle of the same kind; the brand only marks where it came from.
  return db.transaction((tx) => fn(tx as Db as Tx));
}
