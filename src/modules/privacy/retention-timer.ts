import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { runRetention } from './service';

export type RetentionTimer = { stop(): Promise<void> };

const timerActor: Actor = { kind: 'system', label: 'retention' };

/**
 * Applies the retention settings once a day in the server. It looks every hour (first ten
 * minutes after start, so a short-lived process such as a test never runs it) and runs only when
 * the last run is a day old; the lease on the settings row makes sure that of several instances
 * on one PostgreSQL only one runs. The timer does not keep the process alive.
 */
export function startRetentionTimer(
  db: Db,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  options: { firstAfterMs?: number; everyMs?: number } = {},
): RetentionTimer {
  let running: Promise<void> | null = null;
  let isStopped = false;
  const tick = () => {
    if (isStopped || running) return;
    running = runRetention({ actor: timerActor, db, onlyIfDue: true })
      .then((result) => {
        if (result.ran) log.info({ retention: result.counts }, 'retention run');
      })
      .catch((error: unknown) => log.error({ err: error }, 'retention run failed'))
      .finally(() => {
        running = null;
      });
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(
    () => {
      tick();
      interval = setInterval(tick, options.everyMs ?? 60 * 60 * 1000);
      interval.unref();
    },
    options.firstAfterMs ?? 10 * 60 * 1000,
  );
  first.unref();
  return {
    async stop() {
      isStopped = true;
      clearTimeout(first);
      clearInterval(interval);
      await running;
    },
  };
}
