import { recordAudit } from '../../platform/audit/record-audit';
import { can, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import type { MeetingRow } from '../meetings/index';
import { selectPerson } from '../organizations/index';
import { requireVisibleMeeting } from './lifecycle';
import * as repo from './repository';

type Ctx = { actor: Actor; tx: Db };

export type FollowUpState = 'open' | 'done' | 'overdue';

export type FollowUpView = repo.FollowUpListed & { state: FollowUpState };

/** Open follow-ups past their due date (a local date) are overdue. */
export function followUpState(
  followUp: Pick<repo.FollowUpRow, 'status' | 'dueDate'>,
  today: string,
): FollowUpState {
  if (followUp.status === 'done') return 'done';
  return followUp.dueDate < today ? 'overdue' : 'open';
}

const withState = (rows: repo.FollowUpListed[], now: Date): FollowUpView[] => {
  const today = toLocalDate(now);
  return rows.map((row) => ({ ...row, state: followUpState(row, today) }));
};

/** A follow-up from a closed item is shown by the item's neutral title to those who may not read it. */
function redact(actor: Actor, rows: FollowUpView[]): FollowUpView[] {
  return rows.map((row) =>
    row.itemIsPublic || can(actor, 'agendaItem.readClosed', { organizationId: row.organizationId })
      ? row
      : { ...row, itemTitle: row.itemPublicTitle ?? da.items.closed, text: da.items.closed },
  );
}

export type FollowUpInput = { ownerPersonId: string; dueDate: string; text: string };

/** Opfølgning from an item's minutes, with owner, due date and text. */
export async function createFollowUp(
  ctx: Ctx,
  meetingId: string,
  itemId: string,
  input: FollowUpInput,
): Promise<repo.FollowUpRow> {
  const meeting = await requireVisibleMeeting(ctx, meetingId);
  if (!can(ctx.actor, 'followUp.write', { organizationId: meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  const item = await repo.selectItem(ctx.tx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  if (!(await selectPerson(ctx.tx, input.ownerPersonId))) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'ownerPersonId', message: da.validation.unknownPerson }],
    });
  }
  const followUp = await repo.insertFollowUp(ctx.tx, { agendaItemId: itemId, ...input });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'followUp.create',
    entityType: 'followUp',
    entityId: followUp.id,
    after: followUp,
  });
  return followUp;
}

/** Marks a follow-up done or open again: its owner or the secretariat may. */
export async function setFollowUpStatus(
  ctx: Ctx,
  followUpId: string,
  status: repo.FollowUpRow['status'],
): Promise<repo.FollowUpRow> {
  const [listed] = await repo.selectFollowUpsByIds(ctx.tx, [followUpId]);
  if (!listed || !can(ctx.actor, 'meeting.read', { organizationId: listed.organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  const isOwner = ctx.actor.kind === 'user' && ctx.actor.personId === listed.ownerPersonId;
  if (!isOwner && !can(ctx.actor, 'followUp.write', { organizationId: listed.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  const after = await repo.updateFollowUp(ctx.tx, followUpId, {
    status,
    completedAt: status === 'done' ? new Date() : null,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'followUp.status',
    entityType: 'followUp',
    entityId: followUpId,
    before: { status: listed.status },
    after: { status },
  });
  return after;
}

/** Mine opfølgninger: the follow-ups the actor's person owns, open first. */
export async function listMyFollowUps(ctx: Ctx, now = new Date()): Promise<FollowUpView[]> {
  if (!can(ctx.actor, 'followUp.readOwn')) throw new AppError('FORBIDDEN');
  const personId = ctx.actor.kind === 'user' ? ctx.actor.personId : null;
  if (personId === null) return [];
  return redact(ctx.actor, withState(await repo.selectFollowUpsOfOwner(ctx.tx, personId), now));
}

/**
 * What the meeting's "Opfølgning" item lists: open follow-ups from the organization's earlier
 * meetings and those done since the previous meeting.
 */
export async function listFollowUpsForMeeting(
  ctx: Ctx,
  meeting: MeetingRow,
  now = new Date(),
): Promise<FollowUpView[]> {
  const previous = await repo.selectPreviousMeeting(ctx.tx, meeting);
  const rows = await repo.selectFollowUpsForMeeting(
    ctx.tx,
    meeting,
    previous?.startsAt ?? new Date(0),
  );
  return redact(ctx.actor, withState(rows, now));
}

/** The follow-ups created from these items. */
export async function listFollowUpsOfItems(
  ctx: Ctx,
  itemIds: readonly string[],
  now = new Date(),
): Promise<FollowUpView[]> {
  return redact(ctx.actor, withState(await repo.selectFollowUpsOfItems(ctx.tx, itemIds), now));
}
