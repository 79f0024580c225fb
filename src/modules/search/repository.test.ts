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
      "WITH m AS MATERIALIZED (
        SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $1) OR (d.entity_type IN ('person', 'organization') AND d.title %> $2) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $3)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $4::date AND d.day <= $5::date AND d.entity_type = $6 AND ARRAY[d.organization_id] && $7::uuid[] AND (NOT d.is_closed OR NOT ($8::uuid = ANY(d.disqualified_person_ids))) AND d.tsv @@ to_tsquery('danish', $9)
        UNION ALL
        SELECT d."id" AS "id", d."entity_type" AS "entity_type", d."organization_id" AS "organization_id", d."year" AS "year", d."day" AS "day", true AS "readable", d.title_tsv @@ to_tsquery('danish', $10) OR (d.entity_type IN ('person', 'organization') AND d.title %> $11) AS "title_hit" FROM search_documents d
          WHERE querytree(to_tsquery('danish', $12)) <> 'T' AND d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $13::date AND d.day <= $14::date AND d.entity_type = $15 AND d.entity_type IN ('person', 'organization') AND d.tsv @@ to_tsquery('danish', $16)
        UNION ALL
        SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, false, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $17::date AND d.day <= $18::date AND d.entity_type = $19 AND ARRAY[d.organization_id] && $20::uuid[] AND d.neutral_title IS NOT NULL AND d.neutral_tsv @@ to_tsquery('danish', $21) AND NOT (NOT d.is_closed OR NOT ($22::uuid = ANY(d.disqualified_person_ids)))
        UNION ALL
        SELECT d.id, d.entity_type, d.organization_id, d.year, d.day, true, true
          FROM search_documents d
          WHERE d.audience = 'internal' AND NOT d.is_draft AND NOT d.is_unreleased_minutes AND NOT d.is_unreleased_item AND d.day >= $23::date AND d.day <= $24::date AND d.entity_type = $25 AND (d.entity_type IN ('person', 'organization') AND d.title %> $26) AND NOT d.tsv @@ to_tsquery('danish', $27)
      ),
      c AS (
        SELECT id, day, readable, row_number() OVER (ORDER BY title_hit DESC, day DESC NULLS LAST, id) AS candidate
        FROM (SELECT * FROM m ORDER BY title_hit DESC, day DESC NULLS LAST, id LIMIT $28) top
      ),
      -- The facets in one pass over the matches; facet tells the grouping sets apart (GROUPING()).
      f AS MATERIALIZED (
        SELECT organization_id, year, entity_type, count(*)::int AS n,
          GROUPING(organization_id, year, entity_type) AS facet
        FROM m GROUP BY GROUPING SETS ((organization_id), (year), (entity_type))
      ),
      ranked AS (
        SELECT c.id, c.day, c.readable, c.candidate <= $29 AS ranked_first, c.candidate,
          (CASE WHEN c.readable THEN ts_rank_cd($30::float4[], d.tsv, to_tsquery('danish', $31))
            ELSE ts_rank_cd($32::float4[], d.neutral_tsv, to_tsquery('danish', $33)) END) + CASE WHEN d.entity_type IN ('person', 'organization') THEN word_similarity($34, d.title) ELSE 0 END AS score
        FROM c JOIN search_documents d ON d.id = c.id
      )
      SELECT
        (SELECT coalesce(sum(n), 0)::int FROM f WHERE f.facet = $35) AS total,
        (SELECT coalesce(json_agg(json_build_object('id', f.organization_id, 'name', o.name, 'count', f.n)
            ORDER BY f.n DESC, o.name), '[]'::json)
          FROM f JOIN organizations o ON o.id = f.organization_id
          WHERE f.facet = $36) AS organizations,
        (SELECT coalesce(json_agg(json_build_object('year', f.year, 'count', f.n) ORDER BY f.year DESC), '[]'::json)
          FROM f WHERE f.facet = $37 AND f.year IS NOT NULL) AS years,
        (SELECT coalesce(json_agg(json_build_object('type', f.entity_type, 'count', f.n)
            ORDER BY f.n DESC, f.entity_type), '[]'::json)
          FROM f WHERE f.facet = $38) AS types,
        (SELECT coalesce(json_agg(p ORDER BY p.position), '[]'::json)
          FROM (
            SELECT d.entity_type AS "entityType", d.entity_id AS "entityId", d.meeting_id AS "meetingId",
              d.paper_id AS "paperId", page.score, page.day, d.is_closed AS "isClosed",
              CASE WHEN page.readable THEN d.title ELSE d.neutral_title END AS title,
              CASE WHEN page.readable THEN ts_headline('danish',
                translate(concat_ws(' … ', nullif(d.lead, ''), nullif(d.body, '')), $39, ''),
                to_tsquery('danish', $40), $41) END AS snippet,
              md.title AS "meetingTitle", md.day AS "meetingDay", page.position
            FROM (SELECT id, day, readable, score, row_number() OVER (ORDER BY ranked_first DESC,
                CASE WHEN ranked_first THEN score END DESC NULLS LAST, candidate) AS position
              FROM ranked ORDER BY position LIMIT $42 OFFSET $43) page
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
        "'bevilling':*",
        "'bevilling':*",
        "bevilling",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "'bevilling':*",
        "2024-01-01",
        "2024-12-31",
        "item",
        "{7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001}",
        "'bevilling':*",
        "7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002",
        "2024-01-01",
        "2024-12-31",
        "item",
        "bevilling",
        "'bevilling':*",
        300,
        300,
        "{0.05, 0.2, 0.5, 1.0}",
        "'bevilling':*",
        "{0.05, 0.2, 0.5, 1.0}",
        "'bevilling':*",
        "bevilling",
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
