// What other modules read of minutes: rows as stored, for a caller that checks access itself.
import type { Db } from '../../platform/db/client';
import { da } from '../../platform/i18n/da';
import { readMeetingRow } from '../meetings/index';
import { listAttendance, substituteLines, type AttendanceEntry } from './attendance';
import * as repo from './repository';

type Reader = { readonly tx: Db };

/** Where a person's attendance was recorded: meeting id and status (deltager, afbud …). */
export async function readAttendanceOfPerson({ tx }: Reader, personId: string) {
  return repo.selectAttendanceOfPerson(tx, personId);
}

/** Who took part in a meeting, as the minutes print it: names by status, afbud reasons left out. */
export type MinutesAttendance = {
  present: string[];
  regrets: string[];
  absent: string[];
  guests: string[];
  /** "Sara Suppleant (for Bo Medlem)" */
  substitutes: string[];
};

/** The fremmøde the minutes of a meeting show (the recorded rows, once the meeting is held). */
export async function readMinutesAttendance(
  { tx }: Reader,
  meetingId: string,
): Promise<MinutesAttendance | undefined> {
  const meeting = await readMeetingRow({ tx }, meetingId);
  if (!meeting) return undefined;
  return minutesAttendanceOf(await listAttendance(tx, meeting));
}

/** Attendance entries as the minutes print them: names by status. */
export function minutesAttendanceOf(entries: readonly AttendanceEntry[]): MinutesAttendance {
  const names = (status: AttendanceEntry['status']) =>
    entries.filter((entry) => entry.status === status).map((entry) => entry.name);
  return {
    present: names('attending'),
    regrets: names('sent_regrets'),
    absent: names('absent'),
    guests: names('guest'),
    substitutes: substituteLines(entries),
  };
}

/**
 * The groups the minutes list, in their order, each under its Danish label ("Afbud",
 * "Stedfortræder" or "Stedfortrædere"); empty groups are left out. The web minutes, the PDF and
 * Word files, the portal and its PDFs, and the CPR guard all list attendance this way.
 */
export function attendanceGroups(
  attendance: MinutesAttendance,
): Array<{ label: string; names: string[] }> {
  const a = da.minutes.attendance;
  return [
    { label: a.present, names: attendance.present },
    { label: a.regrets, names: attendance.regrets },
    { label: a.absentList, names: attendance.absent },
    { label: a.guests, names: attendance.guests },
    {
      label: attendance.substitutes.length === 1 ? a.substitute : a.substitutes,
      names: attendance.substitutes,
    },
  ].filter((group) => group.names.length > 0);
}
