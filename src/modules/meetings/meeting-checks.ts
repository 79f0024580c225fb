import { can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { findOrCreateLocation, readPerson } from '../organizations/index';
import { getPaper } from '../papers/index';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export async function requireMeeting(
  { actor, tx }: ServiceContext,
  meetingId: string,
  action: 'meeting.update' | 'meeting.delete' | 'agendaItem.write',
): Promise<repo.MeetingRow> {
  const meeting = await repo.selectMeeting(tx, meetingId);
  if (!meeting || !can(actor, 'meeting.read', { organizationId: meeting.organizationId })) {
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

export async function requireItem(
  ctx: ServiceContext,
  meetingId: string,
  itemId: string,
): Promise<repo.AgendaItemRow> {
  await requireMeeting(ctx, meetingId, 'agendaItem.write');
  const item = await repo.selectItem(ctx.tx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}
