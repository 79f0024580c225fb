import {
  isMeetingLocked,
  readAgendaItemRow,
  readPreviousMeeting,
  updateMeetingLifecycle,
  updateMinutesAtRevision,
} from '../meetings/index';
import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import type { AgendaItemRow, MeetingRow } from '../meetings/index';
import { isApprovingDecision } from './approving-phrase';
import { listAttendance } from './attendance';
import {
  assertMinutesDraft,
  assertRecordOpen,
  requireConductableMeeting,
  requireVisibleMeeting,
} from './lifecycle';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type MinutesInput = {
  minutesText: string | null;
  /** Left out: the decision stays as it is (a held meeting's form no longer sends it). */
  decision?: string | null;
  /** The revision the writer started from; a save since then is a conflict. */
  expectedRevision: number;
  /** Only on the "Referat" item: this decision approves the previous meeting's minutes. */
  approvesPreviousMinutes?: boolean;
};

/**
 * Saves an item's minutes and decision. Two secretaries saving from the same revision: the
 * second gets MINUTES_CONFLICT (409) and nothing of theirs is written. From "afholdt" on the
 * decision is the meeting's record (changing it: MEETING_LOCKED) while the text may still be
 * corrected; released minutes are locked (MINUTES_LOCKED). Corrections go in an addendum.
 */
export async function saveItemMinutes({
  meetingId,
  itemId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  itemId: string;
  input: MinutesInput;
}): Promise<AgendaItemRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertMinutesDraft(meeting);
  const before = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!before) throw new AppError('NOT_FOUND');
  const decision = input.decision === undefined ? before.decision : input.decision;
  // Saving as you go sends the same text again: nothing to write, no new revision.
  const isUnchanged =
    input.expectedRevision === before.minutesRevision &&
    input.minutesText === before.minutesText &&
    decision === before.decision;
  if (isUnchanged && !input.approvesPreviousMinutes) return before;
  if (decision !== before.decision) assertRecordOpen(meeting);
  const after = await updateMinutesAtRevision(ctx, itemId, input.expectedRevision, {
    minutesText: input.minutesText,
    decision,
  });
  if (!after) {
    throw new AppError('MINUTES_CONFLICT', { message: da.errors.MINUTES_CONFLICT });
  }
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'agendaItem.minutes',
    entityType: 'agendaItem',
    entityId: itemId,
    before: { minutesText: before.minutesText, decision: before.decision },
    after: { minutesText: after.minutesText, decision: after.decision },
  });
  if (input.approvesPreviousMinutes) {
    if (before.standingKind !== 'minutes_approval') {
      throw new AppError('VALIDATION_FAILED', {
        details: [{ field: 'approvesPreviousMinutes', message: da.minutes.notMinutesItem }],
      });
    }
    await approvePreviousMinutes({ ...ctx, meeting, itemId });
  } else if (
    before.standingKind === 'minutes_approval' &&
    decision !== before.decision &&
    isApprovingDecision(
      decision,
      (await listPhrases(ctx.tx, meeting.organizationId)).approvingPhrase,
    )
  ) {
    await approvePreviousMinutesByPhrase({ ...ctx, meeting, itemId });
  }
  return after;
}

/**
 * The approving phrase chosen as the decision approves the previous minutes when they are
 * released and waiting for approval at a meeting that is being (or has been) held; otherwise the
 * decision is just saved, as the minutes are written while the meeting goes on.
 */
async function approvePreviousMinutesByPhrase({
  meeting,
  itemId,
  ...ctx
}: WriteContext & { meeting: MeetingRow; itemId: string }): Promise<void> {
  if (meeting.status !== 'in_progress' && meeting.status !== 'held') return;
  const previous = await readPreviousMeeting(ctx, meeting);
  if (previous?.status !== 'minutes_released') return;
  await approvePreviousMinutes({ ...ctx, meeting, itemId });
}

/** Marks the organization's previous meeting's minutes approved by this "Referat" item. */
export async function approvePreviousMinutes({
  meeting,
  itemId,
  ...ctx
}: WriteContext & { meeting: MeetingRow; itemId: string }) {
  // Approved at the meeting (or in writing its minutes afterwards), never before it is held.
  if (meeting.status !== 'in_progress' && meeting.status !== 'held') {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'approvesPreviousMinutes', message: da.minutes.approveAtMeeting }],
    });
  }
  const previous = await readPreviousMeeting(ctx, meeting);
  if (!previous || previous.status !== 'minutes_released') {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'approvesPreviousMinutes', message: da.minutes.noPreviousMinutes }],
    });
  }
  await updateMeetingLifecycle(ctx, previous.id, {
    status: 'minutes_approved',
    minutesApprovedAt: new Date(),
    minutesApprovedByItemId: itemId,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.approveMinutes',
    entityType: 'meeting',
    entityId: previous.id,
    before: { status: previous.status },
    after: { status: 'minutes_approved', approvedByItemId: itemId },
  });
}

/**
 * Tilføjelse: how a held meeting's record (fremmøde, decisions) and released or approved minutes
 * are corrected, with its author, audited.
 */
