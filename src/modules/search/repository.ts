import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { inTransaction } from '../../platform/db/transaction';
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
  /** parseSearchQuery's wider query for the index, when the query has phrases. */
  indexTsquery?: string;
  /** parseSearchQuery's phrases that every match must contain. */
  phrases?: readonly string[];
  /**
   * parseSearchQuery's identifiers: a document whose own identifier (the case number or file
   * name its text starts with) is one of them ranks first.
   */
  identifiers?: readonly string[];
  /** parseSearchQuery's item numbers ("punkt 4"): the readable items so numbered rank first. */
  itemNumbers?: readonly string[];
  /** parseSearchQuery's itemRestTsquery: what such an item or its meeting's title must match. */
  itemRestTsquery?: string;
  /** Words for fuzzy name matching; empty for none. */
  nameText: string;
  access: SearchAccess;
  filter: SearchFilter;
  limit: number;
  offset: number;
  /** When totals become estimates; defaultSampling unless a test says otherwise. */
  sampling?: Sampling;
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
  /** An item's number on its agenda ("4", "4.a"). */
  itemNumber: string | null;
  /** The item of a bilag uploaded straight to it; null for a memo's bilag. */
  agendaItemId: string | null;
};

export type SearchRows = {
  /** True when total and facet counts are estimated from a sample (see Sampling). */
  estimated: boolean;
  total: number;
  organizations: Array<{ id: string; name: string; count: number }>;
  years: Array<{ year: number; count: number }>;
  types: Array<{ type: SearchEntityType; count: number }>;
  rows: SearchRow[];
};

/** GROUPING(organization_id, year, entity_type) of each facet's grouping set: the others' bits. */
const byOrganization = 0b011;
const byYear = 0b101;
const byType = 0b110;

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

/**
 * The organisation as the match index (migration 0020) holds it: as a one-element array, so that
 * "any of the actor's organisations" is one index condition (&&) whatever their number.
 */
const organizationKey = sql`ARRAY[d.organization_id]`;

/** People and organisations; spelt as the partial indexes' predicate, so that they are used. */
const directoryEntry = sql`d.entity_type IN ('person', 'organization')`;

/** The organisations the actor may read; undefined for every one (and for the portal). */
function readableOrganizations(access: SearchAccess): readonly string[] | undefined {
  return access === 'public' ? undefined : access.organizationIds;
}

function accessConditions(access: SearchAccess): SQL[] {
  if (access === 'public') return [sql`d.audience = 'public'`];
  const conditions = [sql`d.audience = 'internal'`];
  if (!access.readsDrafts) conditions.push(sql`NOT d.is_draft`);
  if (!access.readsUnreleasedMinutes) conditions.push(sql`NOT d.is_unreleased_minutes`);
  if (!access.readsUnreleasedItems) conditions.push(sql`NOT d.is_unreleased_item`);
  return conditions;
}

function filterConditions(filter: SearchFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.organizationId !== undefined) {
    conditions.push(sql`${organizationKey} && ${uuidArray([filter.organizationId])}`);
  }
  if (filter.from !== undefined) conditions.push(sql`d.day >= ${filter.from}::date`);
  if (filter.to !== undefined) conditions.push(sql`d.day <= ${filter.to}::date`);
  if (filter.type !== undefined) conditions.push(sql`d.entity_type = ${filter.type}`);
  return conditions;
}

/**
 * A required phrase's adjacent word pairs, as the pair index (migration 0021) holds them: the
 * index then reads only documents with every pair, and the phrase itself is checked on those.
 * A phrase without pairs (its words are apart, as around a stopword) adds no condition; both
 * functions are immutable, so the planner folds that test away.
 */
function phrasePairConditions(phrases: readonly string[] = []): SQL[] {
  return phrases.map(
    (phrase) =>
      sql`(search_phrase_pairs(${phrase}) IS NULL OR d.pair_tsv @@ search_phrase_pairs(${phrase}))`,
  );
}

/**
 * How many of the matches are ranked in full (ts_rank_cd); the rest follow in the cheap order.
 * Ranking reads each match's whole tsvector, which made a common word cost seconds.
 */
export const rankedCandidates = 300;

/**
 * The cheap order that picks the candidates: title matches first, then the newest. It reads only
 * columns of the row itself (the title's own small tsvector), never the large tsv.
 */
