import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { paperSubmissions } from './db-schema';

export type SubmissionRow = typeof paperSubmissions.$inferSelect;

export async function insertSubmission(
  db: Db,
  values: typeof paperSubmissions.$inferInsert,
): Promise<SubmissionRow> {
  const [row] = await db.insert(paperSubmissions).values(values).returning();
  return row!;
}

export async function selectSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(paperSubmissions).where(eq(paperSubmissions.id, id));
  return row;
}

export async function updateSubmission(
  db: Db,
  id: string,
  values: Partial<typeof paperSubmissions.$inferInsert>,
): Promise<SubmissionRow> {
  const [row] = await db
    .update(paperSubmissions)
    .set(values)
    .where(eq(paperSubmissions.id, id))
    .returning();
  return row!;
}

/** A meeting's submissions, pending first, oldest first. */
export async function selectMeetingSubmissions(
  db: Db,
  meetingId: string,
): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(paperSubmissions)
    .where(eq(paperSubmissions.meetingId, meetingId))
    .orderBy(asc(paperSubmissions.status), asc(paperSubmissions.submittedAt));
}

export async function selectPaperSubmissions(db: Db, paperId: string): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(paperSubmissions)
    .where(eq(paperSubmissions.paperId, paperId))
    .orderBy(desc(paperSubmissions.submittedAt));
}
