import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agendaItems, meetings } from '../meetings/db-schema';
import { organizations } from '../organizations/db-schema';
import { papers } from '../papers/db-schema';

/**
 * awaiting_approval: the organization wants a leader's approval before the secretariat sees the
 * submission (submission_approval_settings); the leader approves (→ pending) or returns it.
 */
export const submissionStatuses = ['awaiting_approval', 'pending', 'returned', 'approved'] as const;
export const submissionStatus = pgEnum('submission_status', submissionStatuses);

/**
 * Indsendelse: a paper sent to one meeting. The secretary returns it with a comment or
 * approves it, which puts it on the agenda. A paper may be submitted again after a return.
 */
export const paperSubmissions = pgTable(
  'paper_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    status: submissionStatus('status').notNull().default('pending'),
    /** The time the author asks for on the agenda. */
    durationMinutes: integer('duration_minutes').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    submittedByUserId: uuid('submitted_by_user_id'),
    deadline: timestamp('deadline', { withTimezone: true, mode: 'date' }).notNull(),
    isLate: boolean('is_late').notNull(),
    decisionComment: text('decision_comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedByUserId: uuid('decided_by_user_id'),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    /** The leader who approved it on to the secretariat, when the organization asks for one. */
    leaderApprovedAt: timestamp('leader_approved_at', { withTimezone: true, mode: 'date' }),
    leaderApprovedByUserId: uuid('leader_approved_by_user_id'),
  },
  (table) => [
    index('paper_submissions_meeting_idx').on(table.meetingId, table.status),
    index('paper_submissions_paper_idx').on(table.paperId),
  ],
);

/**
 * Godkendelsestrin: an organization that wants a leader (e.g. head of unit) to approve a case
 * officer's submission before the secretariat sees it, and the users who may approve.
 */
export const submissionApprovalSettings = pgTable('submission_approval_settings', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  isRequired: boolean('is_required').notNull().default(false),
  // No foreign key, like the audit trail: a deactivated user simply stops approving.
  approverUserIds: uuid('approver_user_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
