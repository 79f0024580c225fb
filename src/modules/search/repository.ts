import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { searchEntityTypes } from './db-schema';

export type SearchEntityType = (typeof searchEntityTypes)[number];

/** What the actor may read, as the access filter in SQL needs it; 'public' for the portal. */
export type SearchAccess =
  | 'public'
  | {
      /** Undefined: every organization. */
      organizationIds: readonly string[] | undefined;
      readsClosed: boolean;
      personId: string | null;
      readsDrafts: boolean;
      readsUnreleasedMinutes: boolean;
      readsUnreleasedItems: boolean;
    };

export type SearchFilter = {
  organizationId?: string;
  /** Local dates, inclusive. */
  from?: string;
  to?: string;
  type?: SearchEntityType;
};

export type SearchRequest = {
  /** A tsquery text from parseSearchQuery (never user text as it is). */
  tsquery: string;
  /** Words for fuzzy name matching; empty for none. */
  nameText: string;
  access: SearchAccess;
  filter: SearchFilter;
  limit: number;
  offset: number;
};

export type SearchRow = {
  entityType: SearchEntityType;
  entityId: string;
  meetingId: string | null;
  paperId: string | null;
  isClosed: boolean;
  title: string;
  /** ts_headline's text with the private-use markers around matches; null when not readable. */
  snippet: string | null;
  score: number;
  day: string | null;
  meetingTitle: string | null;
  meetingDay: string | null;
};

export type SearchRows = {
  total: number;
  organizations: Array<{ id: string; name: string; count: number }>;
  years: Array<{ year: number; count: number }>;
  types: Array<{ type: SearchEntityType; count: number }>;
  rows: SearchRow[];
};

