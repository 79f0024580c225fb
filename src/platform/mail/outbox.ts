import { z } from 'zod';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { mailOutbox } from './db-schema';

export type OutgoingMail = {
  /** One address or several; every recipient sees the others (no Bcc). */
  to: string | readonly string[];
  subject: string;
  /** Plain text, UTF-8. */
  body: string;
};

const address = z.email();
const mailInput = z.object({
  to: z.array(address).min(1).max(100),
  // A line break in a subject would start a new header: refuse it rather than trust the transport.
  subject: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .regex(/^[^\r\n]*$/),
  body: z.string().max(200_000),
});

/**
 * Queues a mail in the caller's transaction: it is sent after the transaction commits (by the
 * mail sender), and never when it rolls back. Returns the outbox row's id.
 */
export async function enqueueMail(tx: Db, mail: OutgoingMail): Promise<number> {
  const parsed = mailInput.safeParse({
    to: typeof mail.to === 'string' ? [mail.to] : [...mail.to],
    subject: mail.subject,
    body: mail.body,
  });
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Ugyldig e-mail til udsendelse.',
      details: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  const [row] = await tx
    .insert(mailOutbox)
    .values({ recipients: parsed.data.to, subject: parsed.data.subject, body: parsed.data.body })
    .returning({ id: mailOutbox.id });
  return row!.id;
}
