import { and, asc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client';
import { mailOutbox } from './db-schema';

/** One mail as it leaves the outbox. */
export type MailMessage = { to: string[]; subject: string; body: string };

/** Where mail goes: an SMTP server, or the log when none is configured. */
export type MailTransport = {
  send(message: MailMessage): Promise<void>;
  close?(): void;
};

export type MailLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

/**
 * Sends through SMTP (smtp:// or smtps://, credentials in the URL) with a fixed From.
 * nodemailer is loaded with the first mail rather than at start-up, which it would slow down.
 */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  let transporter: Promise<Transporter> | undefined;
  const open = () =>
    (transporter ??= import('nodemailer').then(({ createTransport }) =>
      // Short timeouts: a hanging server must not outlive the claim on the row (firstRetrySeconds).
      createTransport({
        url: smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    ));
  return {
    async send(message) {
      const opened = await open();
      await opened.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.body,
      });
    },
    close: () => void transporter?.then((opened) => opened.close()),
  };
}

/** Without SMTP_URL: the mail is "delivered" to the log (recipients and subject; body at debug). */
export function createLogTransport(log: MailLog): MailTransport {
  return {
    async send(message) {
      log.info({ mail: { to: message.to, subject: message.subject } }, 'mail (SMTP_URL unset)');
      log.debug({ mail: { to: message.to, body: message.body } }, 'mail body');
    },
  };
}

/** The transport the configuration asks for. */
export function createMailTransport(
  config: { smtpUrl: string | undefined; from: string },
  log: MailLog,
): MailTransport {
  return config.smtpUrl
    ? createSmtpTransport(config.smtpUrl, config.from)
    : createLogTransport(log);
}

/** After this many failed attempts (about a day of backing off) a mail is left for a person. */
export const maxMailAttempts = 12;

/**
 * How long a claimed row waits before it may be tried again: one minute after the first
 * attempt, doubling up to six hours. It is also the claim's lease, so it must exceed the SMTP
 * timeouts above: a process that dies mid-send leaves the row to be retried, not lost.
 */
const firstRetrySeconds = 60;
const lastRetrySeconds = 6 * 60 * 60;

/**
 * Sends the mail that is due, oldest first, and returns how many were sent. Each row is claimed
 * before sending (FOR UPDATE SKIP LOCKED, attempts + 1, next attempt pushed out by the lease)
 * in its own short statement, so two senders never pick the same row and no transaction stays
 * open while the SMTP server talks. A sent row is never picked again.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  log: MailLog,
  options: { batchSize?: number; now?: Date } = {},
): Promise<number> {
  // The database's clock by default: a JS Date has only milliseconds, so a mail queued a few
  // microseconds ago could look not yet due.
  const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      and(
        isNull(mailOutbox.sentAt),
        lte(mailOutbox.nextAttemptAt, now),
        lt(mailOutbox.attempts, maxMailAttempts),
      ),
    )
    .orderBy(asc(mailOutbox.id))
    .limit(options.batchSize ?? 20)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: sql`${now} + (least(${lastRetrySeconds}, ${firstRetrySeconds} * power(2, ${mailOutbox.attempts})) * interval '1 second')`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
  let sent = 0;
  for (const row of claimed.sort((a, b) => a.id - b.id)) {
    try {
      await transport.send({ to: row.recipients, subject: row.subject, body: row.body });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db
        .update(mailOutbox)
        .set({ lastError: message.slice(0, 2000) })
        .where(eq(mailOutbox.id, row.id));
      const giveUp = row.attempts >= maxMailAttempts;
      log[giveUp ? 'error' : 'warn'](
        { err: error, mailId: row.id, attempts: row.attempts },
        giveUp ? 'mail could not be sent; giving up' : 'mail could not be sent; will retry',
      );
      continue;
    }
    await db
      .update(mailOutbox)
      .set({ sentAt: new Date(), lastError: null })
      .where(eq(mailOutbox.id, row.id));
    sent++;
  }
  return sent;
}

export type MailSender = {
  /** Sends what is due now instead of at the next tick (tests, or right after a request). */
  wake(): Promise<void>;
  stop(): Promise<void>;
};

/** Polls the outbox in the background; the timer does not keep the process alive. */
export function startMailSender(
  db: Db,
  transport: MailTransport,
  log: MailLog,
  intervalMs = 2000,
): MailSender {
  let running: Promise<void> | null = null;
  let isStopped = false;
  const tick = (): Promise<void> => {
    if (isStopped) return Promise.resolve();
    running ??= deliverDueMail(db, transport, log)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, 'mail sender failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    wake: tick,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
      transport.close?.();
    },
  };
}
