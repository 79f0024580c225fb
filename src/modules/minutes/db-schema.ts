import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agendaItems, meetings } from '../meetings/db-schema';
import { organizations, persons } from '../organizations/db-schema';
import { attendanceStatuses } from './enums';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const attendanceStatus = pgEnum('attendance_status', attendanceStatuses);

/**
 * Fremmøde: deltager, afbud, fraværende, or gæst for the named items. A stedfortræder is a row
 * "deltager" naming the member they stand in for, who has sent afbud; that row is also what
 * gives them the meeting (accounts' actor_meeting_grants).
 */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    status: attendanceStatus('status').notNull(),
    /** A guest's items; empty for the other statuses. */
    itemIds: uuid('item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Why a member sent afbud, if they said; internal, never in the minutes. */
    reason: text('reason'),
    /** On a stedfortræder's row: the member with afbud they stand in for. */
    substituteForPersonId: uuid('substitute_for_person_id').references(() => persons.id, {
      onDelete: 'cascade',
    }),
    ...timestamps,
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.personId] }),
    // One stedfortræder per member with afbud.
    uniqueIndex('meeting_attendance_substitute_for_idx')
      .on(table.meetingId, table.substituteForPersonId)
      .where(sql`${table.substituteForPersonId} IS NOT NULL`),
  ],
);

/** A participant's sign-off of the minutes ("godkendt af"), with its time. */
export const minutesSignOffs = pgTable(
  'minutes_sign_offs',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.personId] })],
);

/** Tilføjelse: a correction to approved minutes, which themselves never change. */
export const minutesAddenda = pgTable(
  'minutes_addenda',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('minutes_addenda_item_idx').on(table.agendaItemId)],
);

/** Standard phrases for decisions ("Taget til efterretning."), per organization, in order. */
export const minutesPhrases = pgTable(
  'minutes_phrases',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    /**
     * Chosen as the decision of the "Referat" item, this phrase approves the previous meeting's
     * minutes ("Referatet blev godkendt."); at most one per organization.
     */
    approvesPreviousMinutes: boolean('approves_previous_minutes').notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.position] }),
    uniqueIndex('minutes_phrases_approving_idx')
      .on(table.organizationId)
      .where(sql`${table.approvesPreviousMinutes}`),
  ],
);

/**
 * A person's name, for sign-offs and attendance: a view, so those lists stay one query each
 * without reading the organizations module's table (docs/ARCHITECTURE.md, "Module doors").
 */
export const minutesPersons = pgView('minutes_persons').as((qb) =>
  qb.select({ id: persons.id, name: persons.name }).from(persons),
);
