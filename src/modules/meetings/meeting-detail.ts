import { can, visibleOrganizationIds, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { addMinutes, startOfLocalDay } from '../../platform/i18n/format';
import * as repo from './repository';
import { planAgenda, type TimePlan } from './time-plan';
import { followUpViews, type FollowUpView } from './follow-up-views';
import { mayReadItemContent, mayReadMinutes } from './policy';
import type { ServiceContext } from '../../platform/service-context';

export type AgendaItemView = repo.AgendaItemRow & {
  attachments: repo.AttachmentSummary[];
  /** Members who are inhabil in the item (left out of their own meeting package). */
  disqualifiedPersonIds: string[];
  followUps: repo.ItemFollowUp[];
  /** True when the actor may not see a closed item's content: only its neutral title is shown. */
  isRedacted: boolean;
};

export type MeetingDetail = {
  meeting: repo.MeetingSummaryRow;
  secretariatContact: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
  } | null;
  plan: TimePlan<AgendaItemView>;
  /** Released versions of the agenda, newest first, with their change notes. */
  releases: repo.ReleaseSummary[];
  /** Listed under the "Opfølgning" item (empty when the agenda has none). */
  standingFollowUps: FollowUpView[];
};

/** Meetings the actor may see, optionally within local dates [from, to] and one organization. */
export async function listMeetings({
  actor,
  tx,
  filter,
}: ServiceContext & { filter: { from?: string; to?: string; organizationId?: string } }): Promise<
  repo.MeetingSummaryRow[]
> {
  if (!can(actor, 'meeting.read')) throw new AppError('FORBIDDEN');
  const visible = visibleOrganizationIds(actor);
  let organizationIds = visible;
  if (filter.organizationId !== undefined) {
    organizationIds =
      visible === undefined || visible.includes(filter.organizationId)
        ? [filter.organizationId]
        : [];
  }
  return repo.selectMeetings(tx, {
    from: filter.from ? startOfLocalDay(filter.from) : undefined,
    to: filter.to ? addMinutes(startOfLocalDay(filter.to), 24 * 60) : undefined,
    organizationIds,
    // The meetings a stedfortræder is called in to, beside their own organizations'.
    alsoMeetingIds:
      organizationIds !== undefined && actor.kind === 'user' && filter.organizationId === undefined
        ? actor.meetingIds
        : undefined,
  });
}

/** The meeting with its agenda laid out in time; closed items redacted for those not allowed. */
export async function getMeetingDetail({
  actor,
  tx,
  meetingId,
  options = {},
}: ServiceContext & {
  meetingId: string;
  options?: { asItIs?: boolean; asReleased?: boolean };
}): Promise<MeetingDetail> {
  const found = await repo.selectMeetingWithContact(tx, meetingId);
  if (
    !found ||
    !can(actor, 'meeting.read', { organizationId: found.meeting.organizationId, meetingId })
  ) {
    throw new AppError('NOT_FOUND');
  }
  const { meeting, contact } = found;
  const [current, releases] = await Promise.all([
    repo.selectItemsWithAttachments(tx, meetingId),
    repo.selectReleaseSummaries(tx, meetingId),
  ]);
  const items =
    options.asReleased || (!options.asItIs && readsReleasedVersion(actor, meeting))
      ? frozenItems(current, await repo.selectLatestReleaseSnapshot(tx, meetingId))
      : current;
  const showsMinutes = mayReadMinutes(actor, meeting);
  const views = items.map((item) => {
    const view = { ...item, isRedacted: false };
    const withMinutes = showsMinutes
      ? view
      : { ...view, minutesText: null, decision: null, minutesRevision: 0, followUps: [] };
    return redactItem(withMinutes, mayReadItemContent(actor, item, meeting));
  });
  const standingFollowUps = views.some((item) => item.standingKind === 'follow_ups')
    ? await followUpsForMeeting(actor, tx, meeting)
    : [];
  return {
    meeting,
    secretariatContact: contact,
    plan: planAgenda(meeting, views),
    releases,
    standingFollowUps,
  };
}