const candidateOrder = sql`title_hit DESC, day DESC NULLS LAST, id`;

/**
 * SELECT outputs (named as listed) FROM search_documents d WHERE conditions and the text matches.
 * A phrase needs the positions in the tsv, and as an index condition it would be rechecked on
 * every row the index yields, before the access filter; so the index gets the phrase's words
 * (indexTsquery), and the phrase is checked outside the scan (OFFSET 0 keeps it there), on the
 * rows that passed the cheap conditions only; not at all when stopwords left no phrase.
 */
function selectMatches(
  tsquery: string,
  indexTsquery: string | undefined,
  outputs: ReadonlyArray<readonly [name: string, value: SQL]>,
  conditions: readonly SQL[],
): SQL {
  const columns = sql.join(
    outputs.map(([name, value]) => sql`${value} AS ${sql.identifier(name)}`),
    sql`, `,
  );
  const match = (text: string) => sql`d.tsv @@ to_tsquery('danish', ${text})`;
  // Stopwords alone ("og -skole") leave a query the index cannot answer ('T'), which would read
  // and match nearly every document; it finds nothing instead. Folded to a constant when planned.
  const indexable = sql`querytree(to_tsquery('danish', ${tsquery})) <> 'T'`;
  if (indexTsquery === undefined) {
    return sql`SELECT ${columns} FROM search_documents d
    WHERE ${sql.join([indexable, ...conditions, match(tsquery)], sql` AND `)}`;
  }
  const names = sql.join(
    outputs.map(([name]) => sql.identifier(name)),
    sql`, `,
  );
  return sql`SELECT ${names} FROM (SELECT ${columns}, d.tsv FROM search_documents d
      WHERE ${sql.join([indexable, ...conditions, match(indexTsquery)], sql` AND `)} OFFSET 0) d
    WHERE to_tsquery('danish', ${tsquery})::text = to_tsquery('danish', ${indexTsquery})::text
      OR ${match(tsquery)}`;
}

/**
 * Counting every match of a common word means reading every matching row (a secretary's search
 * for "kommune" matches 160,000 of 250,000 documents). So the matches are first counted in a
 * sample: the documents in some of the sixteen sample groups (by their id's hash, and in the
 * match index, so only the sample's rows are read). When that predicts more than `above` matches,
 * total and facets are the sample's counts scaled up (estimated), and the candidates are the
 * newest matches read in date order from the day index, which finds them after a few hundred
 * rows. Otherwise everything is counted exactly. The candidates, and so the page, are the same in
 * both cases.
 */
export type Sampling = { groups: number; above: number };
export const sampleGroupCount = 16;
export const defaultSampling: Sampling = { groups: 1, above: 10_000 };

/**
 * One statement: the matches the actor may see (access filtered here, not after loading), their
 * total and facets, and one page ranked with snippets. Closed items that the actor may not read
 * match on their neutral title only and get no snippet. Only the first rankedCandidates matches
 * in candidateOrder are ranked by ts_rank_cd (at least the page), so for huge result sets the
 * ranking is approximate: an old match outside the candidates ranks after them whatever its score.
 */
