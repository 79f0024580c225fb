import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readMeetingRules } from '../organizations/index';
import {
  endRunningItems,
  getMeetingDetail,
  insertAgendaRelease,
  isMeetingLocked,
  lockMeetingRow,
  meetingDeadlines,
  releaseDueAt,
  type MeetingDetail,
  type MeetingRow,
  type ReleasedItem,
  type ReleaseRow,
  readAgendaItemRow,
  readAgendaItemRows,
  readAgendaReleases,
  readMeetingRow,
  updateItemTimes,
  updateMeetingLifecycle,
} from '../meetings/index';
import { getPaper, readPaperHeadings, setPaperStatus } from '../papers/index';
import { notifyMembers } from './notifications';
import { freezeAttendance } from './attendance';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

type Status = MeetingRow['status'];

const statusError = () =>
  new AppError('MEETING_STATUS_INVALID', { message: da.errors.MEETING_STATUS_INVALID });

/** The meeting, locked for this transaction, if the actor may conduct it; 404 when unseen. */
export async function requireConductableMeeting({
  actor,
  tx,
  meetingId,
}: ServiceContext & { meetingId: string }): Promise<MeetingRow> {
  const meeting = await lockMeetingRow({ tx }, meetingId);
  if (
    !meeting ||
    !can(actor, 'meeting.read', { organizationId: meeting.organizationId, meetingId })
  ) {
    throw new AppError('NOT_FOUND');
  }
  if (!can(actor, 'meeting.conduct', { organizationId: meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  return meeting;
}

/** The meeting if the actor may see it; 404 otherwise, as for a meeting that does not exist. */
export async function requireVisibleMeeting({
  actor,
  tx,
  meetingId,
}: ServiceContext & { meetingId: string }): Promise<MeetingRow> {
  const meeting = await readMeetingRow({ tx }, meetingId);
  if (
    !meeting ||
    !can(actor, 'meeting.read', { organizationId: meeting.organizationId, meetingId })
  ) {
    throw new AppError('NOT_FOUND');
  }
  return meeting;
}

/** Approved minutes are locked: nothing that belongs to them changes any more. */
export function assertMinutesOpen(meeting: MeetingRow): void {
  if (meeting.status === 'minutes_approved') {
    throw new AppError('MINUTES_LOCKED', { message: da.errors.MINUTES_LOCKED });
  }
}

/**
 * The minutes (text, decisions, fremmøde, udsat) are the secretariat's draft while the meeting is
 * held; once released they are what participants sign off, so a correction is an addendum.
 */
export function assertMinutesDraft(meeting: MeetingRow): void {
  assertMinutesOpen(meeting);
  if (meeting.status === 'minutes_released') {
    throw new AppError('MINUTES_LOCKED', { message: da.minutes.releasedLocked });
  }
}

/**
 * Fremmøde, stedfortrædere and decisions are the held meeting's record: from "afholdt" on they
 * change only through an audited addendum (tilføjelse), never by rewriting them.
 */
export function assertRecordOpen(meeting: MeetingRow): void {
  if (isMeetingLocked(meeting)) {
    throw new AppError('MEETING_LOCKED', { message: da.minutes.recordLocked });
  }
}

function assertStatus(meeting: MeetingRow, allowed: readonly Status[]): void {
  if (!allowed.includes(meeting.status)) throw statusError();
}

async function transition(
  ctx: WriteContext,
  meeting: MeetingRow,
  action: string,
  values: Parameters<typeof updateMeetingLifecycle>[2],
): Promise<MeetingRow> {
  const after = await updateMeetingLifecycle(ctx, meeting.id, values);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action,
    entityType: 'meeting',
    entityId: meeting.id,
    before: { status: meeting.status },
    after: values,
  });
  return after;
}

/**
 * The agenda as a release freezes it: what participants and the published agenda read. With the
 * papers' approved versions, each item records the memo version it carried (for comparisons).
 */
export function agendaReleaseSnapshot(
  detail: MeetingDetail,
  paperVersions?: ReadonlyMap<string, number | null>,
) {
  return {
    title: detail.meeting.title,
    startsAt: detail.meeting.startsAt.toISOString(),
    endsAt: detail.meeting.endsAt.toISOString(),
    location: detail.meeting.locationDescription,
    items: detail.plan.items.map(
      (
        item,
      ): ReleasedItem & {
        number: string;
        attachments: string[];
        paperId: string | null;
        paperVersion?: number | null;
      } => ({
        id: item.id,
        parentId: item.parentId,
        position: item.position,
        number: item.number,
        title: item.title,
        durationMinutes: item.durationMinutes,
        purpose: item.purpose,
        method: item.method,
        responsible: item.responsible,
        isPublic: item.isPublic,
        publicTitle: item.publicTitle,
        closedReasonCode: item.closedReasonCode,
        closedReasonLabel: item.closedReasonLabel,
        closedReasonText: item.closedReasonText,
        note: item.note,
        standingKind: item.standingKind,
        disqualifiedPersonIds: item.disqualifiedPersonIds,
        attachments: item.attachments.map((attachment) => attachment.title),
        paperId: item.paperId,
        ...(paperVersions
          ? { paperVersion: item.paperId ? (paperVersions.get(item.paperId) ?? null) : null }
          : {}),
      }),
    ),
  };
}

/**
 * Udsend dagsorden: freezes the agenda as the next released version and notifies the members.
 * A release after the first must say what changed; participants see that note. A release after
 * its styrelseslov § 8 deadline must say why; the reason is kept with the release.
 */
export async function releaseAgenda({
  meetingId,
  input,
  now = new Date(),
  ...ctx
}: WriteContext & {
  meetingId: string;
  input: { changeNote: string | null; lateReason?: string | null; meetingUrl: string };
  /** The moment of release, against the deadline (tests pass one). */
  now?: Date;
}): Promise<ReleaseRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertStatus(meeting, ['planned', 'agenda_released']);
  const previous = await readAgendaReleases(ctx, meetingId);
  const version = (previous[0]?.version ?? 0) + 1;
  if (version > 1 && !input.changeNote) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'changeNote', message: da.minutes.changeNoteRequired }],
    });
  }
  const rules = await readMeetingRules(ctx, meeting.organizationId);
  const dueAt = releaseDueAt(version, meetingDeadlines(meeting.startsAt, rules));
  const isLate = now.getTime() > dueAt.getTime();
  const lateReason = isLate ? input.lateReason?.trim() || null : null;
  if (isLate && !lateReason) {
    throw new AppError('LATE_RELEASE_REASON_REQUIRED', {
      message: da.errors.LATE_RELEASE_REASON_REQUIRED,
      details: [{ field: 'lateReason', message: da.law.deadlines.lateReasonRequired }],
    });
  }
  const detail = await getMeetingDetail({
    actor: { kind: 'system', label: 'release' },
    tx: ctx.tx,
    meetingId,
  });
  const release = await insertAgendaRelease(ctx, {
    meetingId,
    version,
    snapshot: agendaReleaseSnapshot(detail, await releasedPaperVersions(ctx, detail)),
    changeNote: version > 1 ? input.changeNote : null,
    dueAt,
    lateReason,
    releasedAt: now,
    releasedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  });
  if (meeting.status === 'planned') {
    await transition(ctx, meeting, 'meeting.releaseAgenda', { status: 'agenda_released' });
  } else {
    await updateMeetingLifecycle(ctx, meetingId, {});
  }
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'agendaRelease.create',
    entityType: 'meeting',
    entityId: meetingId,
    after: {
      version,
      changeNote: release.changeNote,
      dueAt: dueAt.toISOString(),
      isLate,
      lateReason,
    },
  });
  await notifyMembers(ctx.tx, meeting, version === 1 ? 'agendaReleased' : 'agendaChanged', {
    changeNote: release.changeNote,
    meetingUrl: input.meetingUrl,
  });
  return release;
}

