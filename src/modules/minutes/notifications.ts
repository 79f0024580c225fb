import type { Db } from '../../platform/db/client';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime, toLocalDate } from '../../platform/i18n/format';
import { enqueueMail } from '../../platform/mail/index';
import type { MeetingRow } from '../meetings/index';
import { readMembersOn } from '../organizations/index';

export type Notice = 'agendaReleased' | 'agendaChanged' | 'minutesReleased';

/**
 * Mails the meeting's members (those with an e-mail address) in the caller's transaction, so
 * the mail goes out only if the release commits.
 */
export async function notifyMembers(
  tx: Db,
  meeting: MeetingRow,
  notice: Notice,
  extra: { changeNote: string | null; meetingUrl: string },
): Promise<void> {
  const members = await readMembersOn(
    { tx },
    meeting.organizationId,
    toLocalDate(meeting.startsAt),
  );
  const recipients = [
    ...new Set(members.flatMap((member) => (member.email ? [member.email] : []))),
  ];
  if (recipients.length === 0) return;
  const texts = da.minutes.mail[notice];
  const when = `${formatDateLong(meeting.startsAt)} kl. ${formatTime(meeting.startsAt)}`;
  await enqueueMail(tx, {
    to: recipients,
    subject: texts.subject(meeting.title, when),
    body: texts.body({
      title: meeting.title,
      when,
      changeNote: extra.changeNote,
      url: extra.meetingUrl,
    }),
  });
}
