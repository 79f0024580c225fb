// The mail outbox: modules queue mail with enqueueMail in their own transaction; the sender
// started by app.ts delivers it after the commit.
export { mailOutbox } from './db-schema';
export { enqueueMail, type OutgoingMail } from './outbox';
export {
  createMailTransport,
  deliverDueMail,
  maxMailAttempts,
  startMailSender,
  type MailMessage,
  type MailSender,
  type MailTransport,
} from './sender';