async function releasedPaperVersions(
  ctx: WriteContext,
  detail: MeetingDetail,
): Promise<Map<string, number | null>> {
  const paperIds = detail.plan.items.flatMap((item) => (item.paperId ? [item.paperId] : []));
  const headings = await readPaperHeadings(ctx, paperIds);
  return new Map([...headings].map(([id, heading]) => [id, heading.approvedVersion]));
}

/** Åbn mødet: the live view starts counting. */
export async function startMeeting({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<MeetingRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertStatus(meeting, ['agenda_released']);
  return transition(ctx, meeting, 'meeting.start', {
    status: 'in_progress',
    startedAt: new Date(),
  });
}

/** Afslut mødet: ends a running item too. */
export async function endMeeting({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<MeetingRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertStatus(meeting, ['in_progress']);
  const now = new Date();
  await endRunningItems(ctx, meetingId, now);
  await freezeAttendance(ctx.tx, meeting);
  return transition(ctx, meeting, 'meeting.end', { status: 'held', endedAt: now });
}

/** Items treated at the meeting (not postponed) with neither minutes text nor a decision. */
function incompleteMinutesItems(detail: MeetingDetail): Array<{ id: string; text: string }> {
  return detail.plan.items
    .filter((item) => !item.isPostponed && !item.minutesText?.trim() && !item.decision?.trim())
    .map((item) => ({ id: item.id, text: da.minutes.release.itemLine(item.number, item.title) }));
}

/**
 * Udsend referat: participants can read and sign off the minutes; members are notified. Items
 * without minutes text or decision are refused (MINUTES_INCOMPLETE, listing them) unless the
 * secretary has seen the list and confirms.
 */
export async function releaseMinutes({
  meetingId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  input: { meetingUrl: string; confirmIncomplete?: boolean };
}): Promise<MeetingRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertStatus(meeting, ['held']);
  if (!input.confirmIncomplete) {
    const detail = await getMeetingDetail({ ...ctx, meetingId });
    const incomplete = incompleteMinutesItems(detail);
    if (incomplete.length > 0) {
      throw new AppError('MINUTES_INCOMPLETE', {
        message: da.errors.MINUTES_INCOMPLETE,
        details: incomplete.map((item) => ({ field: `items.${item.id}`, message: item.text })),
      });
    }
  }
  const after = await transition(ctx, meeting, 'meeting.releaseMinutes', {
    status: 'minutes_released',
    minutesReleasedAt: new Date(),
  });
  await markTreatedPapers(ctx, meetingId);
  await notifyMembers(ctx.tx, meeting, 'minutesReleased', {
    changeNote: null,
    meetingUrl: input.meetingUrl,
  });
  return after;
}

/** Papers whose item was treated (not postponed) and minuted move from "på dagsorden" to "behandlet". */
async function markTreatedPapers(ctx: WriteContext, meetingId: string): Promise<void> {
  const items = await readAgendaItemRows(ctx, meetingId);
  for (const item of items) {
    if (item.paperId === null || item.isPostponed) continue;
    if (!item.minutesText && !item.decision) continue;
    const paper = await getPaper({ ...ctx, paperId: item.paperId });
    if (paper.paper.status === 'on_agenda')
      await setPaperStatus({ ...ctx, paperId: item.paperId, status: 'treated' });
  }
}

/** Starts an item now (ending the one before it); the meeting must be open. */
export async function startItem({
  meetingId,
  itemId,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string }): Promise<void> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertStatus(meeting, ['in_progress']);
  const item = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const now = new Date();
  await endRunningItems(ctx, meetingId, now);
  await updateItemTimes(ctx, itemId, { actualStart: now, actualEnd: null });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'agendaItem.start',
    entityType: 'agendaItem',
    entityId: itemId,
    before: { actualStart: item.actualStart, actualEnd: item.actualEnd },
    after: { actualStart: now },
  });
}

/** Ends a running item now. */
export async function endItem({
  meetingId,
  itemId,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string }): Promise<void> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertStatus(meeting, ['in_progress']);
  const item = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  if (item.actualStart === null || item.actualEnd !== null) throw statusError();
  const now = new Date();
  await updateItemTimes(ctx, itemId, { actualEnd: now });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'agendaItem.end',
    entityType: 'agendaItem',
    entityId: itemId,
    after: { actualEnd: now },
  });
}

/** The released versions, newest first, for everyone who sees the meeting. */
export async function listReleases({
  meeting,
  ...ctx
}: ServiceContext & { meeting: MeetingRow }): Promise<ReleaseRow[]> {
  if (
    !can(ctx.actor, 'meeting.read', {
      organizationId: meeting.organizationId,
      meetingId: meeting.id,
    })
  ) {
    throw new AppError('NOT_FOUND');
  }
  return readAgendaReleases(ctx, meeting.id);
}
