import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  meetingAttendance,
  minutesAddenda,
  minutesPersons,
  minutesPhrases,
  minutesSignOffs,
} from './db-schema';

export type AttendanceRow = typeof meetingAttendance.$inferSelect;
export type AddendumRow = typeof minutesAddenda.$inferSelect;

export type PhraseRow = { text: string; approvesPreviousMinutes: boolean };

export async function selectPhrases(db: Db, organizationId: string): Promise<PhraseRow[]> {
  return db
    .select({
      text: minutesPhrases.text,
      approvesPreviousMinutes: minutesPhrases.approvesPreviousMinutes,
    })
    .from(minutesPhrases)
    .where(eq(minutesPhrases.organizationId, organizationId))
    .orderBy(asc(minutesPhrases.position));
}

/** The organization's phrases in order; the first line equal to `approvingPhrase` carries the flag. */
export async function replacePhrases(
  db: Db,
  organizationId: string,
  phrases: readonly string[],
  approvingPhrase: string | null,
): Promise<void> {
  await db.delete(minutesPhrases).where(eq(minutesPhrases.organizationId, organizationId));
  if (phrases.length === 0) return;
  const approvingIndex = approvingPhrase === null ? -1 : phrases.indexOf(approvingPhrase);
  await db.insert(minutesPhrases).values(
    phrases.map((text, index) => ({
      organizationId,
      position: index + 1,
      text,
      approvesPreviousMinutes: index === approvingIndex,
    })),
  );
}

export type SignOff = { personId: string; personName: string; signedAt: Date };

export async function selectSignOffs(db: Db, meetingId: string): Promise<SignOff[]> {
  return db
    .select({
      personId: minutesSignOffs.personId,
      personName: minutesPersons.name,
      signedAt: minutesSignOffs.signedAt,
    })
    .from(minutesSignOffs)
    .innerJoin(minutesPersons, eq(minutesPersons.id, minutesSignOffs.personId))
    .where(eq(minutesSignOffs.meetingId, meetingId))
    .orderBy(asc(minutesSignOffs.signedAt));
}

export async function insertSignOff(db: Db, meetingId: string, personId: string): Promise<void> {
  await db.insert(minutesSignOffs).values({ meetingId, personId }).onConflictDoNothing();
}

export async function insertAddendum(
  db: Db,
  values: typeof minutesAddenda.$inferInsert,
): Promise<AddendumRow> {
  const [row] = await db.insert(minutesAddenda).values(values).returning();
  return row!;
}

export async function selectAddenda(db: Db, itemIds: readonly string[]): Promise<AddendumRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(minutesAddenda)
    .where(inArray(minutesAddenda.agendaItemId, [...itemIds]))
    .orderBy(asc(minutesAddenda.createdAt));
}

export type AttendanceWithName = AttendanceRow & { name: string };

export async function selectAttendance(db: Db, meetingId: string): Promise<AttendanceWithName[]> {
  const rows = await db
    .select({ attendance: meetingAttendance, name: minutesPersons.name })
    .from(meetingAttendance)
    .innerJoin(minutesPersons, eq(minutesPersons.id, meetingAttendance.personId))
    .where(eq(meetingAttendance.meetingId, meetingId));
  return rows.map((row) => ({ ...row.attendance, name: row.name }));
}

/**
 * Writes "deltager" rows for the persons without a row yet, so a held meeting's attendance no
 * longer follows the memberships (see listAttendance).
 */
export async function insertMissingAttendance(
  db: Db,
  meetingId: string,
  personIds: readonly string[],
): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .insert(meetingAttendance)
    .values(personIds.map((personId) => ({ meetingId, personId, status: 'attending' as const })))
    .onConflictDoNothing();
}

export async function replaceAttendance(
  db: Db,
  meetingId: string,
  rows: ReadonlyArray<
    Pick<AttendanceRow, 'personId' | 'status' | 'itemIds'> &
      Partial<Pick<AttendanceRow, 'reason' | 'substituteForPersonId'>>
  >,
): Promise<void> {
  await db.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
  if (rows.length === 0) return;
  await db.insert(meetingAttendance).values(rows.map((row) => ({ ...row, meetingId })));
}

/** A person's recorded attendance, meeting by meeting. */
export async function selectAttendanceOfPerson(db: Db, personId: string): Promise<AttendanceRow[]> {
  return db.select().from(meetingAttendance).where(eq(meetingAttendance.personId, personId));
}

/** One person's row: a member's own afbud, written without rewriting the others'. */
export async function upsertAttendanceRow(
  db: Db,
  meetingId: string,
  row: Pick<AttendanceRow, 'personId' | 'status' | 'reason'>,
): Promise<void> {
  await db
    .insert(meetingAttendance)
    .values({ meetingId, ...row })
    .onConflictDoUpdate({
      target: [meetingAttendance.meetingId, meetingAttendance.personId],
      set: { status: row.status, reason: row.reason, itemIds: [], updatedAt: new Date() },
    });
}
