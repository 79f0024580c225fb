import { z } from 'zod';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import type { WriteContext } from '../../platform/service-context';
import { readCommitteeList, parseListDate, type CommitteeListRow } from './committee-list';
import { membershipRoleFromText, type MembershipRole } from './membership-roles';
import { createMembership, updateMembership } from './memberships';
import * as repo from './repository';
import { createPerson } from './persons';

/**
 * Bulk import of a committee list into one organization: persons matched by e-mail, then by
 * exact name, or created; each row a membership. The plan is computed the same way for a dry run
 * and for the real thing, which then writes it through the membership use-cases in the caller's
 * one transaction: a row with an error stops it all.
 */

const t = da.memberships.import;

export type ImportOptions = {
  dryRun: boolean;
  /** End the memberships open today of people the list does not name (it is the whole roster). */
  endMissing: boolean;
};

export type PlannedRow = {
  line: number;
  name: string;
  email: string | null;
  role: MembershipRole | null;
  startDate: string | null;
  endDate: string | null;
  /** Who the row is: an existing person (and how they were found) or a new one. */
  person:
    | { kind: 'matched'; id: string; by: 'email' | 'name' }
    | { kind: 'new' }
    | { kind: 'unresolved' };
  /** create: a new membership; end: an existing one gets this end date; unchanged: already there. */
  action: 'create' | 'end' | 'unchanged' | null;
  errors: string[];
};

export type ImportPlan = {
  dryRun: boolean;
  rows: PlannedRow[];
  newPersons: number;
  matchedPersons: number;
  newMemberships: number;
  /** Memberships the import ends: rows with a Til date, and (endMissing) those not on the list. */
  endedMemberships: Array<{
    membershipId: string;
    personName: string;
    role: MembershipRole;
    endDate: string;
  }>;
  errorCount: number;
};

const email = z.email();

