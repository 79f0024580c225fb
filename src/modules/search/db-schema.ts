import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const searchEntityTypes = [
  'meeting',
  'item',
  'minutes',
  'paper',
  'attachment',
  'person',
  'organization',
] as const;

export const searchAudiences = ['internal', 'public'] as const;

/**
 * The search index: one row per searchable thing, derived from the source tables by database
 * triggers (migration 0016) in the same transaction as every write, so a save is searchable at
 * once whichever code path wrote it. Internal rows carry the attributes the access filter needs;
 * public rows are built only from publication snapshots, so the portal can only find what was
 * published.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    audience: text('audience', { enum: searchAudiences }).notNull(),
    entityType: text('entity_type', { enum: searchEntityTypes }).notNull(),
    entityId: uuid('entity_id').notNull(),
    // No foreign keys: rows are derived and removed by the triggers with their source.
    organizationId: uuid('organization_id'),
    meetingId: uuid('meeting_id'),
    paperId: uuid('paper_id'),
    /** The meeting's day in Denmark, or the paper's date; the year facet and date filter. */
    day: date('day', { mode: 'string' }),
    year: integer('year'),
    title: text('title').notNull(),
    /** Weight B: purpose, decision, the memo's cover. */
    lead: text('lead').notNull().default(''),
    /** Weight C: everything else (sections, minutes, bilag text). */
    body: text('body').notNull().default(''),
    /**
     * An agenda item's number on its agenda, lower-case ("4", "4.a", an imported "1.1"), so that
     * "punkt 4" finds it; derived as the agenda prints it (migration 0037, search_item_numbers_in).
     */
    itemNumber: text('item_number'),
    /** The item a bilag uploaded straight to an agenda item belongs to; null for everything else. */
    agendaItemId: uuid('agenda_item_id'),
    /** A closed item's neutral title: all that those who may not read it can match. */
    neutralTitle: text('neutral_title'),
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('danish'::regconfig, title), 'A') || setweight(to_tsvector('danish'::regconfig, lead), 'B') || setweight(to_tsvector('danish'::regconfig, body), 'C')`,
      ),
    /**
     * The title alone: small and never toasted, so the search can tell title matches from the
     * rest on every match cheaply and rank only the best candidates in full (see repository.ts).
     */
    titleTsv: tsvector('title_tsv')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('danish'::regconfig, title)`),
    neutralTsv: tsvector('neutral_tsv').generatedAlwaysAs(
      sql`setweight(to_tsvector('danish'::regconfig, neutral_title), 'A')`,
    ),
    /** Closed item (or its sub-item, or a memo/bilag on one): content only for agendaItem.readClosed. */
    isClosed: boolean('is_closed').notNull().default(false),
    disqualifiedPersonIds: uuid('disqualified_person_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** A memo or bilag not yet released: only for paper.readDraft. */
    isDraft: boolean('is_draft').notNull().default(false),
    /** Minutes not yet released: only for meeting.conduct. */
    isUnreleasedMinutes: boolean('is_unreleased_minutes').notNull().default(false),
    /** An item added after the agenda was released: members do not see it until the next release. */
    isUnreleasedItem: boolean('is_unreleased_item').notNull().default(false),
    /**
     * Adjacent word pairs of the same text ('hjælp kommun'), so that a phrase is found by the
     * index instead of by reading the positions of every document with its words.
     * search_word_pairs is defined in migration 0021.
     */
    pairTsv: tsvector('pair_tsv')
      .notNull()
      .generatedAlwaysAs(
        sql`search_word_pairs(to_tsvector('danish'::regconfig, title) || to_tsvector('danish'::regconfig, lead) || to_tsvector('danish'::regconfig, body))`,
      ),
    /** 0–15 by the id's hash: the search counts a sample of these groups first (repository.ts). */
    sampleGroup: smallint('sample_group')
      .notNull()
      .generatedAlwaysAs(sql`(uuid_hash(id) & 15)::smallint`),
    indexedAt: timestamp('indexed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    unique('search_documents_entity').on(table.audience, table.entityType, table.entityId),
    // The match index: the organisation leads (as a one-element array, so "any of these" is one
    // condition), so that a member of some organisations reads only their matches from the table.
    // Without an organisation condition it is a plain tsv index.
    // The sample group likewise, so that counting a sample reads only the sample's rows.
    index('search_documents_match_idx').using(
      'gin',
      sql`(ARRAY[${table.organizationId}])`,
      sql`(ARRAY[${table.sampleGroup}])`,
      table.tsv,
    ),
    // The newest matches of a common word, read in date order, and the newest title matches,
    // which are fewer (repository.ts).
    index('search_documents_day_idx').on(table.day.desc().nullsLast(), table.id),
    index('search_documents_title_tsv_idx').using('gin', table.titleTsv),
    index('search_documents_pairs_idx').using('gin', table.pairTsv),
    // People and organisations, which belong to no organisation, for the same members.
    index('search_documents_directory_tsv_idx')
      .using('gin', table.tsv)
      .where(sql`${table.entityType} IN ('person', 'organization')`),
    index('search_documents_neutral_tsv_idx')
      .using('gin', table.neutralTsv)
      .where(sql`${table.neutralTitle} IS NOT NULL`),
    // Fuzzy name matching ("Jens Rasmusen" finds "Jens Rasmussen"); pg_trgm comes with 0016.
    index('search_documents_name_trgm_idx')
      .using('gin', table.title.op('gin_trgm_ops'))
      .where(sql`${table.entityType} IN ('person', 'organization')`),
    index('search_documents_meeting_idx').on(table.meetingId),
    index('search_documents_item_number_idx')
      .on(table.itemNumber)
      .where(sql`${table.itemNumber} IS NOT NULL`),
    index('search_documents_agenda_item_idx')
      .on(table.agendaItemId)
      .where(sql`${table.agendaItemId} IS NOT NULL`),
    index('search_documents_paper_idx').on(table.paperId),
  ],
);
