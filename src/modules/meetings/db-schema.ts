import { eq, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  text,
  time,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { storedFiles } from '../files/db-schema';
import { locations, organizations, persons } from '../organizations/db-schema';
import { paperAttachments, papers } from '../papers/db-schema';
import { followUpStatuses, meetingStatuses, standingItemKinds, standingPlacements } from './enums';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const meetingStatus = pgEnum('meeting_status', meetingStatuses);

export const standingItemKind = pgEnum('standing_item_kind', standingItemKinds);
export const standingPlacement = pgEnum('standing_placement', standingPlacements);

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
    /** When the meeting was actually opened and closed (the live view). */
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    minutesReleasedAt: timestamp('minutes_released_at', { withTimezone: true, mode: 'date' }),
    minutesApprovedAt: timestamp('minutes_approved_at', { withTimezone: true, mode: 'date' }),
    /** The "Referat" item of a later meeting whose decision approved these minutes. */
    minutesApprovedByItemId: uuid('minutes_approved_by_item_id'),
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
    /**
     * Why the item is closed (styrelsesloven § 10): a code from the organization's list, its
     * label as it read when chosen (so approved minutes keep their wording), and a free-text
     * addition. Internal only: never published. Older and imported closed items have none.
     */
    closedReasonCode: text('closed_reason_code'),
    closedReasonLabel: text('closed_reason_label'),
    closedReasonText: text('closed_reason_text'),
    note: text('note'),
    /** The paper (indstilling, notat …) this item treats, if any. */
    paperId: uuid('paper_id').references(() => papers.id, { onDelete: 'set null' }),
    standingKind: standingItemKind('standing_kind'),
    /** A standing item's place from its template; new items go before the closing ones. */
    placement: standingPlacement('placement'),
    /** Minutes: what was said (sanitised rich text) and what was decided (plain text). */
    minutesText: text('minutes_text'),
    decision: text('decision'),
    /** Raised on every minutes save; a save naming an older revision is a conflict (409). */
    minutesRevision: integer('minutes_revision').notNull().default(0),
    actualStart: timestamp('actual_start', { withTimezone: true, mode: 'date' }),
    actualEnd: timestamp('actual_end', { withTimezone: true, mode: 'date' }),
    /** Udsat: not treated here; a copy on a later meeting carries it on. */
    isPostponed: boolean('is_postponed').notNull().default(false),
    /** The earlier item this one continues (postponed or repeated), so its history can be shown. */
    carriedFromItemId: uuid('carried_from_item_id').references((): AnyPgColumn => agendaItems.id, {
      onDelete: 'set null',
    }),
    /** A closed item's decision in public: null follows the organization's setting. */
    publishClosedDecision: boolean('publish_closed_decision'),
    /** The number an imported agenda gave the item ("1.1", "12"), shown instead of the derived one. */
    sourceNumber: text('source_number'),
    ...timestamps,
  },
  (table) => [
    index('agenda_items_paper_idx').on(table.paperId),
    index('agenda_items_carried_from_idx').on(table.carriedFromItemId),
    index('agenda_items_meeting_idx').on(table.meetingId, table.parentId, table.position),
    check('agenda_items_duration_range', sql`${table.durationMinutes} BETWEEN 0 AND 600`),
    check(
      'agenda_items_closed_has_public_title',
      sql`${table.isPublic} OR ${table.publicTitle} IS NOT NULL`,
    ),
  ],
);

/**
 * The item's own bilag, by title and order: a file the secretariat uploaded to the item, or a
 * title alone (the package shows a placeholder page for it until a file is uploaded).
 */
export const agendaItemAttachments = pgTable(
  'agenda_item_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256').references(() => storedFiles.sha256),
    ...timestamps,
  },
  (table) => [
    unique('agenda_item_attachments_position').on(table.agendaItemId, table.position),
    index('agenda_item_attachments_file_idx').on(table.fileSha256),
    check(
      'agenda_item_attachments_file_named',
      sql`(${table.fileName} IS NULL) = (${table.fileSha256} IS NULL)`,
    ),
  ],
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
    standingKind: standingItemKind('standing_kind'),
    placement: standingPlacement('placement').notNull().default('opening'),
    ...timestamps,
  },
  (table) => [
    unique('meeting_template_items_position').on(table.templateId, table.position),
    check('meeting_template_items_duration_range', sql`${table.durationMinutes} BETWEEN 0 AND 600`),
  ],
);

/**
 * A released agenda: the version participants read. Releasing again after a change makes the
 * next version, with a change note they see.
 */
export const agendaReleases = pgTable(
  'agenda_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The agenda items as they were released (unredacted; redaction happens on reading). */
    snapshot: jsonb('snapshot').notNull(),
    changeNote: text('change_note'),
    /**
     * Styrelsesloven § 8: the deadline this release was held to (the agenda's for the first
     * release, the material's for later ones), and the reason given for releasing after it.
     */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    lateReason: text('late_reason'),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    // No foreign key, like the audit trail: the release keeps its author when the account goes.
    releasedByUserId: uuid('released_by_user_id'),
  },
  (table) => [unique('agenda_releases_version').on(table.meetingId, table.version)],
);

export const followUpStatus = pgEnum('follow_up_status', followUpStatuses);

/** Opfølgning: a task from an item's minutes, listed under the next meeting's follow-up item. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => persons.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    status: followUpStatus('status').notNull().default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    ...timestamps,
  },
  (table) => [
    index('follow_ups_item_idx').on(table.agendaItemId),
    index('follow_ups_owner_idx').on(table.ownerPersonId, table.status),
  ],
);

// What the meeting queries show of other modules' rows, as views so the meeting page, the list
// and the items with their bilag stay one query each (docs/ARCHITECTURE.md, "Module doors").

/** An organization's name, for the meeting list, the meeting page and the templates. */
export const meetingOrganizations = pgView('meeting_organizations').as((qb) =>
  qb.select({ id: organizations.id, name: organizations.name }).from(organizations),
);

/** A meeting place, by its description. */
export const meetingLocations = pgView('meeting_locations').as((qb) =>
  qb.select({ id: locations.id, description: locations.description }).from(locations),
);

/** A person as a meeting shows them: the secretariat contact, a follow-up's owner. */
export const meetingPersons = pgView('meeting_persons').as((qb) =>
  qb
    .select({ id: persons.id, name: persons.name, email: persons.email, phone: persons.phone })
    .from(persons),
);

/** A paper's bilag with its stored file's media type, listed first on the items treating it. */
export const meetingPaperAttachments = pgView('meeting_paper_attachments').as((qb) =>
  qb
    .select({
      id: paperAttachments.id,
      paperId: paperAttachments.paperId,
      position: paperAttachments.position,
      title: paperAttachments.title,
      fileName: paperAttachments.fileName,
      fileSha256: paperAttachments.fileSha256,
      mediaType: storedFiles.mediaType,
    })
    .from(paperAttachments)
    .innerJoin(storedFiles, eq(storedFiles.sha256, paperAttachments.fileSha256)),
);

/** A stored file's facts, for the files uploaded to an item itself. */
export const meetingStoredFiles = pgView('meeting_stored_files').as((qb) =>
  qb
    .select({
      sha256: storedFiles.sha256,
      mediaType: storedFiles.mediaType,
      byteSize: storedFiles.byteSize,
      pageCount: storedFiles.pageCount,
    })
    .from(storedFiles),
);
