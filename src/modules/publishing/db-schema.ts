import {
  boolean,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { publicationKinds } from './enums';
import { meetings } from '../meetings/db-schema';
import { organizations } from '../organizations/db-schema';

export const publicationKind = pgEnum('publication_kind', publicationKinds);

/**
 * Offentliggørelse: a meeting's agenda or minutes as published, one row per kind. The snapshot
 * is exactly what the public sees (checked for CPR numbers when published); publishing again
 * replaces it. Withdrawing keeps the row as a tombstone, as OParl wants deleted objects kept.
 */
export const meetingPublications = pgTable(
  'meeting_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: publicationKind('kind').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    publishedByUserId: uuid('published_by_user_id'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    withdrawnByUserId: uuid('withdrawn_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [unique('meeting_publications_kind').on(table.meetingId, table.kind)],
);

/** A number a secretary looked at and cleared as not a CPR number, for one meeting. */
export const cprClearances = pgTable(
  'cpr_clearances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** The ten digits, without separator. */
    digits: text('digits').notNull(),
    clearedByUserId: uuid('cleared_by_user_id'),
    clearedAt: timestamp('cleared_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [unique('cpr_clearances_digits').on(table.meetingId, table.digits)],
);

/** How an organization publishes: whether closed items show their decision (default not). */
export const publishingSettings = pgTable('publishing_settings', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  publishClosedDecisions: boolean('publish_closed_decisions').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
