import type { Db } from '../../platform/db/client';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime, toLocalDate } from '../../platform/i18n/format';
import { enqueueMail } from '../../platform/mail/index';
import type { MeetingRow } from '../meetings/index';
import { readMembersOn } from '../organizations/index';

export type Notice = 'agendaReleased' | 'agendaChanged' | 'minutesReleased';

/** The mail a release sends: the release itself and its preview both build it here. */
export type MemberMail = {
  /** Each address once, with the first member's name that has it. */
  recipients: Array<{ name: string; email: string }>;
  subject: string;
  body: string;
};

/** The mail to the meeting's members (those with an e-mail address) for this notice. */
export async function buildMemberMail(
  tx: Db,
  meeting: MeetingRow,
  notice: Notice,
  extra: { changeNote: string | null; meetingUrl: string },
): Promise<MemberMail> {
  const members = await readMembersOn(
    { tx },
    meeting.organizationId,
    toLocalDate(meeting.startsAt),
  );
  const byEmail = new Map<string, string>();
  for (const member of members) {
    if (member.email && !byEmail.has(member.email)) byEmail.set(member.email, member.name);
  }
  const texts = da.minutes.mail[notice];
  const when = `${formatDateLong(meeting.startsAt)} kl. ${formatTime(meeting.startsAt)}`;
  return {
    recipients: [...byEmail].map(([email, name]) => ({ name, email })),
    subject: texts.subject(meeting.title, when),
    body: texts.body({
      title: meeting.title,
      when,
      changeNote: extra.changeNote,
      url: extra.meetingUrl,
    }),
  };
}

/**
 * Mails the meeting's members in the caller's transaction, so the mail goes out only if the
 * release commits.
 */
export async function notifyMembers(
  tx: Db,
  meeting: MeetingRow,
  notice: Notice,
  extra: { changeNote: string | null; meetingUrl: string },
): Promise<void> {
  const mail = await buildMemberMail(tx, meeting, notice, extra);
  if (mail.recipients.length === 0) return;
  await enqueueMail(tx, {
    to: mail.recipients.map((recipient) => recipient.email),
    subject: mail.subject,
    body: mail.body,
  });
}
