import { listEntityAuditEvents } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/service-context';
import { getPaper, type PaperDetail } from '../papers/index';
import { selectItemAttachments, type ItemAttachmentRow } from './item-attachment-repository';
import { getMeetingDetail, type AgendaItemView, type MeetingDetail } from './meeting-detail';
import { mayReadMinutes } from './policy';
import type { PlannedItem } from './time-plan';

type ItemRef = { meetingId: string; itemId: string };

/** One change in the item's history: what was done, when, and by whom (for the secretariat). */
export type ItemHistoryEvent = { id: number; at: Date; action: string; actorLabel: string | null };

export type ItemPageData = {
  detail: MeetingDetail;
  item: PlannedItem<AgendaItemView>;
  /** The memo the item treats, if the actor may read it. */
  paper: PaperDetail | null;
  /** The item's own bilag with their files' facts (the paper's are in `item.attachments` too). */
  ownAttachments: ItemAttachmentRow[];
  history: ItemHistoryEvent[];
  showsMinutes: boolean;
};

/**
 * The item as the meeting page shows it to the actor. A closed item the actor may not read has
 * no page of its own: NOT_FOUND, exactly as for an item that does not exist.
 */
export async function getItemDetail({
  meetingId,
  itemId,
  ...ctx
}: ServiceContext & ItemRef): Promise<{
  detail: MeetingDetail;
  item: PlannedItem<AgendaItemView>;
}> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  const item = detail.plan.items.find((candidate) => candidate.id === itemId);
  if (!item || item.isRedacted) throw new AppError('NOT_FOUND');
  return { detail, item };
}

// Writes to the minutes are part of the minutes, which stay the secretariat's draft until released.
const minutesActions = new Set(['agendaItem.minutes']);

/** Everything the item page shows: the item, its memo, its bilag, its history. */
export async function getItemPage({
  meetingId,
  itemId,
  ...ctx
}: ServiceContext & ItemRef): Promise<ItemPageData> {
  const { detail, item } = await getItemDetail({ ...ctx, meetingId, itemId });
  const { meeting } = detail;
  const showsMinutes = mayReadMinutes(ctx.actor, meeting);
  const showsWho = can(ctx.actor, 'agendaItem.write', { organizationId: meeting.organizationId });
  const [paper, ownAttachments, events] = await Promise.all([
    item.paperId ? readablePaper(ctx, item.paperId) : null,
    selectItemAttachments(ctx.tx, itemId),
    listEntityAuditEvents(ctx.tx, 'agendaItem', itemId),
  ]);
  return {
    detail,
    item,
    paper,
    ownAttachments,
    history: events
      .filter((event) => showsMinutes || !minutesActions.has(event.action))
      .map((event) => ({
        id: event.id,
        at: event.at,
        action: event.action,
        actorLabel: showsWho ? event.actorLabel : null,
      })),
    showsMinutes,
  };
}

/** The memo, or null for a reader the papers module does not show it to. */
async function readablePaper(ctx: ServiceContext, paperId: string): Promise<PaperDetail | null> {
  try {
    return await getPaper({ ...ctx, paperId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