export function searchQuery(request: SearchRequest): SQL {
  const { access, nameText } = request;
  const sampling = request.sampling ?? defaultSampling;
  const query = sql`to_tsquery('danish', ${request.tsquery})`;
  const readable = readableExpression(access);
  const hasNames = nameText !== '' && access !== 'public';
  const nameMatch = hasNames ? sql`(${directoryEntry} AND d.title %> ${nameText})` : sql`false`;
  const nameScore = hasNames
    ? sql`CASE WHEN ${directoryEntry} THEN word_similarity(${nameText}, d.title) ELSE 0 END`
    : sql`0`;
  const identifiers = request.identifiers ?? [];
  // The index rows of papers, items and bilag begin with their case number or file name.
  const identifierScore =
    identifiers.length > 0
      ? sql` + CASE WHEN c.readable AND lower(split_part(d.body, E'\n', 1)) IN (${sql.join(
          identifiers.map((identifier) => sql`${identifier}`),
          sql`, `,
        )}) THEN 1 ELSE 0 END`
      : sql``;
  const itemNumbers = access === 'public' ? [] : (request.itemNumbers ?? []);
  const itemNumberList = sql.join(
    itemNumbers.map((itemNumber) => sql`${itemNumber}`),
    sql`, `,
  );
  const itemNumberScore =
    itemNumbers.length > 0
      ? sql` + CASE WHEN c.readable AND d.item_number IN (${itemNumberList}) THEN 1 ELSE 0 END`
      : sql``;
  const common = [...accessConditions(access), ...filterConditions(request.filter)];
  const organizations = readableOrganizations(access);
  // People and organisations belong to no organisation and are listed for every internal reader.
  const inOrganizations =
    organizations === undefined ? [] : [sql`${organizationKey} && ${uuidArray(organizations)}`];
  const outputs = (['id', 'entity_type', 'organization_id', 'year', 'day'] as const).map(
    (name) => [name, sql`d.${sql.identifier(name)}`] as const,
  );
  const titleHit = sql`d.title_tsv @@ ${query} OR ${nameMatch}`;
  const readableOutputs = [...outputs, ['readable', sql`true`], ['title_hit', titleHit]] as const;
  const columns = sql`d.id, d.entity_type, d.organization_id, d.year, d.day`;
  const phrasePairs = phrasePairConditions(request.phrases);
  const readableConditions = [...common, ...inOrganizations, readable, ...phrasePairs];

  /** The branches after the first: few rows each, by their own small indexes. */
  const smallBranches = (extra: readonly SQL[]): SQL[] => {
    const branches: SQL[] = [];
    if (organizations !== undefined) {
      // People and organisations (never closed) for an actor limited to some organisations: by
      // their own small partial index, as the organisation condition leaves them out.
      branches.push(
        selectMatches(request.tsquery, request.indexTsquery, readableOutputs, [
          ...common,
          directoryEntry,
          ...phrasePairs,
          ...extra,
        ]),
      );
    }
    if (access !== 'public') {
      // A closed item the actor may not read: only its neutral title, which is all its title.
      branches.push(sql`SELECT ${columns}, false, true
    FROM search_documents d
    WHERE ${sql.join(
      [
        ...common,
        ...inOrganizations,
        sql`d.neutral_title IS NOT NULL AND d.neutral_tsv @@ ${query}`,
        sql`NOT ${readable}`,
        ...extra,
      ],
      sql` AND `,
    )}`);
    }
    if (itemNumbers.length > 0) {
      // "punkt 4": the readable items so numbered that the text did not match already, with the
      // other words in their own text or their meeting's title ("punkt 4 økonomiudvalget"). Only
      // items carry a number, by their own small index.
      const rest =
        request.itemRestTsquery === undefined
          ? []
          : [
              sql`(numnode(to_tsquery('danish', ${request.itemRestTsquery})) = 0
      OR (d.tsv || coalesce((SELECT md.title_tsv FROM search_documents md
        WHERE md.audience = 'internal' AND md.entity_type = 'meeting' AND md.entity_id = d.meeting_id),
        ''::tsvector)) @@ to_tsquery('danish', ${request.itemRestTsquery}))`,
            ];
      branches.push(sql`SELECT ${columns}, true, true
    FROM search_documents d
    WHERE ${sql.join(
      [
        ...common,
        ...inOrganizations,
        readable,
        sql`d.item_number IN (${itemNumberList})`,
        sql`NOT d.tsv @@ ${query}`,
        ...rest,
        ...extra,
      ],
      sql` AND `,
    )}`);
    }
    if (hasNames) {
      // Names spelt wrong; people and organisations are never closed.
      branches.push(sql`SELECT ${columns}, true, true
    FROM search_documents d
    WHERE ${sql.join([...common, nameMatch, sql`NOT d.tsv @@ ${query}`, ...extra], sql` AND `)}`);
    }
    return branches;
  };
  // Disjoint branches, each a plain indexed match, so that the index condition is the whole
  // match and the large tsv is not read again for every matching row (one OR of them was).
  const allMatches = (extra: readonly SQL[]) =>
    sql.join(
      [
        // What the actor may read, matched on all its text (people and organisations also by name).
        selectMatches(request.tsquery, request.indexTsquery, readableOutputs, [
          ...readableConditions,
          ...extra,
        ]),
        ...smallBranches(extra),
      ],
      sql`\n  UNION ALL\n  `,
    );
  const candidateCount = Math.max(rankedCandidates, request.offset + request.limit);
  const sampleGroups = Array.from({ length: sampling.groups }, (_, group) => group);
  const scale = sampleGroupCount / sampling.groups;
  const estimated = sql`(SELECT n FROM sample_size) * ${scale} > ${sampling.above}`;
  // The newest readable matches, in the day index's order, read until `candidateCount` are found.
  const newest = (...extra: SQL[]) => sql`(SELECT ${sql.join(
    readableOutputs.map(([name, value]) => sql`${value} AS ${sql.identifier(name)}`),
    sql`, `,
  )}
    FROM search_documents d
    WHERE ${sql.join([...readableConditions, estimated, ...extra, sql`d.tsv @@ ${query}`], sql` AND `)}
    ORDER BY d.day DESC NULLS LAST, d.id LIMIT ${candidateCount})`;
  return sql`WITH s AS MATERIALIZED (
  ${allMatches([sql`ARRAY[d.sample_group] && ${sql`${`{${sampleGroups.join(',')}}`}::smallint[]`}`])}
),
sample_size AS MATERIALIZED (SELECT count(*) AS n FROM s),
m AS MATERIALIZED (
  ${allMatches([sql`NOT (${estimated})`])}
),
-- Only when estimated: the candidates (title matches first, then the newest), without reading
-- every match; people, organisations, neutral titles and names are few and read in full.
newest AS MATERIALIZED (
  ${newest(sql`d.title_tsv @@ ${query}`)}
  UNION
  ${newest()}
  ${sql.join(
    smallBranches([estimated]).map((branch) => sql`UNION ALL ${branch}`),
    sql`\n  `,
  )}
),
c AS (
  SELECT id, day, readable, row_number() OVER (ORDER BY ${candidateOrder}) AS candidate
  FROM (SELECT * FROM m UNION ALL SELECT * FROM newest
    ORDER BY ${candidateOrder} LIMIT ${candidateCount}) top
),
-- The facets in one pass over the matches, or over the sample when estimated; facet tells the
-- grouping sets apart (GROUPING()).
f AS MATERIALIZED (
  SELECT organization_id, year, entity_type,
    (count(*) * CASE WHEN ${estimated} THEN ${scale} ELSE 1 END)::int AS n,
    GROUPING(organization_id, year, entity_type) AS facet
  FROM (SELECT organization_id, year, entity_type FROM m
    UNION ALL SELECT organization_id, year, entity_type FROM s WHERE ${estimated}) counted
  GROUP BY GROUPING SETS ((organization_id), (year), (entity_type))
),
ranked AS (
  SELECT c.id, c.day, c.readable, c.candidate <= ${rankedCandidates} AS ranked_first, c.candidate,
    (CASE WHEN c.readable THEN ts_rank_cd(${rankWeights}::float4[], d.tsv, ${query})
      ELSE ts_rank_cd(${rankWeights}::float4[], d.neutral_tsv, ${query}) END) + ${nameScore}${identifierScore}${itemNumberScore} AS score
  FROM c JOIN search_documents d ON d.id = c.id
)
SELECT
  ${estimated} AS estimated,
  (SELECT coalesce(sum(n), 0)::int FROM f WHERE f.facet = ${byType}) AS total,
  (SELECT coalesce(json_agg(json_build_object('id', f.organization_id, 'name', o.name, 'count', f.n)
      ORDER BY f.n DESC, o.name), '[]'::json)
    FROM f JOIN organizations o ON o.id = f.organization_id
    WHERE f.facet = ${byOrganization}) AS organizations,
  (SELECT coalesce(json_agg(json_build_object('year', f.year, 'count', f.n) ORDER BY f.year DESC), '[]'::json)
    FROM f WHERE f.facet = ${byYear} AND f.year IS NOT NULL) AS years,
  (SELECT coalesce(json_agg(json_build_object('type', f.entity_type, 'count', f.n)
      ORDER BY f.n DESC, f.entity_type), '[]'::json)
    FROM f WHERE f.facet = ${byType}) AS types,
  (SELECT coalesce(json_agg(p ORDER BY p.position), '[]'::json)
    FROM (
      SELECT d.entity_type AS "entityType", d.entity_id AS "entityId", d.meeting_id AS "meetingId",
        d.paper_id AS "paperId", page.score, page.day, d.is_closed AS "isClosed",
        CASE WHEN page.readable THEN d.title ELSE d.neutral_title END AS title,
        CASE WHEN page.readable THEN ts_headline('danish',
          translate(concat_ws(' … ', nullif(d.lead, ''), nullif(d.body, '')), ${matchStart + matchStop}, ''),
          ${query}, ${headlineOptions}) END AS snippet,
        md.title AS "meetingTitle", md.day AS "meetingDay", d.item_number AS "itemNumber",
        d.agenda_item_id AS "agendaItemId", page.position
      FROM (SELECT id, day, readable, score, row_number() OVER (ORDER BY ranked_first DESC,
          CASE WHEN ranked_first THEN score END DESC NULLS LAST, candidate) AS position
        FROM ranked ORDER BY position LIMIT ${request.limit} OFFSET ${request.offset}) page
      JOIN search_documents d ON d.id = page.id
      LEFT JOIN search_documents md ON md.audience = d.audience AND md.entity_type = 'meeting'
        AND md.entity_id = d.meeting_id
    ) p) AS rows`;
}

