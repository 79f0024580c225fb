// What other modules read of minutes: rows as stored, for a caller that checks access itself.
import type { Db } from '../../platform/db/client';
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
  const entries = await listAttendance(tx, meeting);
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
