import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import {
  addAgendaItem,
  copyOwnAttachments,
  mayReadItemContent,
  mayReadMinutes,
  updateAgendaItem,
  type AgendaItemRow,
  readAgendaItemRow,
  readDisqualifiedPersonIds,
  readItemHistory,
  readMeetingRow,
  setCarriedFrom,
  updateItemPostponed,
} from '../meetings/index';
import { assertMinutesDraft, requireConductableMeeting, requireVisibleMeeting } from './lifecycle';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type CarryOverMode = 'postpone' | 'repeat';

/**
 * Udsæt (postpone: not treated here) or gentag (repeat: treated here and again later) an item
 * on a later meeting. The copy keeps title, paper, time and bilag (with their files), and points back to this item,
 * so the item's history can be followed from meeting to meeting.
 */
export async function carryOverItem({
  meetingId,
  itemId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  itemId: string;
  input: { targetMeetingId: string; mode: CarryOverMode };
}): Promise<AgendaItemRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertMinutesDraft(meeting);
  const item = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const target = await readMeetingRow(ctx, input.targetMeetingId);
  if (
    !target ||
    target.startsAt <= meeting.startsAt ||
    !['planned', 'agenda_released'].includes(target.status) ||
    !can(ctx.actor, 'agendaItem.write', { organizationId: target.organizationId })
  ) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'targetMeetingId', message: da.minutes.carryOver.badTarget }],
    });
  }
  const copy = await addAgendaItem({
    ...ctx,
    meetingId: target.id,
    input: {
      title: item.title,
      durationMinutes: item.durationMinutes,
      purpose: item.purpose,
      method: item.method,
      responsible: item.responsible,
      isPublic: item.isPublic,
      publicTitle: item.publicTitle,
      note: item.note,
      parentId: null,
      attachments: [],
      paperId: item.paperId,
      standingKind: null,
    },
    carriedReason: {
      closedReasonCode: item.closedReasonCode,
      closedReasonLabel: item.closedReasonLabel,
      closedReasonText: item.closedReasonText,
    },
  });
  await setCarriedFrom(ctx, copy.id, item.id);
  const attachments = await copyOwnAttachments(ctx, item.id, copy.id);
  // Whoever was inhabil in the item still is.
  const disqualifiedPersonIds = await readDisqualifiedPersonIds(ctx, item.id);
  if (disqualifiedPersonIds.length > 0) {
    await updateAgendaItem({
      ...ctx,
      meetingId: target.id,
      itemId: copy.id,
      input: { disqualifiedPersonIds },
    });
  }
  if (input.mode === 'postpone') await updateItemPostponed(ctx, item.id, true);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: input.mode === 'postpone' ? 'agendaItem.postpone' : 'agendaItem.repeat',
    entityType: 'agendaItem',
    entityId: item.id,
    after: { targetMeetingId: target.id, copyItemId: copy.id, attachments },
  });
  return copy;
}

export type HistoryEntry = {
  itemId: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  title: string;
  decision: string | null;
  isPostponed: boolean;
};

/** The item's treatments at other meetings (carried over, or the same paper), oldest first. */
export async function getItemHistory({
  meetingId,
  itemId,
  ...ctx
}: ServiceContext & { meetingId: string; itemId: string }): Promise<HistoryEntry[]> {
  await requireVisibleMeeting({ ...ctx, meetingId });
  const item = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const rows = await readItemHistory(ctx, item);
  return rows
    .filter((row) =>
      can(ctx.actor, 'meeting.read', {
        organizationId: row.organizationId,
        meetingId: row.meetingId,
      }),
    )
    .map((row) => {
      const readable = mayReadItemContent(ctx.actor, row, {
        organizationId: row.organizationId,
        id: row.meetingId,
      });
      const meeting = { organizationId: row.organizationId, status: row.meetingStatus };
      return {
        itemId: row.id,
        meetingId: row.meetingId,
        meetingTitle: row.meetingTitle,
        meetingStartsAt: row.meetingStartsAt,
        title: readable ? row.title : (row.publicTitle ?? da.items.closed),
        decision: readable && mayReadMinutes(ctx.actor, meeting) ? row.decision : null,
        isPostponed: row.isPostponed,
      };
    });
}
