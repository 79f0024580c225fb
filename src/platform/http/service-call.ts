import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/plugin';
import { inTransaction } from '../db/transaction';
import type { ServiceContext, WriteContext } from '../service-context';

/** A request's write: the service context, and live topics to announce once it has committed. */
export type RequestWrite = WriteContext & {
  /** Tells live viewers of the topic, after the commit (a rolled-back write tells no one). */
  announce(topic: string): void;
};

/** The signed-in actor and the database, for a service call that only reads. */
export function readAs(request: FastifyRequest): ServiceContext {
  return { actor: requireActor(request), tx: request.server.database.db };
}

/**
 * Runs a request's writes as the signed-in actor in one transaction, then publishes the live
 * topics the work announced and wakes the package worker. Publishing waits for the commit, so a viewer that reloads at the
 * event sees the change; anonymous requests are refused before a transaction is opened.
 */
export async function writeAs<T>(
  request: FastifyRequest,
  work: (ctx: RequestWrite) => Promise<T>,
): Promise<T> {
  const actor = requireActor(request);
  const topics = new Set<string>();
  const result = await inTransaction(request.server.database.db, (tx) =>
    work({ actor, tx, announce: (topic) => topics.add(topic) }),
  );
  for (const topic of topics) request.server.liveEvents.publish(topic);
  // A committed write may release an agenda or change what a package is built from: the
  // package worker checks (one query) now rather than at its next tick.
  request.server.background.wakePackageWorker();
  return result;
}
