import { validationError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit/record-audit';
import { da } from '../../platform/i18n/da';
import { readPerson } from '../organizations/index';
import * as repo from './repository';
import type { ItemCreateInput, ItemUpdateInput } from './schemas';
import { changesHeldRecord } from './policy';
import { inferStandingKind, insertionIndex } from './standing-items';
import { resolveClosureReason, type ClosureReasonFields } from './closure-reason';
import type { WriteContext } from '../../platform/service-context';
import {
  requireMeeting,
  requireOpenAgenda,
  assertClosedHasPublicTitle,
  assertPaperVisible,
  requireItem,
} from './meeting-checks';

/**
 * Adds an item at the end of its parent's sub-items, or on the top level before the closing
 * standing items ("Evt."); a closing item itself goes last.
 */
export async function addAgendaItem({
  meetingId,
  input,
  carriedReason,
  ...ctx
}: WriteContext & {
  meetingId: string;
  input: ItemCreateInput;
  /** A copy that continues an earlier item (carry-over) keeps that item's closure reason as it is. */
  carriedReason?: ClosureReasonFields;
}): Promise<repo.AgendaItemRow> {
  const { actor, tx } = ctx;
  const meeting = await requireOpenAgenda(ctx, meetingId);
  if (input.parentId !== null) {
    const parent = await repo.selectItem(tx, meetingId, input.parentId);
    if (!parent) throw validationError('parentId', da.validation.unknownParent);
    if (parent.parentId !== null) throw validationError('parentId', da.validation.nestedTooDeep);
  }
  assertClosedHasPublicTitle(input.isPublic, input.publicTitle);
  if (input.paperId !== null) await assertPaperVisible(ctx, input.paperId);
  const { attachments, standingKind, closedReasonCode, closedReasonText, ...values } = input;
  const reason =
    carriedReason && !input.isPublic
      ? carriedReason
      : await resolveClosureReason({
          tx,
          organizationId: meeting.organizationId,
          isPublic: input.isPublic,
          before: undefined,
          code: closedReasonCode,
          text: closedReasonText,
        });
  const siblings =
    input.parentId === null && values.placement !== 'closing'
      ? await repo.selectSiblings(tx, meetingId, null)
      : [];
  const index = insertionIndex(siblings);
  const item = await repo.insertItem(tx, {
    ...values,
    ...reason,
    standingKind: standingKind ?? inferStandingKind(input.title),
    meetingId,
    position:
      index < siblings.length
        ? siblings[index]!.position
        : await repo.nextPosition(tx, meetingId, input.parentId),
  });
  if (index < siblings.length) {
    const order = siblings.map((sibling) => sibling.id);
    order.splice(index, 0, item.id);
    await repo.setPositions(tx, order);
  }
  await repo.replaceAttachments(tx, item.id, attachments);
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.create',
    entityType: 'agendaItem',
    entityId: item.id,
    after: { ...item, attachments },
  });
  return item;
}

/** Changes an item's fields; the time plan follows from the new duration. */
export async function updateAgendaItem({
  meetingId,
  itemId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  itemId: string;
  input: ItemUpdateInput;
}): Promise<repo.AgendaItemRow> {
  const { actor, tx } = ctx;
  const before = await requireItem(ctx, meetingId, itemId, {
    whenHeld: !changesHeldRecord(input),
  });
  assertClosedHasPublicTitle(
    input.isPublic ?? before.isPublic,
    input.publicTitle === undefined ? before.publicTitle : input.publicTitle,
  );
  const { attachments, disqualifiedPersonIds, closedReasonCode, closedReasonText, ...values } =
    input;
  const meeting = await requireMeeting(ctx, meetingId, 'agendaItem.write');
  const reason = await resolveClosureReason({
    tx,
    organizationId: meeting.organizationId,
    isPublic: input.isPublic ?? before.isPublic,
    before,
    code: closedReasonCode,
    text: closedReasonText,
  });
  const beforeAttachments = await repo.selectAttachments(tx, [itemId]);
  const beforeDisqualified = await repo.selectDisqualifiedPersonIds(tx, itemId);
  const after = await repo.updateItem(tx, itemId, { ...values, ...reason });
  if (attachments !== undefined) await repo.replaceAttachments(tx, itemId, attachments);
  if (disqualifiedPersonIds !== undefined) {
    for (const personId of disqualifiedPersonIds) {
      if (!(await readPerson({ tx }, personId)))
        throw validationError('disqualifiedPersonIds', da.validation.unknownPerson);
    }
    await repo.replaceDisqualifications(tx, itemId, disqualifiedPersonIds);
  }
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.update',
    entityType: 'agendaItem',
    entityId: itemId,
    before: {
      ...before,
      attachments: beforeAttachments.map((attachment) => attachment.title),
      disqualifiedPersonIds: beforeDisqualified,
    },
    after: {
      ...after,
      attachments: attachments ?? beforeAttachments.map((attachment) => attachment.title),
      disqualifiedPersonIds: disqualifiedPersonIds ?? beforeDisqualified,
    },
  });
  return after;
}

/** Deletes an item (and its sub-items) and closes the gap in the numbering. */
export async function deleteAgendaItem({
  meetingId,
  itemId,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string }): Promise<void> {
  const { actor, tx } = ctx;
  const before = await requireItem(ctx, meetingId, itemId);
  await repo.deleteItem(tx, itemId);
  const siblings = await repo.selectSiblings(tx, meetingId, before.parentId);
  await repo.setPositions(
    tx,
    siblings.map((sibling) => sibling.id),
  );
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.delete',
    entityType: 'agendaItem',
    entityId: itemId,
    before,
  });
}

/** Moves an item to a 1-based position among its siblings; the others shift to make room. */
export async function moveAgendaItem({
  meetingId,
  itemId,
  position,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string; position: number }): Promise<void> {
  const { actor, tx } = ctx;
  const item = await requireItem(ctx, meetingId, itemId);
  const siblings = await repo.selectSiblings(tx, meetingId, item.parentId);
  if (position > siblings.length) throw validationError('position', da.validation.position);
  const order = siblings.map((sibling) => sibling.id).filter((id) => id !== itemId);
  order.splice(position - 1, 0, itemId);
  await repo.setPositions(tx, order);
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.move',
    entityType: 'agendaItem',
    entityId: itemId,
    before: { position: item.position },
    after: { position },
  });
}
