import { eq } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/app-harness';
import { startSmtpServer } from '../../../test/smtp-server';
import { isEngineUnavailable, openTestDatabase, type TestDatabase } from '../../../test/database';
import { buildApp } from '../../app';
import { inTransaction } from '../db/transaction';
import { mailOutbox } from './db-schema';
import { enqueueMail } from './outbox';
import {
  createLogTransport,
  createSmtpTransport,
  deliverDueMail,
  type MailTransport,
} from './sender';

const from = 'Dagsorden <dagsorden@kommune.dk>';

/** A log that remembers what it was told, for assertions. */
function memoryLog() {
  const lines: Array<{ level: string; object: unknown; message: string }> = [];
  const at =
    (level: string) =>
    (object: unknown, message = '') => {
      lines.push({ level, object, message });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

describe.skipIf(isEngineUnavailable())('mail outbox', () => {
  let testDatabase: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: MailTransport;
  const db = () => testDatabase.database.db;

  beforeAll(async () => {
    testDatabase = await openTestDatabase();
    smtp = await startSmtpServer();
    transport = createSmtpTransport(smtp.url, from);
  });
  afterAll(async () => {
    transport.close?.();
    await smtp.close();
    await testDatabase.drop();
  });
  afterEach(async () => {
    await db().delete(mailOutbox);
    smtp.received.length = 0;
  });

  it('sends a queued mail with Danish subject and body over SMTP, once', async () => {
    const subject = 'Dagsorden til mødet i Økonomiudvalget – æ, ø og å';
    const body = 'Kære Søren Ærø\n\nDagsordenen er udsendt. Mødet holdes på Rådhuset.\n';
    await inTransaction(db(), (tx) =>
      enqueueMail(tx, { to: ['soeren@kommune.dk', 'aase@kommune.dk'], subject, body }),
    );

    expect(await deliverDueMail(db(), transport, memoryLog())).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe(subject);
    expect(mail.text).toBe(body);
    expect(mail.from?.value).toEqual([{ name: 'Dagsorden', address: 'dagsorden@kommune.dk' }]);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((address) => address?.value.map((value) => value.address))).toEqual([
      'soeren@kommune.dk',
      'aase@kommune.dk',
    ]);

    const [row] = await db().select().from(mailOutbox);
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBeNull();
    // Sent rows are never picked again.
    expect(await deliverDueMail(db(), transport, memoryLog())).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing when the transaction that queued the mail rolls back', async () => {
    await expect(
      inTransaction(db(), async (tx) => {
        await enqueueMail(tx, { to: 'a@kommune.dk', subject: 'Må ikke sendes', body: 'Nej.' });
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');
    expect(await deliverDueMail(db(), transport, memoryLog())).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect(await db().select().from(mailOutbox)).toHaveLength(0);
  });

  it('keeps a mail that fails, records the error and retries it after a back-off', async () => {
    const id = await enqueueMail(db(), { to: 'a@kommune.dk', subject: 'Prøv igen', body: '…' });
    let calls = 0;
    const failing: MailTransport = {
      async send() {
        calls++;
        throw new Error('421 Service not available');
      },
    };
    const log = memoryLog();
    // A second ahead: the row's own timestamp has microseconds that a Date has not.
    const now = new Date(Date.now() + 1000);
    expect(await deliverDueMail(db(), failing, log, { now })).toBe(0);
    const [failed] = await db().select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(failed).toMatchObject({
      attempts: 1,
      sentAt: null,
      lastError: '421 Service not available',
    });
    expect(failed!.nextAttemptAt.getTime() - now.getTime()).toBe(60_000);
    expect(log.lines.map((line) => line.level)).toEqual(['warn']);

    // Not due again until the back-off has passed: no second attempt, no double send.
    expect(await deliverDueMail(db(), failing, log, { now })).toBe(0);
    expect(calls).toBe(1);

    const later = new Date(now.getTime() + 61_000);
    expect(await deliverDueMail(db(), transport, log, { now: later })).toBe(1);
    const [sent] = await db().select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['Prøv igen']);
  });

  it('never gives one mail to two senders at once', async () => {
    await enqueueMail(db(), { to: 'a@kommune.dk', subject: 'Én gang', body: 'Kun én gang.' });
    const results = await Promise.all([
      deliverDueMail(db(), transport, memoryLog()),
      deliverDueMail(db(), transport, memoryLog()),
    ]);
    expect(results.sort()).toEqual([0, 1]);
    expect(smtp.received).toHaveLength(1);
  });

  it('refuses a subject with a line break and an invalid address', async () => {
    await expect(
      enqueueMail(db(), { to: 'a@kommune.dk', subject: 'Hej\r\nBcc: x@y.dk', body: '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      enqueueMail(db(), { to: 'ikke en adresse', subject: 'Hej', body: '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('writes mail to the log when no SMTP server is configured', async () => {
    await enqueueMail(db(), { to: 'a@kommune.dk', subject: 'Referat godkendt', body: 'Tekst' });
    const log = memoryLog();
    expect(await deliverDueMail(db(), createLogTransport(log), log)).toBe(1);
    expect(log.lines[0]).toMatchObject({
      level: 'info',
      object: { mail: { to: ['a@kommune.dk'], subject: 'Referat godkendt' } },
    });
    const [row] = await db().select().from(mailOutbox);
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it('is sent by the running app: a JSON log line with recipients and subject', async () => {
    type Entry = { mail?: { to: string[]; subject: string } };
    const lines: string[] = [];
    let onSent: (entry: Entry) => void = () => undefined;
    // Resolves with the log entry of the mail when the app's sender writes it, whenever that is.
    const sent = new Promise<Entry>((resolve) => (onSent = resolve));
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const written = chunk.toString('utf8').split('\n').filter(Boolean);
        lines.push(...written);
        const entry = written
          .map((line) => JSON.parse(line) as Entry)
          .find((candidate) => candidate.mail?.subject === 'Mødet er flyttet');
        if (entry) onSent(entry);
        callback();
      },
    });
    const app = await buildApp({
      config: testConfig(),
      database: testDatabase.database,
      logger: { level: 'info', stream },
    });
    try {
      await app.ready();
      await enqueueMail(db(), { to: 'b@kommune.dk', subject: 'Mødet er flyttet', body: 'Ny tid' });
      const logged = await sent;
      expect(logged.mail).toEqual({ to: ['b@kommune.dk'], subject: 'Mødet er flyttet' });
      expect(JSON.stringify(lines)).not.toContain('Ny tid');
    } finally {
      await app.close();
    }
  });
});
