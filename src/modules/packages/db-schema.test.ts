import { drizzle } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client';
import { packageInputKeysQuery } from './db-schema';

// A Drizzle instance without a connection: enough to render SQL for review.
const db = drizzle.mock() as unknown as Db;

describe('package input key query (SQL pinned for review)', () => {
  it('reads the key and the inhabil members of several meetings in one statement', () => {
    const query = packageInputKeysQuery(db, [
      '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001',
      '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002',
    ]).toSQL();
    expect(query.sql).toMatchInlineSnapshot(`
      "select "meetings"."id", md5(json_build_array("meetings"."title", extract(epoch from "meetings"."starts_at"), extract(epoch from "meetings"."ends_at"),
          "meetings"."case_number", "organizations"."name", "locations"."description",
          (select json_agg(json_build_array("memberships"."id", "memberships"."role", "memberships"."start_date", "memberships"."end_date", "persons"."name") order by "memberships"."id")
            from "memberships" inner join "persons" on "persons"."id" = "memberships"."person_id"
            where "memberships"."organization_id" = "meetings"."organization_id"),
          (select json_agg(json_build_array("agenda_items"."id", "agenda_items"."parent_id", "agenda_items"."position", "agenda_items"."title",
          "agenda_items"."duration_minutes", "agenda_items"."purpose", "agenda_items"."method", "agenda_items"."responsible",
          "agenda_items"."is_public", "agenda_items"."public_title", "agenda_items"."closed_reason_label", "agenda_items"."closed_reason_text",
          "agenda_items"."note", "agenda_items"."standing_kind",
          "agenda_items"."is_postponed", "agenda_items"."source_number", "agenda_items"."paper_id", (select json_build_array(extract(epoch from "papers"."updated_at"), "paper_organizations"."name", "sender_units"."name",
            (select json_agg(json_build_array("paper_sections"."id", extract(epoch from "paper_sections"."updated_at")) order by "paper_sections"."id")
              from "paper_sections" where "paper_sections"."paper_id" = "papers"."id"),
            (select json_agg(json_build_array("paper_attachments"."id", extract(epoch from "paper_attachments"."updated_at"), "paper_attachments"."file_sha256", "stored_files"."media_type") order by "paper_attachments"."id")
              from "paper_attachments" inner join "stored_files" on "stored_files"."sha256" = "paper_attachments"."file_sha256"
              where "paper_attachments"."paper_id" = "papers"."id"))
          from "papers"
          inner join "organizations" "paper_organizations" on "paper_organizations"."id" = "papers"."organization_id"
          left join "organizations" "sender_units" on "sender_units"."id" = "papers"."sender_unit_id"
          where "papers"."id" = "agenda_items"."paper_id"),
          (select json_agg(json_build_array("agenda_item_attachments"."id", "agenda_item_attachments"."position", "agenda_item_attachments"."title",
            "agenda_item_attachments"."file_name", "agenda_item_attachments"."file_sha256") order by "agenda_item_attachments"."id")
            from "agenda_item_attachments" where "agenda_item_attachments"."agenda_item_id" = "agenda_items"."id"),
          (select json_agg("agenda_item_disqualifications"."person_id" order by "agenda_item_disqualifications"."person_id")
            from "agenda_item_disqualifications" where "agenda_item_disqualifications"."agenda_item_id" = "agenda_items"."id")) order by "agenda_items"."id") from "agenda_items" where "agenda_items"."meeting_id" = "meetings"."id"),
          (select json_agg(json_build_array("agenda_releases"."version", "agenda_releases"."late_reason") order by "agenda_releases"."version")
            from "agenda_releases" where "agenda_releases"."meeting_id" = "meetings"."id" and "agenda_releases"."late_reason" is not null))::text), coalesce((select json_agg(distinct "agenda_item_disqualifications"."person_id")
              from "agenda_item_disqualifications" inner join "agenda_items" on "agenda_items"."id" = "agenda_item_disqualifications"."agenda_item_id"
              where "agenda_items"."meeting_id" = "meetings"."id"), '[]'::json) from "meetings" inner join "organizations" on "organizations"."id" = "meetings"."organization_id" left join "locations" on "locations"."id" = "meetings"."location_id" where "meetings"."id" in ($1, $2)"
    `);
    expect(query.params).toEqual([
      '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001',
      '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0002',
    ]);
  });
});
