import { sql } from 'drizzle-orm';
import { check, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Slettefrister: how long data is kept, one row (id 1). A null period keeps that data for good.
 * The run bookkeeping lives on the same row, so several app instances can share one daily run.
 */
export const retentionSettings = pgTable(
  'retention_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Draft and returned papers not changed for this many months are deleted. */
    draftPaperMonths: integer('draft_paper_months'),
    /** People without a current membership or account for this many months are anonymised. */
    departedPersonMonths: integer('departed_person_months'),
    /** Expired sessions, old login-throttle rows and sent mails older than this are deleted. */
    sessionAndMailDays: integer('session_and_mail_days').default(90),
    /** Audit events older than this are deleted. */
    auditEventYears: integer('audit_event_years').default(10),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // No foreign key, like the audit trail.
    updatedByUserId: uuid('updated_by_user_id'),
    /** When a run last finished; the daily timer runs again a day later. */
    lastRunAt: timestamp('last_run_at', { withTimezone: true, mode: 'date' }),
    /** A run in progress holds this lease; another instance skips until it is released or old. */
    runStartedAt: timestamp('run_started_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [check('retention_settings_single_row', sql`${table.id} = 1`)],
);
