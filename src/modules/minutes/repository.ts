import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { meetingAttendance, minutesAddenda, minutesPhrases, minutesSignOffs } from './db-schema';
import {
  agendaItemAttachments,
  agendaItems,
  agendaReleases,
  followUps,
  meetings,
} from '../meetings/db-schema';
import type { AgendaItemRow, FollowUpRow, MeetingRow } from '../meetings/index';
import { memberships, persons } from '../organizations/db-schema';

export type ReleaseRow = typeof agendaReleases.$inferSelect;
export type AttendanceRow = typeof meetingAttendance.$inferSelect;
export type { FollowUpRow } from '../meetings/index';
export type AddendumRow = typeof minutesAddenda.$inferSelect;

export async function selectMeetingForUpdate(
  db: Db,
  meetingId: string,
): Promise<MeetingRow | undefined> {
  // FOR UPDATE: two secretaries pressing "Udsend" at once get versions 1 and 2, not two 1s.
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  return row;
}

export async function updateMeetingLifecycle(
  db: Db,
  meetingId: string,
  values: Partial<
    Pick<
      MeetingRow,
      | 'status'
      | 'startedAt'
      | 'endedAt'
      | 'minutesReleasedAt'
      | 'minutesApprovedAt'
      | 'minutesApprovedByItemId'
    >
  >,
): Promise<MeetingRow> {
  const [row] = await db
    .update(meetings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(meetings.id, meetingId))
    .returning();
  return row!;
}

export async function selectReleases(db: Db, meetingId: string): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(agendaReleases)
    .where(eq(agendaReleases.meetingId, meetingId))
    .orderBy(desc(agendaReleases.version));
}

export async function insertRelease(
  db: Db,
  values: typeof agendaReleases.$inferInsert,
): Promise<ReleaseRow> {
  const [row] = await db.insert(agendaReleases).values(values).returning();
  return row!;
}

export async function updateItemTimes(
  db: Db,
  itemId: string,
  values: { actualStart?: Date | null; actualEnd?: Date | null },
): Promise<void> {
  await db
    .update(agendaItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(agendaItems.id, itemId));
}

/** Ends whatever item of the meeting is still running, at `at`. */
export async function endRunningItems(db: Db, meetingId: string, at: Date): Promise<void> {
  await db
    .update(agendaItems)
    .set({ actualEnd: at, updatedAt: at })
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        sql`${agendaItems.actualStart} IS NOT NULL`,
        sql`${agendaItems.actualEnd} IS NULL`,
      ),
    );
}

/**
 * Saves minutes only if nobody saved since `expectedRevision` was read (optimistic locking);
 * undefined means someone did, and nothing was written.
 */
