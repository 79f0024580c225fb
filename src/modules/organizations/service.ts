import { recordAudit } from '../../platform/audit/record-audit';
import { can, visibleOrganizationIds, type Actor } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import * as repo from './repository';
import type { organizationClassifications } from './enums';
import type { MembershipRole } from './membership-roles';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

function requireManage(actor: Actor): void {
  if (!can(actor, 'organization.manage')) throw new AppError('FORBIDDEN');
}

/** Creates a body (myndighed). */
export async function createBody({
  actor,
  tx,
  input,
}: WriteContext & {
  input: { name: string; shortName?: string; website?: string };
}): Promise<repo.BodyRow> {
  requireManage(actor);
  const row = await repo.insertBody(tx, input);
  await recordAudit(tx, {
    actor,
    action: 'body.create',
    entityType: 'body',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** Creates an organization (udvalg, rådmandskreds, enhed …) under a body. */
export async function createOrganization({
  actor,
  tx,
  input,
}: WriteContext & {
  input: {
    bodyId: string;
    name: string;
    shortName?: string;
    classification: (typeof organizationClassifications)[number];
    parentId?: string;
  };
}): Promise<repo.OrganizationRow> {
  requireManage(actor);
  const row = await repo.insertOrganization(tx, input);
  await recordAudit(tx, {
    actor,
    action: 'organization.create',
    entityType: 'organization',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** Makes a person member of an organization in a role for a period. */
export async function addMembership({
  actor,
  tx,
  input,
}: WriteContext & {
  input: {
    personId: string;
    organizationId: string;
    role: MembershipRole;
    startDate?: string;
    endDate?: string;
  };
}): Promise<repo.MembershipRow> {
  requireManage(actor);
  const row = await repo.insertMembership(tx, input);
  await recordAudit(tx, {
    actor,
    action: 'membership.create',
    entityType: 'membership',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** The location with this description; created (and audited) when it is new. */
export async function findOrCreateLocation({
  actor,
  tx,
  input,
}: WriteContext & {
  input: { description: string; streetAddress?: string; postalCode?: string; locality?: string };
}): Promise<repo.LocationRow> {
  const existing = (await repo.selectLocations(tx)).find(
    (location) => location.description === input.description,
  );
  if (existing) return existing;
  const row = await repo.upsertLocationByDescription(tx, input);
  await recordAudit(tx, {
    actor,
    action: 'location.create',
    entityType: 'location',
    entityId: row.id,
    after: row,
  });
  return row;
}

// PGlite has no ICU collations, so Danish order (… Z, Æ, Ø, Å) is applied here, not in SQL.
const danish = new Intl.Collator('da');

/** Organizations the actor may see, in Danish alphabetical order. */
export async function listOrganizations({
  actor,
  tx,
}: ServiceContext): Promise<repo.OrganizationRow[]> {
  if (!can(actor, 'organization.read')) throw new AppError('FORBIDDEN');
  const rows = await repo.selectOrganizations(tx, visibleOrganizationIds(actor));
  return rows.sort((a, b) => danish.compare(a.name, b.name));
}

/** Everyone in the person register, in Danish alphabetical order (for pickers). */
export async function listPersons({ actor, tx }: ServiceContext): Promise<repo.PersonRow[]> {
  if (!can(actor, 'organization.read')) throw new AppError('FORBIDDEN');
  const rows = await repo.selectPersons(tx);
  return rows.sort((a, b) => danish.compare(a.name, b.name));
}

export async function getOrganization({
  actor,
  tx,
  id,
}: ServiceContext & { id: string }): Promise<repo.OrganizationRow> {
  const row = await repo.selectOrganization(tx, id);
  if (!row || !can(actor, 'organization.read', { organizationId: row.id })) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}
