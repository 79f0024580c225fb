import { recordAudit } from '../../platform/audit/record-audit';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import { meetingStatuses, readAgendaItemIds, type MeetingRow } from '../meetings/index';
import {
  membershipRoleOrder,
  readMembersOn,
  readPerson,
  type MemberOnDate,
  type MembershipRole,
} from '../organizations/index';
import { assertRecordOpen, requireConductableMeeting } from './lifecycle';
import * as repo from './repository';
import type { WriteContext } from '../../platform/service-context';

export type AttendanceStatus = repo.AttendanceRow['status'];

export type AttendanceEntry = {
  personId: string;
  name: string;
  /** Member of the organization on the meeting day (guests are not). */
  isMember: boolean;
  /** The membership role on the meeting day (secretaries and observers are shown as such). */
  role: MembershipRole | null;
  status: AttendanceStatus;
  /** A guest's items. */
  itemIds: string[];
  /** Why a member sent afbud, if they said (internal: the minutes leave it out). */
  reason: string | null;
  /** On a stedfortræder's entry: the member with afbud they stand in for. */
  substituteFor: PersonRef | null;
  /** On the entry of a member with afbud: who stands in for them. */
  substitute: PersonRef | null;
};

/** Held, or further: the attendance is the record, no longer the memberships. */
const isHeld = (meeting: Pick<MeetingRow, 'status'>) =>
  meetingStatuses.indexOf(meeting.status) >= meetingStatuses.indexOf('held');

/** One entry per member, in the first role (chair before member before secretary). */
async function membersOnMeetingDay(tx: Db, meeting: MeetingRow) {
  const rows = await readMembersOn({ tx }, meeting.organizationId, toLocalDate(meeting.startsAt));
  const byPerson = new Map<string, MemberOnDate>();
  for (const row of rows) {
    const known = byPerson.get(row.personId);
    if (!known || membershipRoleOrder(row.role) < membershipRoleOrder(known.role)) {
      byPerson.set(row.personId, row);
    }
  }
  return [...byPerson.values()];
}

export type PersonRef = { personId: string; name: string };

/**
 * Fremmøde: the members on the meeting day, each "deltager" until recorded otherwise, followed
 * by the guests recorded for named items. From "afholdt" on, the recorded rows alone (ending the
 * meeting writes a row for every member), so a later change of memberships never rewrites who
 * took part in a held meeting.
 */
export async function listAttendance(tx: Db, meeting: MeetingRow): Promise<AttendanceEntry[]> {
  const members = await membersOnMeetingDay(tx, meeting);
  const roles = new Map(members.map((member) => [member.personId, member.role]));
  const recordedRows = await repo.selectAttendance(tx, meeting.id);
  const recorded = new Map(recordedRows.map((row) => [row.personId, row]));
  const collator = new Intl.Collator('da');
  const byName = (a: AttendanceEntry, b: AttendanceEntry) => collator.compare(a.name, b.name);
  if (isHeld(meeting)) {
    const entries: AttendanceEntry[] = recordedRows.map((row) => ({
      personId: row.personId,
      name: row.name,
      isMember: row.status !== 'guest',
      role: roles.get(row.personId) ?? null,
      status: row.status,
      itemIds: row.itemIds,
      ...noSubstitution,
      reason: row.reason,
    }));
    return withSubstitutions(
      [
        ...entries.filter((entry) => entry.isMember).sort(byName),
        ...entries.filter((entry) => !entry.isMember).sort(byName),
      ],
      recordedRows,
    );
  }
  const entries: AttendanceEntry[] = members.map((member) => {
    const row = recorded.get(member.personId);
    return {
      personId: member.personId,
      name: member.name,
      isMember: true,
      role: member.role,
      status: row?.status ?? 'attending',
      itemIds: row?.itemIds ?? [],
      ...noSubstitution,
      reason: row?.reason ?? null,
    };
  });
  const memberIds = new Set(members.map((member) => member.personId));
  const guests = [...recorded.values()]
    .filter((row) => !memberIds.has(row.personId))
    .map((row) => ({
      personId: row.personId,
      name: row.name,
      isMember: false,
      role: null,
      status: row.status,
      itemIds: row.itemIds,
      ...noSubstitution,
      reason: row.reason,
    }));
  return withSubstitutions(
    [...entries.sort(byName), ...guests.sort(byName)],
    [...recorded.values()],
  );
}

/** "Sara Suppleant (for Bo Medlem)": what the minutes say under "Stedfortræder". */
export function substituteLines(entries: readonly AttendanceEntry[]): string[] {
  return entries.flatMap((entry) =>
    entry.substituteFor
      ? [da.minutes.attendance.substituteLine(entry.name, entry.substituteFor.name)]
      : [],
  );
}

const noSubstitution = { reason: null, substituteFor: null, substitute: null };