/** Around each match in a snippet; stripped from the text first, so they can only be ts_headline's. */
export const matchStart = '\uE000';
export const matchStop = '\uE001';
const headlineOptions = `StartSel="${matchStart}", StopSel="${matchStop}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** Title (A) counts most, then cover/decision (B), then the rest (C); D is unused. */
const rankWeights = '{0.05, 0.2, 0.5, 1.0}';

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function readableExpression(access: SearchAccess): SQL {
  // The public rows hold only what was published: a closed item's title there is its neutral one.
  if (access === 'public') return sql`true`;
  if (!access.readsClosed) return sql`NOT d.is_closed`;
  if (access.personId === null) return sql`true`;
  return sql`(NOT d.is_closed OR NOT (${access.personId}::uuid = ANY(d.disqualified_person_ids)))`;
}

function accessConditions(access: SearchAccess): SQL[] {
  if (access === 'public') return [sql`d.audience = 'public'`];
  const conditions = [sql`d.audience = 'internal'`];
  if (access.organizationIds !== undefined) {
    conditions.push(
      sql`(d.entity_type IN ('person', 'organization') OR d.organization_id = ANY(${uuidArray(access.organizationIds)}))`,
    );
  }
  if (!access.readsDrafts) conditions.push(sql`NOT d.is_draft`);
  if (!access.readsUnreleasedMinutes) conditions.push(sql`NOT d.is_unreleased_minutes`);
  if (!access.readsUnreleasedItems) conditions.push(sql`NOT d.is_unreleased_item`);
  return conditions;
}

function filterConditions(filter: SearchFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.organizationId !== undefined) {
    conditions.push(sql`d.organization_id = ${filter.organizationId}::uuid`);
  }
  if (filter.from !== undefined) conditions.push(sql`d.day >= ${filter.from}::date`);
  if (filter.to !== undefined) conditions.push(sql`d.day <= ${filter.to}::date`);
  if (filter.type !== undefined) conditions.push(sql`d.entity_type = ${filter.type}`);
  return conditions;
}

/**
 * One statement: the matches the actor may see (access filtered here, not after loading), their
 * total and facets, and one page ranked with snippets. Closed items that the actor may not read
 * match on their neutral title only and get no snippet.
 */
export function searchQuery(request: SearchRequest): SQL {
  const { access, nameText } = request;
  const query = sql`to_tsquery('danish', ${request.tsquery})`;
  const readable = readableExpression(access);
  const hasNames = nameText !== '' && access !== 'public';
  const nameMatch = hasNames
    ? sql`(d.entity_type IN ('person', 'organization') AND d.title %> ${nameText})`
    : sql`false`;
  const nameScore = hasNames
    ? sql`CASE WHEN d.entity_type IN ('person', 'organization') THEN word_similarity(${nameText}, d.title) ELSE 0 END`
    : sql`0`;
  const where = sql.join(
    [
      ...accessConditions(access),
      ...filterConditions(request.filter),
      // Written as one OR of indexed conditions so that the GIN indexes can serve it ...
      sql`(d.tsv @@ ${query} OR (d.neutral_title IS NOT NULL AND d.neutral_tsv @@ ${query}) OR ${nameMatch})`,
      // ... and then narrowed to what the actor may match on.
      sql`(CASE WHEN ${readable} THEN d.tsv @@ ${query} OR ${nameMatch} ELSE d.neutral_tsv @@ ${query} END)`,
    ],
    sql` AND `,
  );
  return sql`WITH m AS MATERIALIZED (
  SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, ${readable} AS readable,
    (CASE WHEN ${readable} THEN ts_rank_cd(${rankWeights}::float4[], d.tsv, ${query})
      ELSE ts_rank_cd(${rankWeights}::float4[], d.neutral_tsv, ${query}) END) + ${nameScore} AS score
  FROM search_documents d
  WHERE ${where}
)
SELECT
  (SELECT count(*)::int FROM m) AS total,
  (SELECT coalesce(json_agg(json_build_object('id', f.organization_id, 'name', o.name, 'count', f.n)
      ORDER BY f.n DESC, o.name), '[]'::json)
    FROM (SELECT organization_id, count(*)::int AS n FROM m
      WHERE organization_id IS NOT NULL GROUP BY organization_id) f
    JOIN organizations o ON o.id = f.organization_id) AS organizations,
  (SELECT coalesce(json_agg(json_build_object('year', f.year, 'count', f.n) ORDER BY f.year DESC), '[]'::json)
    FROM (SELECT year, count(*)::int AS n FROM m WHERE year IS NOT NULL GROUP BY year) f) AS years,
  (SELECT coalesce(json_agg(json_build_object('type', f.entity_type, 'count', f.n)
      ORDER BY f.n DESC, f.entity_type), '[]'::json)
    FROM (SELECT entity_type, count(*)::int AS n FROM m GROUP BY entity_type) f) AS types,
  (SELECT coalesce(json_agg(p ORDER BY p.score DESC, p.day DESC NULLS LAST, p."entityId"), '[]'::json)
    FROM (
      SELECT d.entity_type AS "entityType", d.entity_id AS "entityId", d.meeting_id AS "meetingId",
        d.paper_id AS "paperId", page.score, page.day, d.is_closed AS "isClosed",
        CASE WHEN page.readable THEN d.title ELSE d.neutral_title END AS title,
        CASE WHEN page.readable THEN ts_headline('danish',
          translate(concat_ws(' … ', nullif(d.lead, ''), nullif(d.body, '')), ${matchStart + matchStop}, ''),
          ${query}, ${headlineOptions}) END AS snippet,
        md.title AS "meetingTitle", md.day AS "meetingDay"
      FROM (SELECT * FROM m ORDER BY score DESC, day DESC NULLS LAST, id
        LIMIT ${request.limit} OFFSET ${request.offset}) page
      JOIN search_documents d ON d.id = page.id
      LEFT JOIN search_documents md ON md.audience = d.audience AND md.entity_type = 'meeting'
        AND md.entity_id = d.meeting_id
    ) p) AS rows`;
}

type RawSearchRow = Omit<SearchRows, 'total'> & { total: number | string };

/** Runs searchQuery; both drivers return the json columns parsed. */
export async function selectSearch(db: Db, request: SearchRequest): Promise<SearchRows> {
  // Db is generic over the driver, so the shape both drivers share is stated here.
  const result: unknown = await db.execute(searchQuery(request));
  const row = (result as { rows: RawSearchRow[] }).rows[0]!;
  return { ...row, total: Number(row.total) };
}

/**
 * The same match without access filtering, facets or snippets: a ranked page and the total. The
 * benchmark measures the search against it.
 */
export function bareFullTextQuery(tsquery: string, limit: number): SQL {
  const query = sql`to_tsquery('danish', ${tsquery})`;
  return sql`WITH m AS MATERIALIZED (
  SELECT d.id, ts_rank_cd(${rankWeights}::float4[], d.tsv, ${query}) AS score
  FROM search_documents d WHERE d.audience = 'internal' AND d.tsv @@ ${query}
)
SELECT (SELECT count(*)::int FROM m) AS total,
  (SELECT json_agg(x) FROM (SELECT id, score FROM m ORDER BY score DESC, id LIMIT ${limit}) x) AS rows`;
}
