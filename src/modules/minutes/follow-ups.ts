import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import {
  followUpViews,
  type FollowUpRow,
  type FollowUpView,
  insertFollowUp,
  readAgendaItemRow,
  readFollowUpsByIds,
  readFollowUpsOfItems,
  readFollowUpsOfOwner,
  updateFollowUp,
} from '../meetings/index';

export type { FollowUpView };
import { readPerson } from '../organizations/index';
import { assertMinutesOpen, requireVisibleMeeting } from './lifecycle';
import { maySetFollowUpStatus } from './policy';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type FollowUpInput = { ownerPersonId: string; dueDate: string; text: string };

/** Opfølgning from an item's minutes, with owner, due date and text. */
export async function createFollowUp({
  meetingId,
  itemId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  itemId: string;
  input: FollowUpInput;
}): Promise<FollowUpRow> {
  const meeting = await requireVisibleMeeting({ ...ctx, meetingId });
  if (!can(ctx.actor, 'followUp.write', { organizationId: meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  assertMinutesOpen(meeting);
  const item = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  if (!(await readPerson(ctx, input.ownerPersonId))) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'ownerPersonId', message: da.validation.unknownPerson }],
    });
  }
  const followUp = await insertFollowUp(ctx, { agendaItemId: itemId, ...input });
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
export async function setFollowUpStatus({
  followUpId,
  status,
  ...ctx
}: WriteContext & {
  followUpId: string;
  status: FollowUpRow['status'];
}): Promise<FollowUpRow> {
  const [listed] = await readFollowUpsByIds(ctx, [followUpId]);
  if (!listed || !can(ctx.actor, 'meeting.read', { organizationId: listed.organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  if (!maySetFollowUpStatus(ctx.actor, listed)) {
    throw new AppError('FORBIDDEN');
  }
  const after = await updateFollowUp(ctx, followUpId, {
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
export async function listMyFollowUps({
  now = new Date(),
  ...ctx
}: ServiceContext & { now?: Date }): Promise<FollowUpView[]> {
  if (!can(ctx.actor, 'followUp.readOwn')) throw new AppError('FORBIDDEN');
  const personId = ctx.actor.kind === 'user' ? ctx.actor.personId : null;
  if (personId === null) return [];
  return followUpViews(ctx.actor, await readFollowUpsOfOwner(ctx, personId), now);
}

/** The follow-ups created from these items. */
export async function listFollowUpsOfItems({
  itemIds,
  now = new Date(),
  ...ctx
}: ServiceContext & { itemIds: readonly string[]; now?: Date }): Promise<FollowUpView[]> {
  return followUpViews(ctx.actor, await readFollowUpsOfItems(ctx, itemIds), now);
}
