import { drizzle } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client';
import { meetingsQuery, positionsUpdate } from './repository';

// A Drizzle instance without a connection: enough to render SQL for review.
const db = drizzle.mock() as unknown as Db;

describe('meeting queries (SQL pinned for review)', () => {
  it('lists meetings in a range for some organizations, ordered by start', () => {
    const query = meetingsQuery(db, {
      from: new Date('2023-10-31T23:00:00Z'),
      to: new Date('2023-11-30T23:00:00Z'),
      organizationIds: ['7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001'],
    }).toSQL();
    expect(query.sql).toMatchInlineSnapshot(
      `"select "meetings"."id", "meetings"."organization_id", "meetings"."title", "meetings"."starts_at", "meetings"."ends_at", "meetings"."location_id", "meetings"."case_number", "meetings"."status", "meetings"."secretariat_contact_id", "meetings"."started_at", "meetings"."ended_at", "meetings"."minutes_released_at", "meetings"."minutes_approved_at", "meetings"."minutes_approved_by_item_id", "meetings"."created_at", "meetings"."updated_at", "meeting_organizations"."name", "meeting_locations"."description" from "meetings" inner join "meeting_organizations" on "meeting_organizations"."id" = "meetings"."organization_id" left join "meeting_locations" on "meeting_locations"."id" = "meetings"."location_id" where ("meetings"."starts_at" >= $1 and "meetings"."starts_at" < $2 and "meetings"."organization_id" in ($3)) order by "meetings"."starts_at" asc, "meetings"."id" asc"`,
    );
    expect(query.params).toEqual([
      '2023-10-31T23:00:00.000Z',
      '2023-11-30T23:00:00.000Z',
      '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001',
    ]);
  });

  it('renumbers siblings in one UPDATE', () => {
    const query = positionsUpdate(
      db,
      ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'],
      new Date('2023-11-01T00:00:00Z'),
    ).toSQL();
    expect(query.sql).toMatchInlineSnapshot(
      `"update "agenda_items" set "position" = CASE "agenda_items"."id" WHEN $1::uuid THEN $2::integer WHEN $3::uuid THEN $4::integer END, "updated_at" = $5 where "agenda_items"."id" in ($6, $7)"`,
    );
  });
});
