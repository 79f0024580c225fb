import type { Actor } from './auth/policy';
import type { Db } from './db/client';
import type { Tx } from './db/transaction';

/** What every service function is called with: who acts, and the database to act on. */
export type ServiceContext = { readonly actor: Actor; readonly tx: Db };

/** A service function that writes: its database handle is a transaction (see inTransaction). */
export type WriteContext = ServiceContext & { readonly tx: Tx };
