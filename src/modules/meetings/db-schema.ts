import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { locations, organizations, persons } from '../organizations/index';
import { papers } from '../papers/index';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const meetingStatuses = [
  'planned',
  'agenda_released',
  'in_progress',
  'held',
  'minutes_released',
  'minutes_approved',
] as const;

export const meetingStatus = pgEnum('meeting_status', meetingStatuses);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    locationId: uuid('location_id').references(() => locations.id),
    caseNumber: text('case_number'),
    status: meetingStatus('status').notNull().default('planned'),
    secretariatContactId: uuid('secretariat_contact_id').references(() => persons.id),
    ...timestamps,
  },
  (table) => [
    index('meetings_starts_at_idx').on(table.startsAt),
    index('meetings_organization_idx').on(table.organizationId, table.startsAt),
    check('meetings_ends_after_start', sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/**
 * Dagsordenspunkt. Top-level items are numbered 1, 2, …; sub-items ("A)", "B)") have a
 * parent. Numbers and time slots are derived from position, never stored.
 */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => agendaItems.id, {
      onDelete: 'cascade',
    }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(0),
    purpose: text('purpose'),
    method: text('method'),
    responsible: text('responsible')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isPublic: boolean('is_public').notNull().default(true),
    publicTitle: text('public_title'),
    note: text('note'),
    /** The paper (indstilling, notat …) this item treats, if any. */
    paperId: uuid('paper_id').references(() => papers.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (table) => [
    index('agenda_items_paper_idx').on(table.paperId),
    index('agenda_items_meeting_idx').on(table.meetingId, table.parentId, table.position),
    check('agenda_items_duration_range', sql`${table.durationMinutes} BETWEEN 0 AND 600`),
    check(
      'agenda_items_closed_has_public_title',
      sql`${table.isPublic} OR ${table.publicTitle} IS NOT NULL`,
    ),
  ],
);

/** Bilag listed on an item, by title and order; file contents arrive with the papers issue. */
export const agendaItemAttachments = pgTable(
  'agenda_item_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    ...timestamps,
  },
  (table) => [unique('agenda_item_attachments_position').on(table.agendaItemId, table.position)],
);

/**
 * Inhabilitet: a member who may not take part in an item (a conflict of interest). Their own
 * meeting package leaves the item's content out.
 */
export const agendaItemDisqualifications = pgTable(
  'agenda_item_disqualifications',
  {
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.agendaItemId, table.personId] })],
);

/** Mødeskabelon: a recurring meeting's standing items and defaults. */
export const meetingTemplates = pgTable('meeting_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  defaultStartTime: time('default_start_time').notNull(),
  defaultDurationMinutes: integer('default_duration_minutes').notNull(),
  defaultLocationId: uuid('default_location_id').references(() => locations.id),
  ...timestamps,
});

export const meetingTemplateItems = pgTable(
  'meeting_template_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => meetingTemplates.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(0),
    purpose: text('purpose'),
    method: text('method'),
    responsible: text('responsible')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (table) => [
    unique('meeting_template_items_position').on(table.templateId, table.position),
    check('meeting_template_items_duration_range', sql`${table.durationMinutes} BETWEEN 0 AND 600`),
  ],
);
