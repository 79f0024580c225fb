import { asc } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { bodies, locations, memberships, organizations, persons } from '../organizations/index';

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
