import { recordAudit } from '../../platform/audit/record-audit';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import type { MeetingRow } from '../meetings/index';
import {
  isParticipantRole,
  listPersons,
  readMembersOn,
  readMembershipsOn,
} from '../organizations/index';
import { listAttendance, recordAttendance, type AttendanceEntry } from './attendance';
import { assertRecordOpen, requireConductableMeeting, requireVisibleMeeting } from './lifecycle';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

const t = da.minutes.substitutes;

/** Afbud is sent before the meeting is held; afterwards the secretariat records fremmøde. */
const takesRegrets: ReadonlySet<MeetingRow['status']> = new Set([
  'planned',
  'agenda_released',
  'in_progress',
]);

/** The actor's own person, if they are a member of the meeting's organization on its day. */
async function requireOwnMembership(tx: Db, ctx: ServiceContext, meeting: MeetingRow) {
  const personId = ctx.actor.kind === 'user' ? ctx.actor.personId : null;
  const members = await readMembersOn(
    { tx },
    meeting.organizationId,
    toLocalDate(meeting.startsAt),
  );
  if (personId === null || !members.some((member) => member.personId === personId)) {
    throw new AppError('FORBIDDEN', { message: t.notMember });
  }
  if (!takesRegrets.has(meeting.status)) {
    throw new AppError('MEETING_STATUS_INVALID', { message: t.tooLate });
  }
  return personId;
}

async function ownEntry(tx: Db, meeting: MeetingRow, personId: string): Promise<AttendanceEntry> {
  const entries = await listAttendance(tx, meeting);
  return entries.find((entry) => entry.personId === personId)!;
}

/** The actor's own fremmøde for the meeting, for the afbud page; only a member has one. */
export async function getOwnAttendance({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<{
  meeting: MeetingRow;
  entry: AttendanceEntry;
}> {
  const meeting = await requireVisibleMeeting({ ...ctx, meetingId });
  const personId = await requireOwnMembership(ctx.tx, ctx, meeting);
  return { meeting, entry: await ownEntry(ctx.tx, meeting, personId) };
}

/** Meld afbud: a member sends afbud for a meeting themselves, with an optional reason. */
export async function sendRegrets({
  meetingId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  input: { reason: string | null };
}): Promise<AttendanceEntry> {
  const meeting = await requireVisibleMeeting({ ...ctx, meetingId });
  const personId = await requireOwnMembership(ctx.tx, ctx, meeting);
  const before = await ownEntry(ctx.tx, meeting, personId);
  await repo.upsertAttendanceRow(ctx.tx, meetingId, {
    personId,
    status: 'sent_regrets',
    reason: input.reason,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.sendRegrets',
    entityType: 'meeting',
    entityId: meetingId,
    before: { personId, status: before.status, reason: before.reason },
    after: { personId, status: 'sent_regrets', reason: input.reason },
  });
  return ownEntry(ctx.tx, meeting, personId);
}

/** A member takes their afbud back, unless a stedfortræder is already called in for them. */
export async function withdrawRegrets({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<AttendanceEntry> {
  const meeting = await requireVisibleMeeting({ ...ctx, meetingId });
  const personId = await requireOwnMembership(ctx.tx, ctx, meeting);
  const before = await ownEntry(ctx.tx, meeting, personId);
  if (before.substitute !== null) {
    throw new AppError('CONFLICT', { message: t.substituteCalledIn(before.substitute.name) });
  }
  await repo.upsertAttendanceRow(ctx.tx, meetingId, {
    personId,
    status: 'attending',
    reason: null,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.withdrawRegrets',
    entityType: 'meeting',
    entityId: meetingId,
    before: { personId, status: before.status, reason: before.reason },
    after: { personId, status: 'attending' },
  });
  return ownEntry(ctx.tx, meeting, personId);
}

/**
 * Indkald stedfortræder: the secretariat calls a person in for a member with afbud. The
 * stedfortræder's attendance row gives them the meeting, its package and the sign-off. Only
 * until the meeting is held (409 MEETING_LOCKED after).
 */
export async function callInSubstitute({
  meetingId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  input: { forPersonId: string; personId: string };
}): Promise<AttendanceEntry[]> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertRecordOpen(meeting);
  const rows = await repo.selectAttendance(ctx.tx, meetingId);
  if (rows.some((row) => row.personId === input.personId)) {
    throw new AppError('CONFLICT', {
      message: t.alreadyParticipant,
      details: [{ field: 'personId', message: t.alreadyParticipant }],
    });
  }
  // The whole list again, so recordAttendance checks the call-in as any other change.
  return recordAttendance({
    ...ctx,
    meetingId,
    input: [
      ...rows.map((row) => ({
        personId: row.personId,
        status: row.status,
        itemIds: row.itemIds,
        reason: row.reason,
        substituteForPersonId: row.substituteForPersonId,
      })),
      {
        personId: input.personId,
        status: 'attending',
        itemIds: [],
        substituteForPersonId: input.forPersonId,
      },
    ],
  });
}

/**
 * Whom the secretariat may call in: every active person, the organization's stedfortrædere
 * (suppleanter) on the meeting day first.
 */
export async function listSubstituteCandidates({
  meeting,
  ...ctx
}: ServiceContext & { meeting: MeetingRow }): Promise<
  Array<{ personId: string; name: string; isSubstitute: boolean }>
> {
  const day = toLocalDate(meeting.startsAt);
  // One read of the memberships open on the meeting day: the organization's stedfortrædere are
  // offered first, and its participants not at all (they take part already).
  const open = await readMembershipsOn(ctx, meeting.organizationId, day);
  const substitutes = new Set(
    open.filter((row) => row.role === 'substitute').map((row) => row.personId),
  );
  const participants = new Set(
    open.filter((row) => isParticipantRole(row.role)).map((row) => row.personId),
  );
  const persons = (await listPersons(ctx)).filter(
    (person) => !participants.has(person.id) && person.deactivatedAt === null,
  );
  return [
    ...persons.filter((person) => substitutes.has(person.id)),
    ...persons.filter((person) => !substitutes.has(person.id)),
  ].map((person) => ({
    personId: person.id,
    name: person.name,
    isSubstitute: substitutes.has(person.id),
  }));
}
