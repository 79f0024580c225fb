import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  pgView,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { addressees, paperKinds, paperStatuses, requestedActions } from './enums';
import { sql } from 'drizzle-orm';
import { storedFiles } from '../files/db-schema';
import { organizations } from '../organizations/db-schema';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const paperKind = pgEnum('paper_kind', paperKinds);

export const paperStatus = pgEnum('paper_status', paperStatuses);

export const addressee = pgEnum('paper_addressee', addressees);

export const requestedAction = pgEnum('paper_requested_action', requestedActions);

/**
 * Sag / indstilling: a memo with a letterhead, sections and a short cover, sent by a unit to
 * an organization (rådmandskreds, udvalg …). Agenda items point to the paper they treat;
 * the paper knows nothing of meetings, so the meetings module builds on this one.
 */
export const papers = pgTable(
  'papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: paperKind('kind').notNull().default('indstilling'),
    title: text('title').notNull(),
    status: paperStatus('status').notNull().default('draft'),
    /** The organization the paper goes to (its section template and cover rules apply). */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    senderUnitId: uuid('sender_unit_id').references(() => organizations.id),
    addressee: addressee('addressee').notNull().default('raadmanden'),
    paperDate: date('paper_date', { mode: 'string' }).notNull(),
    caseNumber: text('case_number'),
    caseOfficers: text('case_officers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    phone: text('phone'),
    email: text('email'),
    coverPurpose: text('cover_purpose'),
    coverKeyMessages: text('cover_key_messages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    coverImplications: text('cover_implications'),
    coverRequestedAction: requestedAction('cover_requested_action'),
    /**
     * The version the secretariat approved onto an agenda. It stays what participants read while
     * the author corrects the paper, until a new version is approved.
     */
    approvedVersion: integer('approved_version'),
    // No foreign key, like the audit trail: the paper keeps its author when the account goes.
    createdByUserId: uuid('created_by_user_id'),
    ...timestamps,
  },
  (table) => [index('papers_organization_idx').on(table.organizationId)],
);

/** A memo's sections in order, each a heading from the template and sanitised HTML. */
export const paperSections = pgTable(
  'paper_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
    html: text('html').notNull().default(''),
    ...timestamps,
  },
  (table) => [unique('paper_sections_position').on(table.paperId, table.position)],
);

/** Every save of a paper is a version: a snapshot of its letterhead, sections and cover. */
export const paperVersions = pgTable(
  'paper_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').$type<PaperSnapshot>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorLabel: text('actor_label').notNull(),
  },
  (table) => [unique('paper_versions_number').on(table.paperId, table.number)],
);

export type PaperSnapshot = {
  title: string;
  caseNumber: string | null;
  caseOfficers: string[];
  sections: Array<{ heading: string; html: string }>;
  /** Absent in versions saved before attachments existed. */
  attachments?: Array<{ title: string; fileName: string; sha256: string }>;
  cover: {
    purpose: string | null;
    keyMessages: string[];
    implications: string | null;
    requestedAction: string | null;
  };
};

/** The section headings an organization's papers start with; without a row, the seed's set. */
export const paperTemplates = pgTable('paper_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .unique()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  headings: text('headings').array().notNull(),
  ...timestamps,
});

/** Bilag to a memo, numbered by position; the content is a stored file shared by identical uploads. */
export const paperAttachments = pgTable(
  'paper_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => storedFiles.sha256),
    ...timestamps,
  },
  (table) => [
    unique('paper_attachments_position').on(table.paperId, table.position),
    index('paper_attachments_file_idx').on(table.fileSha256),
  ],
);

/**
 * An organization's own rules for papers sent to it; without a row, the defaults in rules.ts
 * (which depend on the kind of organization) apply.
 */
export const paperRules = pgTable('paper_rules', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  coverMaxWords: integer('cover_max_words').notNull(),
  keyMessageMaxWords: integer('key_message_max_words').notNull(),
  coverRequired: boolean('cover_required').notNull(),
  caseNumberPattern: text('case_number_pattern').notNull(),
  caseNumberExample: text('case_number_example').notNull(),
  submissionDeadlineWorkingDays: integer('submission_deadline_working_days').notNull(),
  ...timestamps,
});

/**
 * The closed agenda items (closed themselves or under a closed item) that treat a paper, with
 * who is inhabil in each: who may read such a paper depends on them (papers/policy.ts). The
 * agenda tables belong to the meetings module, whose db-schema.ts imports this one for the
 * paper foreign key, so the view names them in SQL rather than importing them.
 */
export const paperClosedTreatments = pgView('paper_closed_treatments', {
  paperId: uuid('paper_id').notNull(),
  agendaItemId: uuid('agenda_item_id').notNull(),
  disqualifiedPersonIds: uuid('disqualified_person_ids').array().notNull(),
}).as(
  sql`select item.paper_id, item.id as agenda_item_id, array(select d.person_id from agenda_item_disqualifications d where d.agenda_item_id = item.id) as disqualified_person_ids from agenda_items item left join agenda_items parent on parent.id = item.parent_id where item.paper_id is not null and (not item.is_public or parent.is_public is false)`,
);
