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
import { agendaItems, meetings } from '../meetings/db-schema';
import { papers } from '../papers/db-schema';

export const submissionStatuses = ['pending', 'returned', 'approved'] as const;
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
  },
  (table) => [
    index('paper_submissions_meeting_idx').on(table.meetingId, table.status),
    index('paper_submissions_paper_idx').on(table.paperId),
  ],
);
