import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { searchQuery } from './repository';

const dialect = new PgDialect();

describe('search query (SQL pinned for review)', () => {
  it('filters a participant by organization, closed items, drafts and releases in SQL', () => {
    const query = dialect.sqlToQuery(
      searchQuery({
        tsquery: "'bevilling':*",
        nameText: 'bevilling',
        access: {
          organizationIds: ['7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001'],
          readsClosed: true,
          personId: '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002',
          readsDrafts: false,
          readsUnreleasedMinutes: false,
          readsUnreleasedItems: false,
        },
        filter: { from: '2024-01-01', to: '2024-12-31', type: 'item' },
        limit: 20,
        offset: 20,
      }),
    );
    expect(query.sql).toMatchInlineSnapshot(`
      "WITH s AS MATERIALIZED (
        SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $1) OR (d.entity_type IN ('person', 'organization') AND d.title %> $2) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $3)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $4::date AND d.day <= $5::date AND d.entity_type = $6 AND ARRAY[d.organization_id] && $7::uuid[] AND (NOT d.is_closed OR NOT ($8::uuid = ANY(d.disqualified_person_ids))) AND ARRAY[d.sample_group] && $9::smallint[] AND d.tsv @@ to_tsquery('danish', $10)
        UNION ALL
        SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $11) OR (d.entity_type IN ('person', 'organization') AND d.title %> $12) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $13)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $14::date AND d.day <= $15::date AND d.entity_type = $16 AND d.entity_type IN ('person', 'organization') AND ARRAY[d.sample_group] && $17::smallint[] AND d.tsv @@ to_tsquery('danish', $18)
        UNION ALL
        SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, false, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $19::date AND d.day <= $20::date AND d.entity_type = $21 AND ARRAY[d.organization_id] && $22::uuid[] AND d.neutral_title IS NOT NULL AND d.neutral_tsv @@ to_tsquery('danish', $23) AND NOT (NOT d.is_closed OR NOT ($24::uuid = ANY(d.disqualified_person_ids))) AND ARRAY[d.sample_group] && $25::smallint[]
        UNION ALL
        SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, true, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $26::date AND d.day <= $27::date AND d.entity_type = $28 AND (d.entity_type IN ('person', 'organization') AND d.title %> $29) AND NOT d.tsv @@ to_tsquery('danish', $30) AND ARRAY[d.sample_group] && $31::smallint[]
      ),
      sample_size AS MATERIALIZED (SELECT count(*) AS n FROM s),
      m AS MATERIALIZED (
        SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $32) OR (d.entity_type IN ('person', 'organization') AND d.title %> $33) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $34)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $35::date AND d.day <= $36::date AND d.entity_type = $37 AND ARRAY[d.organization_id] && $38::uuid[] AND (NOT d.is_closed OR NOT ($39::uuid = ANY(d.disqualified_person_ids))) AND NOT ((SELECT n FROM sample_size) * $40 > $41) AND d.tsv @@ to_tsquery('danish', $42)
        UNION ALL
        SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $43) OR (d.entity_type IN ('person', 'organization') AND d.title %> $44) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $45)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $46::date AND d.day <= $47::date AND d.entity_type = $48 AND d.entity_type IN ('person', 'organization') AND NOT ((SELECT n FROM sample_size) * $49 > $50) AND d.tsv @@ to_tsquery('danish', $51)
        UNION ALL
        SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, false, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $52::date AND d.day <= $53::date AND d.entity_type = $54 AND ARRAY[d.organization_id] && $55::uuid[] AND d.neutral_title IS NOT NULL AND d.neutral_tsv @@ to_tsquery('danish', $56) AND NOT (NOT d.is_closed OR NOT ($57::uuid = ANY(d.disqualified_person_ids))) AND NOT ((SELECT n FROM sample_size) * $58 > $59)
        UNION ALL
        SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, true, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $60::date AND d.day <= $61::date AND d.entity_type = $62 AND (d.entity_type IN ('person', 'organization') AND d.title %> $63) AND NOT d.tsv @@ to_tsquery('danish', $64) AND NOT ((SELECT n FROM sample_size) * $65 > $66)
      ),
      -- Only when estimated: the candidates (title matches first, then the newest), without reading
      -- every match; people, organisations, neutral titles and names are few and read in full.
      newest AS MATERIALIZED (
        (SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $67) OR (d.entity_type IN ('person', 'organization') AND d.title %> $68) AS "title_hit"
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $69::date AND d.day <= $70::date AND d.entity_type = $71 AND ARRAY[d.organization_id] && $72::uuid[] AND (NOT d.is_closed OR NOT ($73::uuid = ANY(d.disqualified_person_ids))) AND (SELECT n FROM sample_size) * $74 > $75 AND d.title_tsv @@ to_tsquery('danish', $76) AND d.tsv @@ to_tsquery('danish', $77)
          ORDER BY d.day DESC NULLS LAST, d.id LIMIT $78)
        UNION
        (SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $79) OR (d.entity_type IN ('person', 'organization') AND d.title %> $80) AS "title_hit"
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $81::date AND d.day <= $82::date AND d.entity_type = $83 AND ARRAY[d.organization_id] && $84::uuid[] AND (NOT d.is_closed OR NOT ($85::uuid = ANY(d.disqualified_person_ids))) AND (SELECT n FROM sample_size) * $86 > $87 AND d.tsv @@ to_tsquery('danish', $88)
          ORDER BY d.day DESC NULLS LAST, d.id LIMIT $89)
        UNION ALL SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $90) OR (d.entity_type IN ('person', 'organization') AND d.title %> $91) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $92)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $93::date AND d.day <= $94::date AND d.entity_type = $95 AND d.entity_type IN ('person', 'organization') AND (SELECT n FROM sample_size) * $96 > $97 AND d.tsv @@ to_tsquery('danish', $98)
        UNION ALL SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, false, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $99::date AND d.day <= $100::date AND d.entity_type = $101 AND ARRAY[d.organization_id] && $102::uuid[] AND d.neutral_title IS NOT NULL AND d.neutral_tsv @@ to_tsquery('danish', $103) AND NOT (NOT d.is_closed OR NOT ($104::uuid = ANY(d.disqualified_person_ids))) AND (SELECT n FROM sample_size) * $105 > $106
        UNION ALL SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, true, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $107::date AND d.day <= $108::date AND d.entity_type = $109 AND (d.entity_type IN ('person', 'organization') AND d.title %> $110) AND NOT d.tsv @@ to_tsquery('danish', $111) AND (SELECT n FROM sample_size) * $112 > $113
      ),
      c AS (
        SELECT id, day, readable, row_number() OVER (ORDER BY title_hit DESC, day DESC NULLS LAST, id) AS candidate
        FROM (SELECT * FROM m UNION ALL SELECT * FROM newest
          ORDER BY title_hit DESC, day DESC NULLS LAST, id LIMIT $114) top
      ),
      -- The facets in one pass over the matches, or over the sample when estimated; facet tells the
      -- grouping sets apart (GROUPING()).
      f AS MATERIALIZED (
        SELECT organization_id, year, entity_type,
          (count(*) * CASE WHEN (SELECT n FROM sample_size) * $115 > $116 THEN $117 ELSE 1 END)::int AS n,
          GROUPING(organization_id, year, entity_type) AS facet
        FROM (SELECT organization_id, year, entity_type FROM m
          UNION ALL SELECT organization_id, year, entity_type FROM s WHERE (SELECT n FROM sample_size) * $118 > $119) counted
        GROUP BY GROUPING SETS ((organization_id), (year), (entity_type))
      ),
      ranked AS (
        SELECT c.id, c.day, c.readable, c.candidate <= $120 AS ranked_first, c.candidate,
          (CASE WHEN c.readable THEN ts_rank_cd($121::float4[], d.tsv, to_tsquery('danish', $122))
            ELSE ts_rank_cd($123::float4[], d.neutral_tsv, to_tsquery('danish', $124)) END) + CASE WHEN d.entity_type IN ('person', 'organization') THEN word_similarity($125, d.title) ELSE 0 END AS score
        FROM c JOIN search_documents d ON d.id = c.id
      )
      SELECT
        (SELECT n FROM sample_size) * $126 > $127 AS estimated,
        (SELECT coalesce(sum(n), 0)::int FROM f WHERE f.facet = $128) AS total,
        (SELECT coalesce(json_agg(json_build_object('id', f.organization_id, 'name', o.name, 'count', f.n)
            ORDER BY f.n DESC, o.name), '[]'::json)
          FROM f JOIN organizations o ON o.id = f.organization_id
          WHERE f.facet = $129) AS organizations,
        (SELECT coalesce(json_agg(json_build_object('year', f.year, 'count', f.n) ORDER BY f.year DESC), '[]'::json)
          FROM f WHERE f.facet = $130 AND f.year IS NOT NULL) AS years,
        (SELECT coalesce(json_agg(json_build_object('type', f.entity_type, 'count', f.n)
            ORDER BY f.n DESC, f.entity_type), '[]'::json)
          FROM f WHERE f.facet = $131) AS types,
        (SELECT coalesce(json_agg(p ORDER BY p.position), '[]'::json)
          FROM (
            SELECT d.entity_type AS "entityType", d.entity_id AS "entityId", d.meeting_id AS "meetingId",
              d.paper_id AS "paperId", page.score, page.day, d.is_closed AS "isClosed",
              CASE WHEN page.readable THEN d.title ELSE d.neutral_title END AS title,
              CASE WHEN page.readable THEN ts_headline('danish',
                translate(concat_ws(' … ', nullif(d.lead, ''), nullif(d.body, '')), $132, ''),
                to_tsquery('danish', $133), $134) END AS snippet,
              md.title AS "meetingTitle", md.day AS "meetingDay", d.item_number AS "itemNumber",
              d.agenda_item_id AS "agendaItemId", page.position
            FROM (SELECT id, day, readable, score, row_number() OVER (ORDER BY ranked_first DESC,
                CASE WHEN ranked_first THEN score END DESC NULLS LAST, candidate) AS position
              FROM ranked ORDER BY position LIMIT $135 OFFSET $136) page
            JOIN search_documents d ON d.id = page.id
            LEFT JOIN search_documents md ON md.audience = d.audience AND md.entity_type = 'meeting'
              AND md.entity_id = d.meeting_id
          ) p) AS rows"
    `);
    expect(query.params).toMatchInlineSnapshot(`
      [
        "'bevilling':*",
        "bevilling",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        "{0}",
        "'bevilling':*",
        "'bevilling':*",
        "bevilling",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{0}",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "'bevilling':*",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        "{0}",
        "2024-01-01",
        "2024-12-31",
        "item",
        "bevilling",
        "'bevilling':*",
        "{0}",
        "'bevilling':*",
        "bevilling",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        16,
        10000,
        "'bevilling':*",
        "'bevilling':*",
        "bevilling",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        16,
        10000,
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "'bevilling':*",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        16,
        10000,
        "2024-01-01",
        "2024-12-31",
        "item",
        "bevilling",
        "'bevilling':*",
        16,
        10000,
        "'bevilling':*",
        "bevilling",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        16,
        10000,
        "'bevilling':*",
        "'bevilling':*",
        300,
        "'bevilling':*",
        "bevilling",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        16,
        10000,
        "'bevilling':*",
        300,
        "'bevilling':*",
        "bevilling",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        16,
        10000,
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "'bevilling':*",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        16,
        10000,
        "2024-01-01",
        "2024-12-31",
        "item",
        "bevilling",
        "'bevilling':*",
        16,
        10000,
        300,
        16,
        10000,
        16,
        16,
        10000,
        300,
        "{0.05, 0.2, 0.5, 1.0}",
        "'bevilling':*",
        "{0.05, 0.2, 0.5, 1.0}",
        "'bevilling':*",
        "bevilling",
        16,
        10000,
        6,
        3,
        5,
        6,
        "",
        "'bevilling':*",
        "StartSel="", StopSel="", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "",
        20,
        20,
      ]
    `);
  });

  it('reads only public rows for the portal, with no access columns and no names', () => {
    const query = dialect.sqlToQuery(
      searchQuery({
        tsquery: "'skole':*",
        nameText: 'skole',
        access: 'public',
        filter: {},
        limit: 20,
        offset: 0,
      }),
    );
    expect(query.sql).toContain("d.audience = 'public'");
    expect(query.sql).not.toContain('is_closed OR');
    expect(query.sql).not.toContain('%>');
  });
});