const dayBefore = (localDate: string) =>
  new Date(Date.parse(`${localDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const overlaps = (
  a: { startDate: string | null; endDate: string | null },
  b: { startDate: string | null; endDate: string | null },
) =>
  (a.startDate === null || b.endDate === null || a.startDate <= b.endDate) &&
  (b.startDate === null || a.endDate === null || b.startDate <= a.endDate);

type Resolved = { row: CommitteeListRow; planned: PlannedRow; existing?: repo.MembershipRow };

/** Reads the file and plans the import against the organization as it is now. */
async function planImport(
  ctx: WriteContext,
  organizationId: string,
  rows: readonly CommitteeListRow[],
  options: ImportOptions,
): Promise<{ plan: ImportPlan; resolved: Resolved[] }> {
  const today = toLocalDate(new Date());
  const emails = rows.map((row) => row.email.toLowerCase()).filter((value) => value !== '');
  const candidates = await repo.selectPersonsForMatching(
    ctx.tx,
    [...new Set(emails)],
    [...new Set(rows.map((row) => row.name).filter((value) => value !== ''))],
  );
  const existing = await repo.selectMembershipsWithPersons(ctx.tx, organizationId);
  // New persons met earlier in the file: the same e-mail or name later is the same new person.
  const newInFile = new Map<string, number>();
  const resolved: Resolved[] = [];

  for (const row of rows) {
    const errors: string[] = [];
    if (row.name === '') errors.push(t.nameMissing);
    if (row.email !== '' && !email.safeParse(row.email).success) errors.push(t.emailInvalid);
    const role = row.role === '' ? 'member' : membershipRoleFromText(row.role);
    if (role === null) errors.push(t.roleUnknown(row.role));
    const startDate = row.startDate === '' ? today : parseListDate(row.startDate);
    if (startDate === null) errors.push(t.dateInvalid(row.startDate));
    const endDate = row.endDate === '' ? null : parseListDate(row.endDate);
    if (row.endDate !== '' && endDate === null) errors.push(t.dateInvalid(row.endDate));
    if (startDate !== null && endDate !== null && endDate < startDate) {
      errors.push(da.errors.MEMBERSHIP_ENDS_BEFORE_START);
    }

    const lowerEmail = row.email.toLowerCase();
    const byEmail = candidates.filter(
      (person) => lowerEmail !== '' && person.email?.toLowerCase() === lowerEmail,
    );
    const byName = candidates.filter((person) => person.name === row.name);
    let person: PlannedRow['person'] = { kind: 'unresolved' };
    if (byEmail.length === 1) person = { kind: 'matched', id: byEmail[0]!.id, by: 'email' };
    else if (byEmail.length > 1) errors.push(t.emailAmbiguous);
    else if (byName.length === 1) person = { kind: 'matched', id: byName[0]!.id, by: 'name' };
    else if (byName.length > 1) errors.push(t.nameAmbiguous);
    else if (row.name !== '') person = { kind: 'new' };

    resolved.push({
      row,
      planned: {
        line: row.line,
        name: row.name,
        email: row.email === '' ? null : row.email,
        role,
        startDate,
        endDate,
        person,
        action: null,
        errors,
      },
    });
  }

  // Memberships: an existing one in the same role that overlaps the row is the same membership.
  const claimed = new Set<string>();
  const seen: Array<{ key: string; startDate: string | null; endDate: string | null }> = [];
  for (const entry of resolved) {
    const { planned } = entry;
    if (planned.role === null || planned.startDate === null || planned.errors.length > 0) continue;
    const personKey =
      planned.person.kind === 'matched'
        ? planned.person.id
        : `new:${planned.email?.toLowerCase() ?? planned.name}`;
    if (planned.person.kind === 'new') {
      const key = planned.email?.toLowerCase() ?? planned.name;
      newInFile.set(key, (newInFile.get(key) ?? 0) + 1);
    }
    const key = `${personKey}:${planned.role}`;
    if (seen.some((other) => other.key === key && overlaps(other, planned))) {
      planned.errors.push(t.duplicateRow);
      continue;
    }
    seen.push({ key, startDate: planned.startDate, endDate: planned.endDate });
    const same =
      planned.person.kind === 'matched'
        ? existing.filter(
            (membership) =>
              membership.personId === (planned.person as { id: string }).id &&
              membership.role === planned.role &&
              overlaps(membership, planned),
          )
        : [];
    if (same.length > 1) {
      planned.errors.push(da.errors.MEMBERSHIP_OVERLAP);
    } else if (same.length === 1) {
      const membership = same[0]!;
      claimed.add(membership.id);
      entry.existing = membership;
      planned.action =
        planned.endDate !== null && planned.endDate !== membership.endDate ? 'end' : 'unchanged';
      if (
        planned.action === 'end' &&
        membership.startDate &&
        planned.endDate! < membership.startDate
      ) {
        planned.errors.push(da.errors.MEMBERSHIP_ENDS_BEFORE_START);
      }
    } else {
      planned.action = 'create';
    }
  }

  const endedMemberships: ImportPlan['endedMemberships'] = resolved.flatMap(
    ({ planned, existing: membership }) =>
      planned.action === 'end' && membership && planned.errors.length === 0
        ? [
            {
              membershipId: membership.id,
              personName: planned.name,
              role: membership.role,
              endDate: planned.endDate!,
            },
          ]
        : [],
  );
  if (options.endMissing) {
    const yesterday = dayBefore(today);
    for (const membership of existing) {
      const isOpenBeforeToday =
        (membership.startDate === null || membership.startDate <= yesterday) &&
        (membership.endDate === null || membership.endDate >= today);
      if (claimed.has(membership.id) || !isOpenBeforeToday) continue;
      endedMemberships.push({
        membershipId: membership.id,
        personName: membership.personName,
        role: membership.role,
        endDate: yesterday,
      });
    }
  }

  const rowsPlanned = resolved.map((entry) => entry.planned);
  const matched = new Set(
    rowsPlanned.flatMap((row) => (row.person.kind === 'matched' ? [row.person.id] : [])),
  );
  return {
    plan: {
      dryRun: options.dryRun,
      rows: rowsPlanned,
      newPersons: newInFile.size,
      matchedPersons: matched.size,
      newMemberships: rowsPlanned.filter(
        (row) => row.action === 'create' && row.errors.length === 0,
      ).length,
      endedMemberships,
      errorCount: rowsPlanned.reduce((sum, row) => sum + row.errors.length, 0),
    },
    resolved,
  };
}

/**
 * Imports a committee list (CSV or XLSX) into the organization: a dry run returns the plan; the
 * real run writes it all in the caller's transaction, or, when any row has an error, nothing
 * (422 IMPORT_INVALID with the errors per line).
 */
export async function importMemberships({
  organizationId,
  file,
  options,
  ...ctx
}: WriteContext & {
  organizationId: string;
  file: Uint8Array;
  options: ImportOptions;
}): Promise<ImportPlan> {
  // The import creates persons, which only administrators may (organization.manage).
  if (!can(ctx.actor, 'organization.manage')) throw new AppError('FORBIDDEN');
  const organization = await repo.selectOrganization(ctx.tx, organizationId);
  if (!organization) throw new AppError('NOT_FOUND');
  const rows = await readCommitteeList(file);
  const { plan, resolved } = await planImport(ctx, organizationId, rows, options);
  if (options.dryRun) return plan;
  if (plan.errorCount > 0) {
    throw new AppError('IMPORT_INVALID', {
      message: t.hasErrors,
      details: plan.rows.flatMap((row) =>
        row.errors.map((message) => ({ field: `line ${row.line}`, message })),
      ),
    });
  }
  const created = new Map<string, string>();
  for (const { row, planned } of resolved) {
    let personId = planned.person.kind === 'matched' ? planned.person.id : null;
    if (personId === null) {
      const key = planned.email?.toLowerCase() ?? planned.name;
      personId = created.get(key) ?? null;
      if (personId === null) {
        const person = await createPerson({
          ...ctx,
          input: {
            name: row.name,
            title: row.title || undefined,
            email: row.email || undefined,
            phone: row.phone || undefined,
            party: row.party || undefined,
          },
        });
        personId = person.id;
        created.set(key, personId);
      }
    }
    if (planned.action === 'create') {
      await createMembership({
        ...ctx,
        organizationId,
        input: {
          personId,
          role: planned.role!,
          startDate: planned.startDate!,
          endDate: planned.endDate,
        },
      });
    }
  }
  for (const ended of plan.endedMemberships) {
    await updateMembership({
      ...ctx,
      organizationId,
      membershipId: ended.membershipId,
      input: { endDate: ended.endDate },
    });
  }
  return plan;
}
