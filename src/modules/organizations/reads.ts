// What other modules read of organizations, persons and places: rows as stored, for a caller
// that checks the actor's access itself (these are not secret within the municipality).
import type { Db } from '../../platform/db/client';
import * as repo from './repository';

export type { OrganizationData } from './repository';

type Reader = { readonly tx: Db };

export async function readOrganization({ tx }: Reader, organizationId: string) {
  return repo.selectOrganization(tx, organizationId);
}

/** The names of these organizations, by id. */
export async function readOrganizationNames({ tx }: Reader, organizationIds: readonly string[]) {
  const rows = await repo.selectOrganizationNames(tx, [...new Set(organizationIds)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function readPerson({ tx }: Reader, personId: string) {
  return repo.selectPerson(tx, personId);
}

/** Every meeting place, by description. */
export async function readLocations({ tx }: Reader) {
  return repo.selectLocations(tx);
}

/** An organization's memberships with the members' names. */
export async function readMembershipsOfOrganization({ tx }: Reader, organizationId: string) {
  return repo.selectMembershipsOfOrganization(tx, organizationId);
}

export async function readBodyByName({ tx }: Reader, name: string) {
  return repo.selectBodyByName(tx, name);
}

export async function countOrganizations({ tx }: Reader) {
  return repo.countOrganizations(tx);
}

/** Every body, organization, person (name only), membership and place, for OParl. */
export async function readOrganizationData({ tx }: Reader) {
  return repo.selectOrganizationData(tx);
}

/** A person's memberships (organization, role, period) with the organizations' names. */
export async function readMembershipsOfPerson({ tx }: Reader, personId: string) {
  return repo.selectMembershipsOfPerson(tx, personId);
}

/** These persons, by id (names for a list of users). */
export async function readPersons({ tx }: Reader, personIds: readonly string[]) {
  const rows = await repo.selectPersonsByIds(tx, [...new Set(personIds)]);
  return new Map(rows.map((row) => [row.id, row]));
}