/** Links each stedfortræder's entry and the entry of the member they stand in for. */
function withSubstitutions(
  entries: AttendanceEntry[],
  rows: readonly repo.AttendanceWithName[],
): AttendanceEntry[] {
  const names = new Map(entries.map((entry) => [entry.personId, entry.name]));
  const substituteFor = new Map<string, PersonRef>();
  const substituteOf = new Map<string, PersonRef>();
  for (const row of rows) {
    const forId = row.substituteForPersonId;
    if (forId === null) continue;
    substituteFor.set(row.personId, { personId: forId, name: names.get(forId) ?? '' });
    substituteOf.set(forId, { personId: row.personId, name: row.name });
  }
  return entries.map((entry) => ({
    ...entry,
    substituteFor: substituteFor.get(entry.personId) ?? null,
    substitute: substituteOf.get(entry.personId) ?? null,
  }));
}

/**
 * Called as the meeting ends: every member on the meeting day without a recorded status gets a
 * "deltager" row, so the attendance is kept as it was (see listAttendance).
 */
export async function freezeAttendance(tx: Db, meeting: MeetingRow): Promise<void> {
  const members = await membersOnMeetingDay(tx, meeting);
  await repo.insertMissingAttendance(
    tx,
    meeting.id,
    members.map((member) => member.personId),
  );
}

export type AttendanceInput = Array<{
  personId: string;
  status: AttendanceStatus;
  itemIds: string[];
  /** Only with afbud; ignored otherwise. */
  reason?: string | null;
  /** On a stedfortræder's row ("deltager"): the member with afbud they stand in for. */
  substituteForPersonId?: string | null;
}>;

/**
 * Records the whole attendance list at once (the form sends every row); only until the meeting
 * is held, afterwards a correction is an addendum (409 MEETING_LOCKED).
 */
export async function recordAttendance({
  meetingId,
  input,
  ...ctx
}: WriteContext & { meetingId: string; input: AttendanceInput }): Promise<AttendanceEntry[]> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertRecordOpen(meeting);
  const seen = new Set<string>();
  for (const [index, row] of input.entries()) {
    if (seen.has(row.personId)) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: `attendance.${index}.personId`, message: da.minutes.attendance.duplicate },
        ],
      });
    }
    seen.add(row.personId);
  }
  const itemIds = new Set(await readAgendaItemIds(ctx, meetingId));
  for (const [index, row] of input.entries()) {
    if (!(await readPerson(ctx, row.personId))) {
      throw new AppError('VALIDATION_FAILED', {
        details: [{ field: `attendance.${index}.personId`, message: da.validation.unknownPerson }],
      });
    }
    if (
      row.status === 'guest' ? row.itemIds.some((id) => !itemIds.has(id)) : row.itemIds.length > 0
    ) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: `attendance.${index}.itemIds`, message: da.minutes.attendance.badItems },
        ],
      });
    }
  }
  await assertSubstitutions(ctx.tx, meeting, input);
  const rows = input.map((row) => ({
    personId: row.personId,
    status: row.status,
    itemIds: row.itemIds,
    reason: row.status === 'sent_regrets' ? (row.reason ?? null) : null,
    substituteForPersonId: row.substituteForPersonId ?? null,
  }));
  const before = await repo.selectAttendance(ctx.tx, meetingId);
  await repo.replaceAttendance(ctx.tx, meetingId, rows);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.attendance',
    entityType: 'meeting',
    entityId: meetingId,
    before: before.map(({ personId, status, itemIds: items, reason, substituteForPersonId }) => ({
      personId,
      status,
      itemIds: items,
      reason,
      substituteForPersonId,
    })),
    after: rows,
  });
  return listAttendance(ctx.tx, meeting);
}

const refuse = (index: number, field: string, message: string) =>
  new AppError('VALIDATION_FAILED', {
    details: [{ field: `attendance.${index}.${field}`, message }],
  });

/**
 * A stedfortræder stands in for a member who sent afbud, one each; they are no participant
 * already (not a member on the meeting day), and not a deactivated person.
 */
async function assertSubstitutions(
  tx: Db,
  meeting: MeetingRow,
  input: AttendanceInput,
): Promise<void> {
  const t = da.minutes.substitutes;
  const memberIds = new Set(
    (await membersOnMeetingDay(tx, meeting)).map((member) => member.personId),
  );
  const statusOf = new Map(input.map((row) => [row.personId, row.status]));
  const covered = new Set<string>();
  for (const [index, row] of input.entries()) {
    const forId = row.substituteForPersonId;
    if (!forId) continue;
    if (!memberIds.has(forId) || statusOf.get(forId) !== 'sent_regrets') {
      throw refuse(index, 'substituteForPersonId', t.noRegrets);
    }
    if (covered.has(forId)) throw refuse(index, 'substituteForPersonId', t.oneEach);
    covered.add(forId);
    if (row.status !== 'attending') throw refuse(index, 'status', t.mustAttend);
    if (memberIds.has(row.personId)) {
      throw new AppError('CONFLICT', {
        message: t.alreadyParticipant,
        details: [{ field: `attendance.${index}.personId`, message: t.alreadyParticipant }],
      });
    }
    const person = await readPerson({ tx }, row.personId);
    if (person && person.deactivatedAt !== null) {
      throw new AppError('CONFLICT', {
        message: t.deactivated,
        details: [{ field: `attendance.${index}.personId`, message: t.deactivated }],
      });
    }
  }
}
