import type { ServiceContext } from '../../platform/service-context';
import { readAgendaReleases, readMeetingRow } from '../meetings/index';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { buildMemberMail, type MemberMail, type Notice } from './notifications';

export type ReleasePreview = {
  meetingId: string;
  meetingTitle: string;
  kind: 'agenda' | 'minutes';
  /** The version the release would make (agenda), else null. */
  version: number | null;
  mail: MemberMail;
};

/**
 * The release mail exactly as releasing now would queue it, built by the same function; reads
 * only, so nothing is sent or released. For those who may release (the secretariat).
 */
export async function previewRelease({
  meetingId,
  kind,
  changeNote,
  meetingUrl,
  ...ctx
}: ServiceContext & {
  meetingId: string;
  kind: 'agenda' | 'minutes';
  changeNote: string | null;
  meetingUrl: string;
}): Promise<ReleasePreview> {
  const meeting = await readMeetingRow(ctx, meetingId);
  if (
    !meeting ||
    !can(ctx.actor, 'meeting.read', { organizationId: meeting.organizationId, meetingId })
  ) {
    throw new AppError('NOT_FOUND');
  }
  if (!can(ctx.actor, 'meeting.conduct', { organizationId: meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  const version =
    kind === 'agenda' ? ((await readAgendaReleases(ctx, meetingId))[0]?.version ?? 0) + 1 : null;
  const notice: Notice =
    kind === 'minutes' ? 'minutesReleased' : version === 1 ? 'agendaReleased' : 'agendaChanged';
  const mail = await buildMemberMail(ctx.tx, meeting, notice, {
    changeNote: version !== null && version > 1 ? changeNote : null,
    meetingUrl,
  });
  return { meetingId, meetingTitle: meeting.title, kind, version, mail };
}
