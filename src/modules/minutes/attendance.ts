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
};

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
    }));
  const byName = (a: AttendanceEntry, b: AttendanceEntry) => collator.compare(a.name, b.name);
  return [...entries.sort(byName), ...guests.sort(byName)];
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
