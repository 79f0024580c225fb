import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { paperSubmissions, submissionApprovalSettings } from './db-schema';

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

/** The pending submissions (waiting for the secretariat) of these meetings, oldest first. */
export async function selectPendingSubmissionsOf(
  db: Db,
  meetingIds: readonly string[],
): Promise<SubmissionRow[]> {
  if (meetingIds.length === 0) return [];
  return db
    .select()
    .from(paperSubmissions)
    .where(
      and(
        inArray(paperSubmissions.meetingId, [...new Set(meetingIds)]),
        eq(paperSubmissions.status, 'pending'),
      ),
    )
    .orderBy(asc(paperSubmissions.submittedAt));
}

export async function selectPaperSubmissions(db: Db, paperId: string): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(paperSubmissions)
    .where(eq(paperSubmissions.paperId, paperId))
    .orderBy(desc(paperSubmissions.submittedAt));
}

export type ApprovalSettingsRow = typeof submissionApprovalSettings.$inferSelect;

export async function selectApprovalSettings(
  db: Db,
  organizationId: string,
): Promise<ApprovalSettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(submissionApprovalSettings)
    .where(eq(submissionApprovalSettings.organizationId, organizationId));
  return row;
}

export async function upsertApprovalSettings(
  db: Db,
  values: { organizationId: string; isRequired: boolean; approverUserIds: string[] },
): Promise<ApprovalSettingsRow> {
  const [row] = await db
    .insert(submissionApprovalSettings)
    .values(values)
    .onConflictDoUpdate({
      target: submissionApprovalSettings.organizationId,
      set: { ...values, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/** The organizations in which this user approves submissions (the step switched on). */
export async function selectOrganizationsApprovedBy(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ organizationId: submissionApprovalSettings.organizationId })
    .from(submissionApprovalSettings)
    .where(
      and(
        eq(submissionApprovalSettings.isRequired, true),
        sql`${userId}::uuid = ANY(${submissionApprovalSettings.approverUserIds})`,
      ),
    );
  return rows.map((row) => row.organizationId);
}

/** Submissions awaiting a leader's approval, oldest first. */
export async function selectAwaitingApproval(db: Db): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(paperSubmissions)
    .where(eq(paperSubmissions.status, 'awaiting_approval'))
    .orderBy(asc(paperSubmissions.submittedAt));
}
