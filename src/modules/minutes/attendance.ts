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
import { assertMinutesOpen, requireConductableMeeting } from './lifecycle';
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
    const entries = recordedRows.map((row) => ({
      personId: row.personId,
      name: row.name,
      isMember: row.status !== 'guest',
      role: roles.get(row.personId) ?? null,
      status: row.status,
      itemIds: row.itemIds,
    }));
    return [
      ...entries.filter((entry) => entry.isMember).sort(byName),
      ...entries.filter((entry) => !entry.isMember).sort(byName),
    ];
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
    }));
  return [...entries.sort(byName), ...guests.sort(byName)];
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
}>;

/** Records the whole attendance list at once (the form sends every row). */
export async function recordAttendance({
  meetingId,
  input,
  ...ctx
}: WriteContext & { meetingId: string; input: AttendanceInput }): Promise<AttendanceEntry[]> {
  const meeting = await requireConductableMeeting({ ...ctx, meetingId });
  assertMinutesOpen(meeting);
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
  const before = await repo.selectAttendance(ctx.tx, meetingId);
  await repo.replaceAttendance(ctx.tx, meetingId, input);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.attendance',
    entityType: 'meeting',
    entityId: meetingId,
    before: before.map(({ personId, status, itemIds: items }) => ({
      personId,
      status,
      itemIds: items,
    })),
    after: input,
  });
  return listAttendance(ctx.tx, meeting);
}
