import { recordAudit } from '../../platform/audit/record-audit';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import type { MeetingRow } from '../meetings/index';
import { readPerson } from '../organizations/index';
import { assertMinutesDraft, requireConductableMeeting } from './lifecycle';
import * as repo from './repository';
import type { WriteContext } from '../../platform/service-context';

export type AttendanceStatus = repo.AttendanceRow['status'];

export type AttendanceEntry = {
  personId: string;
  name: string;
  /** Member of the organization on the meeting day (guests are not). */
  isMember: boolean;
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

export type PersonRef = { personId: string; name: string };

/**
 * Fremmøde: the members on the meeting day, each "deltager" until recorded otherwise, followed
 * by the guests recorded for named items.
 */
export async function listAttendance(tx: Db, meeting: MeetingRow): Promise<AttendanceEntry[]> {
  const members = await repo.selectMembersOn(
    tx,
    meeting.organizationId,
    toLocalDate(meeting.startsAt),
  );
  const recorded = new Map(
    (await repo.selectAttendance(tx, meeting.id)).map((row) => [row.personId, row]),
  );
  const collator = new Intl.Collator('da');
  const entries: AttendanceEntry[] = members.map((member) => {
    const row = recorded.get(member.personId);
    return {
      personId: member.personId,
      name: member.name,
      isMember: true,
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
      status: row.status,
      itemIds: row.itemIds,
      ...noSubstitution,
      reason: row.reason,
    }));
  const byName = (a: AttendanceEntry, b: AttendanceEntry) => collator.compare(a.name, b.name);
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

export type AttendanceInput = Array<{
  personId: string;
  status: AttendanceStatus;
  itemIds: string[];
  /** Only with afbud; ignored otherwise. */
  reason?: string | null;
  /** On a stedfortræder's row ("deltager"): the member with afbud they stand in for. */
  substituteForPersonId?: string | null;
}>;

/** Records the whole attendance list at once (the form sends every row). */
export async function recordAttendance({
  meetingId,
  input,
  ...ctx
}: WriteContext & { meetingId: string; input: AttendanceInput }): Promise<AttendanceEntry[]> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertMinutesDraft(meeting);
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
  const itemIds = new Set(await repo.selectItemIds(ctx.tx, meetingId));
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
    (await repo.selectMembersOn(tx, meeting.organizationId, toLocalDate(meeting.startsAt))).map(
      (member) => member.personId,
    ),
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
    if (person && isDeactivated(person)) {
      throw new AppError('CONFLICT', {
        message: t.deactivated,
        details: [{ field: `attendance.${index}.personId`, message: t.deactivated }],
      });
    }
  }
}

/** Persons gain a deactivation (issue 18, persons admin); a deactivated one is not called in. */
function isDeactivated(person: object): boolean {
  return 'deactivatedAt' in person && person.deactivatedAt !== null;
}
