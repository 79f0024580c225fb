// What other modules read of organizations, persons and places: rows as stored, for a caller
// that checks the actor's access itself (these are not secret within the municipality).
import type { Db } from '../../platform/db/client';
import { isParticipantRole } from './policy';
import type { MembershipRole } from './membership-roles';
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

/** Every membership of the organization open on a local date, substitutes included. */
export async function readMembershipsOn(
  { tx }: Reader,
  organizationId: string,
  localDate: string,
): Promise<repo.MembershipWithPerson[]> {
  return repo.selectMembershipsWithPersons(tx, organizationId, localDate);
}

/**
 * The participants of the organization's meetings on a local date: the members open on that day
 * in every role but substitute (see isParticipantRole), with name, e-mail and role.
 */
export async function readParticipantsOn(
  { tx }: Reader,
  organizationId: string,
  localDate: string,
): Promise<repo.MembershipWithPerson[]> {
  const rows = await readMembershipsOn({ tx }, organizationId, localDate);
  return rows.filter((row) => isParticipantRole(row.role));
}

export type MemberOnDate = {
  personId: string;
  name: string;
  email: string | null;
  role: MembershipRole;
};

/** The same participants, one row per membership, as the minutes list and notify them. */
export async function readMembersOn(
  reader: Reader,
  organizationId: string,
  localDate: string,
): Promise<MemberOnDate[]> {
  const rows = await readParticipantsOn(reader, organizationId, localDate);
  return rows.map((row) => ({
    personId: row.personId,
    name: row.personName,
    email: row.personEmail,
    role: row.role,
  }));
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
