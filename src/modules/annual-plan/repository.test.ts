import { drizzle } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client';
import { casesToCouncilQuery } from './repository';

// A Drizzle instance without a connection: enough to render SQL for review.
const db = drizzle.mock() as unknown as Db;

describe('annual plan queries (SQL pinned for review)', () => {
  it('lists treatments in the magistrat or city council from a date, of visible released papers', () => {
    const query = casesToCouncilQuery(db, {
      from: '2023-11-15',
      paperOrganizationIds: ['7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001'],
      releasedOnly: true,
    }).toSQL();
    expect(query.sql).toMatchInlineSnapshot(
      `"select "planned_treatments"."id", "planned_treatments"."paper_id", "planned_treatments"."organization_id", "planned_treatments"."planned_date", "planned_treatments"."note", "planned_treatments"."created_at", "planned_treatments"."updated_at", "annual_plan_organizations"."name", "annual_plan_organizations"."classification", "annual_plan_papers"."title", "annual_plan_papers"."case_number" from "planned_treatments" inner join "annual_plan_organizations" on "annual_plan_organizations"."id" = "planned_treatments"."organization_id" inner join "annual_plan_papers" on "annual_plan_papers"."id" = "planned_treatments"."paper_id" where ("annual_plan_organizations"."classification" in ($1, $2) and "planned_treatments"."planned_date" >= $3 and "annual_plan_papers"."organization_id" in ($4) and ("annual_plan_papers"."status" in ($5, $6, $7) or "annual_plan_papers"."approved_version" is not null)) order by "planned_treatments"."planned_date" asc, "annual_plan_papers"."title" asc, "planned_treatments"."id" asc"`,
    );
    expect(query.params).toEqual([
      'magistrat',
      'byraad',
      '2023-11-15',
      '7b0c2e44-0d7b-4b0b-9a38-5d3f1c9a0001',
      'approved',
      'on_agenda',
      'treated',
    ]);
  });
});