/**
 * Once the agenda is released, participants and readers read the released version until the
 * meeting is held: later edits reach them with the next release and its change note. Those who
 * edit the agenda always see it as it is.
 */
function readsReleasedVersion(
  actor: Actor,
  meeting: Pick<repo.MeetingRow, 'organizationId' | 'status'>,
): boolean {
  return (
    (meeting.status === 'agenda_released' || meeting.status === 'in_progress') &&
    !can(actor, 'agendaItem.write', { organizationId: meeting.organizationId })
  );
}

type ItemWithDetails = Awaited<ReturnType<typeof repo.selectItemsWithAttachments>>[number];

/**
 * The items as released: the released fields over the current rows (which carry live times and
 * files), leaving out items added since and keeping items deleted since.
 */
function frozenItems(
  current: readonly ItemWithDetails[],
  snapshot: repo.ReleaseSnapshot | undefined,
): ItemWithDetails[] {
  if (!snapshot) return [...current];
  const byId = new Map(current.map((item) => [item.id, item]));
  return snapshot.items.map((released) => {
    const now = byId.get(released.id);
    const base: ItemWithDetails = now ?? {
      ...released,
      meetingId: snapshot.meetingId,
      paperId: null,
      minutesText: null,
      decision: null,
      minutesRevision: 0,
      actualStart: null,
      actualEnd: null,
      isPostponed: false,
      carriedFromItemId: null,
      publishClosedDecision: null,
      sourceNumber: null,
      placement: null,
      closedReasonCode: released.closedReasonCode ?? null,
      closedReasonLabel: released.closedReasonLabel ?? null,
      closedReasonText: released.closedReasonText ?? null,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      attachments: [],
      disqualifiedPersonIds: released.disqualifiedPersonIds ?? [],
      followUps: [],
    };
    return {
      ...base,
      parentId: released.parentId,
      position: released.position,
      title: released.title,
      durationMinutes: released.durationMinutes,
      purpose: released.purpose,
      method: released.method,
      responsible: released.responsible,
      // Closed if it was closed when released or is closed now; inhabil likewise.
      isPublic: released.isPublic && base.isPublic,
      publicTitle: released.publicTitle ?? base.publicTitle,
      disqualifiedPersonIds: [
        ...new Set([...base.disqualifiedPersonIds, ...(released.disqualifiedPersonIds ?? [])]),
      ],
      note: released.note,
      standingKind: released.standingKind,
    };
  });
}

/** What the meeting's "Opfølgning" item lists: earlier meetings' open follow-ups, and those done since the last meeting. */
async function followUpsForMeeting(
  actor: Actor,
  tx: Db,
  meeting: repo.MeetingRow,
): Promise<FollowUpView[]> {
  const previous = await repo.selectPreviousMeeting(tx, meeting);
  const rows = await repo.selectFollowUpsForMeeting(tx, meeting, previous?.startsAt ?? new Date(0));
  // Follow-ups are part of their meeting's minutes: drafts stay with the secretariat.
  return followUpViews(
    actor,
    rows.filter((row) =>
      mayReadMinutes(actor, { organizationId: row.organizationId, status: row.meetingStatus }),
    ),
    new Date(),
  );
}

function redactItem(item: AgendaItemView, mayRead: boolean): AgendaItemView {
  if (mayRead) return item;
  return {
    ...item,
    title: item.publicTitle ?? da.items.closed,
    purpose: null,
    method: null,
    note: null,
    responsible: [],
    attachments: [],
    disqualifiedPersonIds: [],
    followUps: [],
    paperId: null,
    minutesText: null,
    decision: null,
    closedReasonCode: null,
    closedReasonLabel: null,
    closedReasonText: null,
    isRedacted: true,
  };
}
