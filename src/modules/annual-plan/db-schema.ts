import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { agendaItems } from '../meetings/db-schema';
import { organizations } from '../organizations/db-schema';
import { papers } from '../papers/db-schema';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** Årshjul: a topic an organization plans to treat in a month, once or every year from `year`. */
export const annualPlanTopics = pgTable(
  'annual_plan_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    recursYearly: boolean('recurs_yearly').notNull().default(false),
    responsible: text('responsible'),
    note: text('note'),
    ...timestamps,
  },
  (table) => [
    index('annual_plan_topics_organization_idx').on(table.organizationId, table.month),
    check('annual_plan_topics_month_range', sql`${table.month} BETWEEN 1 AND 12`),
    check('annual_plan_topics_year_range', sql`${table.year} BETWEEN 2000 AND 2100`),
  ],
);

/** A planned topic put on an agenda, so it is not offered again for that year. */
export const annualPlanTopicItems = pgTable(
  'annual_plan_topic_items',
  {
    topicId: uuid('topic_id')
      .notNull()
      .references(() => annualPlanTopics.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
  },
  (table) => [primaryKey({ columns: [table.topicId, table.agendaItemId] })],
);

/**
 * A paper's planned treatment in another organization (udvalg → magistrat → byråd), by date;
 * "Sager på vej til byrådet" lists those planned for the magistrat or the city council.
 */
export const plannedTreatments = pgTable(
  'planned_treatments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    note: text('note'),
    ...timestamps,
  },
  (table) => [index('planned_treatments_date_idx').on(table.plannedDate)],
);

/**
 * The organizations and papers as the annual plan reads them: "Sager på vej til byrådet" filters
 * on the organization's classification and the paper's visibility and sorts by the paper's title,
 * in the query (lists are filtered in the query, never after loading).
 */
export const planOrganizations = pgView('annual_plan_organizations').as((qb) =>
  qb
    .select({
      id: organizations.id,
      name: organizations.name,
      classification: organizations.classification,
    })
    .from(organizations),
);

export const planPapers = pgView('annual_plan_papers').as((qb) =>
  qb
    .select({
      id: papers.id,
      organizationId: papers.organizationId,
      title: papers.title,
      caseNumber: papers.caseNumber,
      status: papers.status,
      approvedVersion: papers.approvedVersion,
    })
    .from(papers),
);
