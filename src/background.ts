import type { FastifyInstance } from 'fastify';
import { startPackageWorker } from './modules/packages/index';
import { startRetentionTimer } from './modules/privacy/index';
import { createMailTransport, startMailSender } from './platform/mail/index';

/** What requests may ask of the background work: start queued work now, not at the next tick. */
export type BackgroundWork = { wakePackageWorker(): void };

/**
 * Every timer and worker of the server, started in one place so that what runs in the
 * background can be read here: the package worker (meeting packages, built on release and
 * rebuilt on change; woken by every committed write, platform/http/service-call.ts), the mail sender
 * (mail queued by any request, sent once its transaction commits) and the retention timer
 * (retention settings applied once a day; a lease on their row serialises instances). None
 * keeps the process alive; all stop, each finishing what it is doing, when the app closes.
 * Tests that call a worker themselves turn them all off (config.backgroundWork).
 */
export function startBackgroundWork(app: FastifyInstance): BackgroundWork {
  if (app.config.backgroundWork === false) return { wakePackageWorker: () => undefined };
  const { db } = app.database;
  const packageWorker = startPackageWorker({ db, blobs: app.blobs, log: app.log });
  const mailSender = startMailSender(db, createMailTransport(app.config.mail, app.log), app.log);
  const retentionTimer = startRetentionTimer(db, app.log);
  app.addHook('onClose', async () => {
    await Promise.all([packageWorker.stop(), mailSender.stop(), retentionTimer.stop()]);
  });
  return { wakePackageWorker: packageWorker.wake };
}
