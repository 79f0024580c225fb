import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { membershipRoles, organizationClassifications } from './enums';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** Myndighed: the municipality at the top of the tree. */
export const bodies = pgTable('bodies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  website: text('website'),
  ...timestamps,
});

export const organizationClassification = pgEnum(
  'organization_classification',
  organizationClassifications,
);

/** Organ: a body that meets (udvalg, rådmandskreds …) or a unit that sends papers (enhed). */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    classification: organizationClassification('classification').notNull(),
    ...timestamps,
  },
  (table) => [index('organizations_body_idx').on(table.bodyId)],
);

export const membershipRole = pgEnum('membership_role', membershipRoles);

/** Person: a member, official or external participant, with or without a login (users.person_id). */
export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  title: text('title'),
  email: text('email'),
  phone: text('phone'),
  /** The unit (enhed, afdeling) the person works in, as free text. */
  unit: text('unit'),
  /** The party of a politician. */
  party: text('party'),
  /** Not employed by the municipality (a consultant, a citizen representative). */
  isExternal: boolean('is_external').notNull().default(false),
  /** Deactivated persons stay for history (memberships, attendance) but get no new logins. */
  deactivatedAt: timestamp('deactivated_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

/** Medlemskab: a person's role in an organization for a period (open-ended when endDate is null). */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    ...timestamps,
  },
  (table) => [
    index('memberships_person_idx').on(table.personId),
    index('memberships_organization_idx').on(table.organizationId),
    check(
      'memberships_period_check',
      sql`${table.endDate} IS NULL OR ${table.startDate} IS NULL OR ${table.endDate} >= ${table.startDate}`,
    ),
  ],
);

/** Mødested, e.g. "Rådhuset, lokale 398". */
export const locations = pgTable('locations', {
  id: uuid('id').primaryKey().defaultRandom(),
  description: text('description').notNull().unique(),
  streetAddress: text('street_address'),
  postalCode: text('postal_code'),
  locality: text('locality'),
  ...timestamps,
});

/** A reason an item may be closed for, as an organization lists it (styrelsesloven § 10). */
export type ClosureReason = { code: string; label: string };

/**
 * An organization's rules for its meetings. No row means the defaults: the agenda 4 and the
 * material 3 weekdays before the meeting (styrelsesloven § 8), and the default closure reasons.
 */
export const organizationSettings = pgTable(
  'organization_settings',
  {
    organizationId: uuid('organization_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agendaDeadlineWeekdays: integer('agenda_deadline_weekdays').notNull().default(4),
    materialDeadlineWeekdays: integer('material_deadline_weekdays').notNull().default(3),
    /** Null: the default list (organizations/closure-reasons.ts). */
    closureReasons: jsonb('closure_reasons').$type<ClosureReason[]>(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'organization_settings_deadline_range',
      sql`${table.agendaDeadlineWeekdays} BETWEEN 1 AND 30 AND ${table.materialDeadlineWeekdays} BETWEEN 1 AND 30`,
    ),
  ],
);
