import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  bodies,
  locations,
  memberships,
  organizationSettings,
  organizations,
  persons,
} from './db-schema';

export type BodyRow = typeof bodies.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;

export async function insertBody(db: Db, values: typeof bodies.$inferInsert): Promise<BodyRow> {
  const [row] = await db.insert(bodies).values(values).returning();
  return row!;
}

export async function selectBodyByName(db: Db, name: string): Promise<BodyRow | undefined> {
  const [row] = await db.select().from(bodies).where(eq(bodies.name, name));
  return row;
}

export async function insertOrganization(
  db: Db,
  values: typeof organizations.$inferInsert,
): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}

export async function insertPerson(
  db: Db,
  values: typeof persons.$inferInsert,
): Promise<PersonRow> {
  const [row] = await db.insert(persons).values(values).returning();
  return row!;
}

export async function insertMembership(
  db: Db,
  values: typeof memberships.$inferInsert,
): Promise<MembershipRow> {
  const [row] = await db.insert(memberships).values(values).returning();
  return row!;
}

export async function selectOrganizations(
  db: Db,
  ids?: readonly string[],
): Promise<OrganizationRow[]> {
  if (ids !== undefined && ids.length === 0) return [];
  return db
    .select()
    .from(organizations)
    .where(ids === undefined ? undefined : sql`${organizations.id} IN ${ids}`)
    .orderBy(asc(organizations.name));
}

export async function countOrganizations(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(organizations);
  return row?.count ?? 0;
}

export async function selectOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function selectPersons(db: Db): Promise<PersonRow[]> {
  return db.select().from(persons).orderBy(asc(persons.name));
}

export async function selectOrganizationNames(
  db: Db,
  ids: readonly string[],
): Promise<Array<Pick<OrganizationRow, 'id' | 'name'>>> {
  if (ids.length === 0) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

export async function selectPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id));
  return row;
}

export async function selectMembershipsOfOrganization(
  db: Db,
  organizationId: string,
): Promise<Array<MembershipRow & { personName: string }>> {
  const rows = await db
    .select({ membership: memberships, personName: persons.name })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(eq(memberships.organizationId, organizationId));
  return rows.map((row) => ({ ...row.membership, personName: row.personName }));
}

export async function selectLocations(db: Db): Promise<LocationRow[]> {
  return db.select().from(locations).orderBy(asc(locations.description));
}

export async function selectLocation(db: Db, id: string): Promise<LocationRow | undefined> {
  const [row] = await db.select().from(locations).where(eq(locations.id, id));
  return row;
}

/** Returns the location with this description, creating it when it is new. */
export async function upsertLocationByDescription(
  db: Db,
  values: typeof locations.$inferInsert,
): Promise<LocationRow> {
  const [row] = await db
    .insert(locations)
    .values(values)
    .onConflictDoUpdate({
      target: locations.description,
      set: { description: sql`excluded.description` },
    })
    .returning();
  return row!;
}

/** The organization data OParl shows: every body with its organs, their members and the places they meet. */
export async function selectOrganizationData(db: Db) {
  // One after the other: a transaction (and PGlite) runs one query at a time anyway.
  const bodyRows = await db.select().from(bodies).orderBy(asc(bodies.createdAt), asc(bodies.id));
  const organizationRows = await db
    .select()
    .from(organizations)
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
  // Contact details are left out: OParl shows who sits where, not how to reach them.
  const personRows = await db
    .select({
      id: persons.id,
      name: persons.name,
      createdAt: persons.createdAt,
      updatedAt: persons.updatedAt,
    })
    .from(persons)
    .orderBy(asc(persons.createdAt), asc(persons.id));
  const membershipRows = await db
    .select()
    .from(memberships)
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
  const locationRows = await db
    .select()
    .from(locations)
    .orderBy(asc(locations.createdAt), asc(locations.id));
  return {
    bodies: bodyRows,
    organizations: organizationRows,
    persons: personRows,
    memberships: membershipRows,
    locations: locationRows,
  };
}

export type OrganizationData = Awaited<ReturnType<typeof selectOrganizationData>>;

export type OrganizationSettingsRow = typeof organizationSettings.$inferSelect;

/** The organization's meeting rules as stored; undefined while it keeps the defaults. */
export async function selectOrganizationSettings(
  db: Db,
  organizationId: string,
): Promise<OrganizationSettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(organizationSettings)
    .where(eq(organizationSettings.organizationId, organizationId));
  return row;
}

export async function upsertOrganizationSettings(
  db: Db,
  values: Omit<typeof organizationSettings.$inferInsert, 'updatedAt'>,
): Promise<OrganizationSettingsRow> {
  const { organizationId, ...changes } = values;
  const [row] = await db
    .insert(organizationSettings)
    .values(values)
    .onConflictDoUpdate({
      target: organizationSettings.organizationId,
      set: { ...changes, updatedAt: new Date() },
    })
    .returning();
  return row!;
}
