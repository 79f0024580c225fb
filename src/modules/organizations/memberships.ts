import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { membershipRoleOrder, type MembershipRole } from './membership-roles';
import { mayManageMemberships } from './policy';
import * as repo from './repository';

/** A membership as the API and the pages take it; dates are local dates (YYYY-MM-DD). */
export type MembershipInput = {
  personId: string;
  role: MembershipRole;
  startDate: string;
  endDate?: string | null;
};

export type MembershipChange = Partial<Omit<MembershipInput, 'personId'>>;

const danish = new Intl.Collator('da');

/** The organization the actor sees, or 404: a resource one may not see is NOT_FOUND. */
async function requireVisibleOrganization(ctx: ServiceContext, organizationId: string) {
  const row = await repo.selectOrganization(ctx.tx, organizationId);
  if (!row || !can(ctx.actor, 'organization.read', { organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

async function requireManageableOrganization(ctx: ServiceContext, organizationId: string) {
  const organization = await requireVisibleOrganization(ctx, organizationId);
  if (!mayManageMemberships(ctx.actor, organizationId)) throw new AppError('FORBIDDEN');
  return organization;
}

/** Chair first, then vice chair, members …, each role by name. */
const byRoleThenName = (a: repo.MembershipWithPerson, b: repo.MembershipWithPerson) =>
  membershipRoleOrder(a.role) - membershipRoleOrder(b.role) ||
  danish.compare(a.personName, b.personName);

/** The organization's members on a local date (today when none is given), chair first. */
export async function listMembershipsOn({
  organizationId,
  date,
  ...ctx
}: ServiceContext & { organizationId: string; date?: string }): Promise<{
  organization: repo.OrganizationRow;
  date: string;
  memberships: repo.MembershipWithPerson[];
}> {
  const organization = await requireVisibleOrganization(ctx, organizationId);
  const onDate = date ?? toLocalDate(new Date());
  const rows = await repo.selectMembershipsWithPersons(ctx.tx, organizationId, onDate);
  return { organization, date: onDate, memberships: rows.sort(byRoleThenName) };
}

/** Every membership of the organization, past, present and future, newest period first. */
export async function listAllMemberships({
  organizationId,
  ...ctx
}: ServiceContext & { organizationId: string }): Promise<repo.MembershipWithPerson[]> {
  await requireVisibleOrganization(ctx, organizationId);
  const rows = await repo.selectMembershipsWithPersons(ctx.tx, organizationId);
  return rows.sort(
    (a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || byRoleThenName(a, b),
  );
}

/** One membership of the organization, or 404. */
export async function getMembership({
  organizationId,
  membershipId,
  ...ctx
}: ServiceContext & { organizationId: string; membershipId: string }): Promise<repo.MembershipRow> {
  await requireVisibleOrganization(ctx, organizationId);
  const row = await repo.selectMembership(ctx.tx, organizationId, membershipId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The checks every membership write shares: the period runs forwards, and the person holds no
 * other membership in the same role and organization that overlaps it. The person's row is
 * locked first, so concurrent writes for one person are checked one after the other.
 */
async function checkMembership(
  ctx: WriteContext,
  values: {
    organizationId: string;
    personId: string;
    role: MembershipRole;
    startDate: string | null;
    endDate: string | null;
    exceptId?: string;
  },
): Promise<repo.PersonRow> {
  if (values.startDate !== null && values.endDate !== null && values.endDate < values.startDate) {
    throw new AppError('MEMBERSHIP_ENDS_BEFORE_START', {
      details: [{ field: 'endDate', message: da.errors.MEMBERSHIP_ENDS_BEFORE_START }],
    });
  }
  const person = await repo.lockPerson(ctx.tx, values.personId);
  if (!person) throw validationError('personId', da.validation.unknownPerson);
  const overlapping = await repo.selectOverlappingMemberships(ctx.tx, values);
  if (overlapping.length > 0) {
    throw new AppError('MEMBERSHIP_OVERLAP', {
      details: [{ field: 'startDate', message: da.errors.MEMBERSHIP_OVERLAP }],
    });
  }
  return person;
}

const withPerson = (
  row: repo.MembershipRow,
  person: repo.PersonRow,
): repo.MembershipWithPerson => ({
  ...row,
  personName: person.name,
  personTitle: person.title,
  personEmail: person.email,
});

/** Makes a person a member of the organization in a role for a period. */
export async function createMembership({
  organizationId,
  input,
  ...ctx
}: WriteContext & {
  organizationId: string;
  input: MembershipInput;
}): Promise<repo.MembershipWithPerson> {
  await requireManageableOrganization(ctx, organizationId);
  const values = {
    organizationId,
    personId: input.personId,
    role: input.role,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
  };
  const person = await checkMembership(ctx, values);
  const row = await repo.insertMembership(ctx.tx, values);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'membership.create',
    entityType: 'membership',
    entityId: row.id,
    after: row,
  });
  return withPerson(row, person);
}

/** Changes a membership's role or period (ending it is setting its end date). */
export async function updateMembership({
  organizationId,
  membershipId,
  input,
  ...ctx
}: WriteContext & {
  organizationId: string;
  membershipId: string;
  input: MembershipChange;
}): Promise<repo.MembershipWithPerson> {
  await requireManageableOrganization(ctx, organizationId);
  const before = await repo.selectMembership(ctx.tx, organizationId, membershipId);
  if (!before) throw new AppError('NOT_FOUND');
  const next = {
    role: input.role ?? before.role,
    startDate: input.startDate ?? before.startDate,
    endDate: input.endDate === undefined ? before.endDate : input.endDate,
  };
  const person = await checkMembership(ctx, {
    organizationId,
    personId: before.personId,
    ...next,
    exceptId: membershipId,
  });
  const row = await repo.updateMembershipRow(ctx.tx, membershipId, next);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'membership.update',
    entityType: 'membership',
    entityId: row.id,
    before,
    after: row,
  });
  return withPerson(row, person);
}

/** Deletes a membership entered by mistake (a membership that ended is ended, not deleted). */
export async function deleteMembership({
  organizationId,
  membershipId,
  ...ctx
}: WriteContext & { organizationId: string; membershipId: string }): Promise<void> {
  await requireManageableOrganization(ctx, organizationId);
  const before = await repo.selectMembership(ctx.tx, organizationId, membershipId);
  if (!before) throw new AppError('NOT_FOUND');
  await repo.deleteMembershipRow(ctx.tx, membershipId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'membership.delete',
    entityType: 'membership',
    entityId: membershipId,
    before,
  });
}