type RawSearchRow = Omit<SearchRows, 'total'> & { total: number | string };

/**
 * Runs a search statement in a transaction of its own that keeps the planner on the indexes.
 * For a common word it would otherwise read the whole table instead of the GIN bitmap (it does
 * not count the cost of reading each row's large, out-of-line tsv), and so test the tsv of every
 * row: three times slower at 250,000 documents. random_page_cost at the SSD value is not enough.
 */
async function executeSearch(db: Db, statement: SQL): Promise<unknown> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    await tx.execute(sql`SET LOCAL random_page_cost = 1.1`);
    // The matches of a common word (160,000 at 250,000 documents, 15 MB) stay in memory.
    await tx.execute(sql`SET LOCAL work_mem = '32MB'`);
    // One core per search: parallel workers made a date-order scan several times slower under
    // load, and concurrent searches use the cores anyway.
    await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
    return tx.execute(statement);
  });
}

/** Runs searchQuery; both drivers return the json columns parsed. */
export async function selectSearch(db: Db, request: SearchRequest): Promise<SearchRows> {
  // Db is generic over the driver, so the shape both drivers share is stated here.
  const result = await executeSearch(db, searchQuery(request));
  const row = (result as { rows: RawSearchRow[] }).rows[0]!;
  return { ...row, total: Number(row.total) };
}

