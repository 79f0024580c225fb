import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { Db } from '../db/client';
import { createTopicEmitter, type LiveEvents } from './live-events';

/** The one channel every instance listens on; the payload names the topic. */
export const liveEventsChannel = 'dagsorden_live_events';

/** Names the listening connection in pg_stat_activity, so an operator can tell it apart. */
export const liveEventsApplicationName = 'dagsorden-live-events';

const notification = z.object({ origin: z.string(), topic: z.string().min(1) });

export type PostgresLiveEventsOptions = {
  /** The database all instances share (DATABASE_URL). */
  connectionString: string;
  /** The app's pool: NOTIFY goes through it, so publishing never waits for the listener. */
  db: Db;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  /** Waits before reconnecting the listener: doubling from the first to the longest. */
  reconnectDelayMs?: { first: number; longest: number };
};

/**
 * Live events shared by every app instance on one PostgreSQL database. A publish reaches this
 * process's subscribers at once and the other instances through NOTIFY; each instance keeps one
 * dedicated connection that LISTENs and reconnects with back-off when it drops. Events sent
 * while the connection was down are lost, so after reconnecting every local subscriber is told
 * that its topic may have changed: a live view refetches, the public cache empties.
 *
 * Resolves once the first LISTEN is in place, so a wrong DATABASE_URL stops start-up.
 */
export async function createPostgresLiveEvents(
  options: PostgresLiveEventsOptions,
): Promise<LiveEvents> {
  const { connectionString, db, log } = options;
  const { first, longest } = options.reconnectDelayMs ?? { first: 500, longest: 30_000 };
  const emitter = createTopicEmitter();
  // Tells this instance's own notifications apart: its subscribers already had them.
  const origin = randomUUID();
  let listener: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = first;
  let isClosed = false;

  const deliver = (payload: string | undefined) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload ?? '');
    } catch {
      parsed = undefined;
    }
    const message = notification.safeParse(parsed);
    if (!message.success) {
      log.warn({ payload }, 'ignored a live event notification that is not ours');
      return;
    }
    if (message.data.origin !== origin) emitter.emit(message.data.topic);
  };

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({
      connectionString,
      application_name: liveEventsApplicationName,
      // A connection that dies without a goodbye (a failover, a dropped network) is noticed.
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === liveEventsChannel) deliver(message.payload);
    });
    // Without a listener an 'error' event would crash the process; losing the connection is
    // handled by reconnecting instead.
    client.on('error', (error) => lose(client, error));
    client.on('end', () => lose(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${liveEventsChannel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  };

  const lose = (client: pg.Client, error?: Error) => {
    // Only the connection in use matters; a failed attempt or a closed one is already handled.
    if (client !== listener) return;
    listener = undefined;
    log.warn({ err: error }, 'live events: lost the LISTEN connection, reconnecting');
    client.end().catch(() => undefined);
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (isClosed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        async (client) => {
          if (isClosed) {
            await client.end();
            return;
          }
          listener = client;
          retryDelay = first;
          log.info('live events: listening again');
          for (const topic of emitter.eventNames()) emitter.emit(topic);
        },
        (error: unknown) => {
          log.warn({ err: error, retryInMs: retryDelay }, 'live events: could not reconnect');
          retryDelay = Math.min(retryDelay * 2, longest);
          scheduleReconnect();
        },
      );
    }, retryDelay);
    retryTimer.unref();
  };

  listener = await connect();

  return {
    publish(topic) {
      emitter.emit(topic);
      const payload = JSON.stringify({ origin, topic });
      db.execute(sql`SELECT pg_notify(${liveEventsChannel}, ${payload})`).catch(
        (error: unknown) => {
          log.warn({ err: error, topic }, 'live events: could not notify the other instances');
        },
      );
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return () => emitter.off(topic, handler);
    },
    async close() {
      isClosed = true;
      clearTimeout(retryTimer);
      const client = listener;
      listener = undefined;
      emitter.removeAllListeners();
      await client?.end();
    },
  };
}
