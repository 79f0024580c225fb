import { and, asc, eq, gte, ilike, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
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

export type MemberOnDate = {
  personId: string;
  name: string;
  email: string | null;
  role: string;
};

/** Members of the organization on a local date (memberships open on that day). */
export async function selectMembersOn(
  db: Db,
  organizationId: string,
  localDate: string,
): Promise<MemberOnDate[]> {
  return db
    .select({
      personId: persons.id,
      name: persons.name,
      email: persons.email,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        sql`(${memberships.startDate} IS NULL OR ${memberships.startDate} <= ${localDate}::date)`,
        sql`(${memberships.endDate} IS NULL OR ${memberships.endDate} >= ${localDate}::date)`,
      ),
    )
    .orderBy(asc(persons.name));
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

// Memberships (medlemskaber), issue 18.

export type MembershipWithPerson = MembershipRow & {
  personName: string;
  personTitle: string | null;
  personEmail: string | null;
};

const membershipWithPerson = {
  membership: memberships,
  personName: persons.name,
  personTitle: persons.title,
  personEmail: persons.email,
};

const flattenMembership = (row: {
  membership: MembershipRow;
  personName: string;
  personTitle: string | null;
  personEmail: string | null;
}): MembershipWithPerson => ({
  ...row.membership,
  personName: row.personName,
  personTitle: row.personTitle,
  personEmail: row.personEmail,
});

/** A period condition: the membership is open on this local date (null ends are open). */
const openOn = (localDate: string) =>
  and(
    or(isNull(memberships.startDate), lte(memberships.startDate, localDate)),
    or(isNull(memberships.endDate), gte(memberships.endDate, localDate)),
  );

/** An organization's memberships, all of them, or those open on a local date. */
export async function selectMembershipsWithPersons(
  db: Db,
  organizationId: string,
  onDate?: string,
): Promise<MembershipWithPerson[]> {
  const rows = await db
    .select(membershipWithPerson)
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        onDate === undefined ? undefined : openOn(onDate),
      ),
    )
    .orderBy(asc(memberships.startDate), asc(memberships.id));
  return rows.map(flattenMembership);
}

export async function selectMembership(
  db: Db,
  organizationId: string,
  membershipId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, organizationId)));
  return row;
}

/**
 * Locks the person's row, so two requests that add or change the same person's memberships
 * take turns and the overlap check of the second sees the first's row.
 */
export async function lockPerson(db: Db, personId: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, personId)).for('update');
  return row;
}

/**
 * The person's other memberships in the same role and organization whose period overlaps
 * [startDate, endDate] (null ends open).
 */
export async function selectOverlappingMemberships(
  db: Db,
  values: {
    organizationId: string;
    personId: string;
    role: MembershipRow['role'];
    startDate: string | null;
    endDate: string | null;
    exceptId?: string;
  },
): Promise<MembershipRow[]> {
  return db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, values.organizationId),
        eq(memberships.personId, values.personId),
        eq(memberships.role, values.role),
        values.exceptId === undefined ? undefined : ne(memberships.id, values.exceptId),
        values.endDate === null
          ? undefined
          : or(isNull(memberships.startDate), lte(memberships.startDate, values.endDate)),
        values.startDate === null
          ? undefined
          : or(isNull(memberships.endDate), gte(memberships.endDate, values.startDate)),
      ),
    );
}

export async function updateMembershipRow(
  db: Db,
  membershipId: string,
  values: Partial<Pick<MembershipRow, 'role' | 'startDate' | 'endDate'>>,
): Promise<MembershipRow> {
  const [row] = await db
    .update(memberships)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(memberships.id, membershipId))
    .returning();
  return row!;
}

export async function deleteMembershipRow(db: Db, membershipId: string): Promise<void> {
  await db.delete(memberships).where(eq(memberships.id, membershipId));
}

/** Persons by e-mail (lower-cased) and by exact name, for matching an imported list. */
export async function selectPersonsForMatching(
  db: Db,
  emails: readonly string[],
  names: readonly string[],
): Promise<PersonRow[]> {
  if (emails.length === 0 && names.length === 0) return [];
  return db
    .select()
    .from(persons)
    .where(
      or(
        emails.length === 0 ? undefined : inArray(sql`lower(${persons.email})`, [...emails]),
        names.length === 0 ? undefined : inArray(persons.name, [...names]),
      ),
    )
    .orderBy(asc(persons.createdAt), asc(persons.id));
}

/** Persons whose name, e-mail, title, unit or party contains `q` (any case). */
export async function selectPersonsMatching(
  db: Db,
  options: { q?: string; includeDeactivated: boolean; limit: number },
): Promise<PersonRow[]> {
  const pattern = options.q === undefined ? undefined : `%${options.q.replace(/[\\%_]/g, '\\$&')}%`;
  return db
    .select()
    .from(persons)
    .where(
      and(
        pattern === undefined
          ? undefined
          : or(
              ilike(persons.name, pattern),
              ilike(persons.email, pattern),
              ilike(persons.title, pattern),
              ilike(persons.unit, pattern),
              ilike(persons.party, pattern),
            ),
        options.includeDeactivated ? undefined : isNull(persons.deactivatedAt),
      ),
    )
    .orderBy(asc(persons.name))
    .limit(options.limit);
}

export async function updatePerson(
  db: Db,
  id: string,
  values: Partial<typeof persons.$inferInsert>,
): Promise<PersonRow> {
  const [row] = await db
    .update(persons)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(persons.id, id))
    .returning();
  return row!;
}

/** A person's memberships with the organizations' names, the latest first. */
export async function selectMembershipsOfPerson(
  db: Db,
  personId: string,
): Promise<Array<MembershipRow & { organizationName: string }>> {
  const rows = await db
    .select({ membership: memberships, organizationName: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.personId, personId))
    .orderBy(sql`${memberships.startDate} DESC NULLS LAST`, asc(organizations.name));
  return rows.map((row) => ({ ...row.membership, organizationName: row.organizationName }));
}

export async function selectPersonsByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(persons)
    .where(inArray(persons.id, [...ids]));
}

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