/**
 * The same match without access filtering, facets or snippets: a page ranked the same way (the
 * candidates by the cheap order, those ranked by ts_rank_cd) and the total. The benchmark
 * measures the search against it.
 */
export function bareFullTextQuery(
  tsquery: string,
  indexTsquery: string | undefined,
  phrases: readonly string[],
  limit: number,
): SQL {
  const query = sql`to_tsquery('danish', ${tsquery})`;
  const matches = selectMatches(
    tsquery,
    indexTsquery,
    [
      ['id', sql`d.id`],
      ['day', sql`d.day`],
      ['title_hit', sql`d.title_tsv @@ ${query}`],
    ],
    [sql`d.audience = 'internal'`, ...phrasePairConditions(phrases)],
  );
  return sql`WITH m AS MATERIALIZED (
  ${matches}
),
c AS (SELECT id FROM m ORDER BY ${candidateOrder} LIMIT ${Math.max(rankedCandidates, limit)})
SELECT (SELECT count(*)::int FROM m) AS total,
  (SELECT json_agg(x) FROM (
    SELECT c.id, ts_rank_cd(${rankWeights}::float4[], d.tsv, ${query}) AS score
    FROM c JOIN search_documents d ON d.id = c.id ORDER BY score DESC, c.id LIMIT ${limit}) x) AS rows`;
}

/** Runs bareFullTextQuery the way selectSearch runs the search; returns the total. */
export async function selectBareFullText(
  db: Db,
  tsquery: string,
  indexTsquery: string | undefined,
  phrases: readonly string[],
  limit: number,
): Promise<number> {
  const result = await executeSearch(db, bareFullTextQuery(tsquery, indexTsquery, phrases, limit));
  return Number((result as { rows: Array<{ total: number | string }> }).rows[0]!.total);
}