export async function addMinutesAddendum({
  meetingId,
  itemId,
  text,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string; text: string }): Promise<repo.AddendumRow> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  if (!isMeetingLocked(meeting)) {
    throw new AppError('MEETING_STATUS_INVALID', { message: da.minutes.addendumOnlyReleased });
  }
  const item = await readAgendaItemRow(ctx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const addendum = await repo.insertAddendum(ctx.tx, {
    agendaItemId: itemId,
    text,
    authorName: ctx.actor.kind === 'user' ? ctx.actor.name : ctx.actor.label,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'minutesAddendum.create',
    entityType: 'agendaItem',
    entityId: itemId,
    after: addendum,
  });
  return addendum;
}

/** An organization's standard decision phrases and the one that approves the previous minutes. */
export type PhraseList = { phrases: string[]; approvingPhrase: string | null };

/** The organization's standard decision phrases, or the defaults when it has set none. */
export async function listPhrases(tx: Db, organizationId: string): Promise<PhraseList> {
  const own = await repo.selectPhrases(tx, organizationId);
  if (own.length === 0) {
    return {
      phrases: [...da.minutes.defaultPhrases],
      approvingPhrase: da.minutes.defaultApprovingPhrase,
    };
  }
  return {
    phrases: own.map((row) => row.text),
    approvingPhrase: own.find((row) => row.approvesPreviousMinutes)?.text ?? null,
  };
}

/** An existing organization whose minutes the actor writes; 404 otherwise. */
async function requirePhraseOrganization(
  ctx: ServiceContext,
  organizationId: string,
): Promise<void> {
  const organization = await readOrganization(ctx, organizationId);
  if (!organization || !can(ctx.actor, 'meeting.conduct', { organizationId })) {
    throw new AppError('NOT_FOUND');
  }
}

/** The phrases, for those who write minutes in the organization. */
export async function getPhrases({
  organizationId,
  ...ctx
}: ServiceContext & { organizationId: string }): Promise<PhraseList> {
  await requirePhraseOrganization(ctx, organizationId);
  return listPhrases(ctx.tx, organizationId);
}

/**
 * Replaces the organization's phrases. The approving phrase must be one of them (null: none
 * approves); left out, the current approving phrase keeps its flag if it is still in the list.
 */
export async function replacePhrases({
  organizationId,
  phrases,
  approvingPhrase,
  ...ctx
}: WriteContext & {
  organizationId: string;
  phrases: readonly string[];
  approvingPhrase?: string | null;
}): Promise<PhraseList> {
  await requirePhraseOrganization(ctx, organizationId);
  const before = await listPhrases(ctx.tx, organizationId);
  const approving =
    approvingPhrase === undefined
      ? phrases.includes(before.approvingPhrase ?? '')
        ? before.approvingPhrase
        : null
      : approvingPhrase;
  if (approving !== null && !phrases.includes(approving)) {
    throw validationError('approvingPhrase', da.minutes.approvingPhraseNotListed);
  }
  await repo.replacePhrases(ctx.tx, organizationId, phrases, approving);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'minutesPhrases.replace',
    entityType: 'organization',
    entityId: organizationId,
    before,
    after: { phrases, approvingPhrase: approving },
  });
  return listPhrases(ctx.tx, organizationId);
}

/** Who has signed off the minutes, for everyone who sees the meeting. */
export async function listSignOffs({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<repo.SignOff[]> {
  await requireVisibleMeeting({ ...ctx, meetingId });
  return repo.selectSignOffs(ctx.tx, meetingId);
}

/**
 * A participant signs off the released minutes. Only someone recorded as attending (or, when
 * no attendance was recorded, a member on the meeting day) may.
 */
export async function signOffMinutes({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<void> {
  const { actor, tx } = ctx;
  const meeting = await requireVisibleMeeting({ ...ctx, meetingId });
  if (!can(actor, 'minutes.signOff', { organizationId: meeting.organizationId, meetingId })) {
    throw new AppError('FORBIDDEN');
  }
  if (!['minutes_released', 'minutes_approved'].includes(meeting.status)) {
    throw new AppError('MEETING_STATUS_INVALID', { message: da.errors.MEETING_STATUS_INVALID });
  }
  const personId = actor.kind === 'user' ? actor.personId : null;
  const participants = await participantIds(tx, meeting);
  if (personId === null || !participants.has(personId)) {
    throw new AppError('FORBIDDEN', { message: da.minutes.signOff.notAttending });
  }
  await repo.insertSignOff(tx, meetingId, personId);
  await recordAudit(tx, {
    actor,
    action: 'minutes.signOff',
    entityType: 'meeting',
    entityId: meetingId,
    after: { personId },
  });
}

/** Who took part: those the attendance list shows as deltager (members are, until recorded otherwise). */
async function participantIds(tx: Db, meeting: MeetingRow): Promise<Set<string>> {
  const attendance = await listAttendance(tx, meeting);
  return new Set(
    attendance.filter((entry) => entry.status === 'attending').map((entry) => entry.personId),
  );
}
