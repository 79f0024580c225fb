import { can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { findOrCreateLocation, readPerson } from '../organizations/index';
import { getPaper } from '../papers/index';
import { isMeetingLocked } from './policy';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export async function requireMeeting(
  { actor, tx }: ServiceContext,
  meetingId: string,
  action: 'meeting.update' | 'meeting.delete' | 'agendaItem.write',
): Promise<repo.MeetingRow> {
  const meeting = await repo.selectMeeting(tx, meetingId);
  if (
    !meeting ||
    !can(actor, 'meeting.read', { organizationId: meeting.organizationId, meetingId })
  ) {
    throw new AppError('NOT_FOUND');
  }
  if (!can(actor, action, { organizationId: meeting.organizationId }))
    throw new AppError('FORBIDDEN');
  return meeting;
}

export function assertEndsAfterStart(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new AppError('MEETING_ENDS_BEFORE_START', {
      message: da.errors.MEETING_ENDS_BEFORE_START,
      details: [{ field: 'end', message: da.validation.endBeforeStart }],
    });
  }
}

export async function resolveLocationId(ctx: WriteContext, description: string | null | undefined) {
  if (description === undefined) return undefined;
  if (description === null) return null;
  return (await findOrCreateLocation({ ...ctx, input: { description } })).id;
}

export async function assertPersonExists(
  tx: Db,
  personId: string | null | undefined,
): Promise<void> {
  if (personId && !(await readPerson({ tx }, personId))) {
    throw validationError('secretariatContactId', da.validation.unknownPerson);
  }
}

export function assertClosedHasPublicTitle(isPublic: boolean, publicTitle: string | null): void {
  if (!isPublic && !publicTitle) {
    throw validationError('publicTitle', da.validation.closedNeedsPublicTitle);
  }
}

export async function assertPaperVisible(ctx: ServiceContext, paperId: string): Promise<void> {
  try {
    await getPaper({ ...ctx, paperId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw validationError('paperId', da.validation.unknownPaper);
    }
    throw error;
  }
}

/** Refuses a change to a held meeting's agenda, times, attendance or decisions (409 MEETING_LOCKED). */
export function assertMeetingOpen(meeting: Pick<repo.MeetingRow, 'status'>): void {
  if (isMeetingLocked(meeting)) {
    throw new AppError('MEETING_LOCKED', { message: da.errors.MEETING_LOCKED });
  }
}

/** The meeting, if the actor may write its agenda and it is not yet held. */
export async function requireOpenAgenda(
  ctx: ServiceContext,
  meetingId: string,
): Promise<repo.MeetingRow> {
  const meeting = await requireMeeting(ctx, meetingId, 'agendaItem.write');
  assertMeetingOpen(meeting);
  return meeting;
}

/** The item, if the actor may write the agenda; a held meeting's items only when `whenHeld`. */
export async function requireItem(
  ctx: ServiceContext,
  meetingId: string,
  itemId: string,
  options: { whenHeld?: boolean } = {},
): Promise<repo.AgendaItemRow> {
  if (options.whenHeld) await requireMeeting(ctx, meetingId, 'agendaItem.write');
  else await requireOpenAgenda(ctx, meetingId);
  const item = await repo.selectItem(ctx.tx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}