export async function updateMinutesAtRevision(
  db: Db,
  itemId: string,
  expectedRevision: number,
  values: { minutesText: string | null; decision: string | null },
): Promise<AgendaItemRow | undefined> {
  const [row] = await db
    .update(agendaItems)
    .set({
      ...values,
      minutesRevision: sql`${agendaItems.minutesRevision} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.minutesRevision, expectedRevision)))
    .returning();
  return row;
}

export async function updateItemPostponed(
  db: Db,
  itemId: string,
  isPostponed: boolean,
): Promise<void> {
  await db
    .update(agendaItems)
    .set({ isPostponed, updatedAt: new Date() })
    .where(eq(agendaItems.id, itemId));
}

export async function selectPhrases(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ text: minutesPhrases.text })
    .from(minutesPhrases)
    .where(eq(minutesPhrases.organizationId, organizationId))
    .orderBy(asc(minutesPhrases.position));
  return rows.map((row) => row.text);
}

export async function replacePhrases(
  db: Db,
  organizationId: string,
  phrases: readonly string[],
): Promise<void> {
  await db.delete(minutesPhrases).where(eq(minutesPhrases.organizationId, organizationId));
  if (phrases.length === 0) return;
  await db
    .insert(minutesPhrases)
    .values(phrases.map((text, index) => ({ organizationId, position: index + 1, text })));
}

export type SignOff = { personId: string; personName: string; signedAt: Date };

export async function selectSignOffs(db: Db, meetingId: string): Promise<SignOff[]> {
  return db
    .select({
      personId: minutesSignOffs.personId,
      personName: persons.name,
      signedAt: minutesSignOffs.signedAt,
    })
    .from(minutesSignOffs)
    .innerJoin(persons, eq(persons.id, minutesSignOffs.personId))
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

export type MemberOnDate = {
  personId: string;
  name: string;
  email: string | null;
  role: string;
};

/** Members of the organization on a local date (memberships open on that day). */
export async function selectMembersOn(
  db: Db,
  organizationId: string,
  localDate: string,
): Promise<MemberOnDate[]> {
  return db
    .select({
      personId: persons.id,
      name: persons.name,
      email: persons.email,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        sql`(${memberships.startDate} IS NULL OR ${memberships.startDate} <= ${localDate}::date)`,
        sql`(${memberships.endDate} IS NULL OR ${memberships.endDate} >= ${localDate}::date)`,
      ),
    )
    .orderBy(asc(persons.name));
}

export type AttendanceWithName = AttendanceRow & { name: string };

export async function selectAttendance(db: Db, meetingId: string): Promise<AttendanceWithName[]> {
  const rows = await db
    .select({ attendance: meetingAttendance, name: persons.name })
    .from(meetingAttendance)
    .innerJoin(persons, eq(persons.id, meetingAttendance.personId))
    .where(eq(meetingAttendance.meetingId, meetingId));
  return rows.map((row) => ({ ...row.attendance, name: row.name }));
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

export async function insertFollowUp(
  db: Db,
  values: typeof followUps.$inferInsert,
): Promise<FollowUpRow> {
  const [row] = await db.insert(followUps).values(values).returning();
  return row!;
}

export async function updateFollowUp(
  db: Db,
  id: string,
  values: Partial<Pick<FollowUpRow, 'status' | 'completedAt' | 'text' | 'dueDate'>>,
): Promise<FollowUpRow> {
  const [row] = await db
    .update(followUps)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(followUps.id, id))
    .returning();
  return row!;
}

/** The items that carry the same paper, or continue one another, across meetings. */
export async function selectItemHistory(
  db: Db,
  item: Pick<AgendaItemRow, 'id' | 'paperId' | 'carriedFromItemId'>,
): Promise<
  Array<
    AgendaItemRow & {
      meetingTitle: string;
      meetingStartsAt: Date;
      meetingStatus: MeetingRow['status'];
      organizationId: string;
      disqualifiedPersonIds: string[];
    }
  >
> {
  const chain = new Set<string>([item.id]);
  let from = item.carriedFromItemId;
  while (from !== null && !chain.has(from)) {
    chain.add(from);
    const [previous] = await db
      .select({ carriedFromItemId: agendaItems.carriedFromItemId })
      .from(agendaItems)
      .where(eq(agendaItems.id, from));
    from = previous?.carriedFromItemId ?? null;
  }
  const rows = await db
    .select({
      item: agendaItems,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      meetingStatus: meetings.status,
      organizationId: meetings.organizationId,
      disqualifiedPersonIds: sql<string[]>`coalesce((
        select json_agg(d.person_id) from agenda_item_disqualifications d
        where d.agenda_item_id = ${agendaItems.id}), '[]'::json)`,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      sql`${agendaItems.id} IN ${[...chain]} OR ${agendaItems.carriedFromItemId} IN ${[...chain]}${
        item.paperId ? sql` OR ${agendaItems.paperId} = ${item.paperId}` : sql``
      }`,
    )
    .orderBy(asc(meetings.startsAt));
  return rows.map((row) => ({
    ...row.item,
    meetingTitle: row.meetingTitle,
    meetingStartsAt: row.meetingStartsAt,
    meetingStatus: row.meetingStatus,
    organizationId: row.organizationId,
    disqualifiedPersonIds: row.disqualifiedPersonIds,
  }));
}

export async function selectItemIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return rows.map((row) => row.id);
}

/** The bilag the secretary listed on the item itself (a paper's bilag follow the paper). */
export async function selectOwnAttachmentTitles(db: Db, itemId: string): Promise<string[]> {
  const rows = await db
    .select({ title: agendaItemAttachments.title })
    .from(agendaItemAttachments)
    .where(eq(agendaItemAttachments.agendaItemId, itemId))
    .orderBy(asc(agendaItemAttachments.position));
  return rows.map((row) => row.title);
}

export async function setCarriedFrom(db: Db, itemId: string, fromItemId: string): Promise<void> {
  await db
    .update(agendaItems)
    .set({ carriedFromItemId: fromItemId })
    .where(eq(agendaItems.id, itemId));
}

/** The meeting an item belongs to, by id and title. */
export async function selectItemMeeting(
  db: Db,
  itemId: string,
): Promise<{ meetingId: string; meetingTitle: string; meetingStartsAt: Date } | undefined> {
  const [row] = await db
    .select({
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, itemId));
  return row;
}
