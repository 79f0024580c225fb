import { z } from 'zod';
import { da } from '../../platform/i18n/da';
import { isValidIsoDate } from '../../platform/i18n/format';
import { membershipRoles } from './enums';
import type { MembershipWithPerson } from './repository';

const v = da.validation;

export const localDate = z.string({ error: v.date }).refine(isValidIsoDate, { error: v.date });
export const membershipRole = z.enum(membershipRoles, { error: v.invalidValue });

/** POST /api/v1/organizations/{id}/memberships. */
export const createMembershipBody = z.object({
  personId: z.uuid({ error: v.uuid }),
  role: membershipRole,
  startDate: localDate,
  endDate: localDate.nullable().optional(),
});

/** PATCH …/memberships/{mid}: what changes; endDate null reopens the membership. */
export const updateMembershipBody = z
  .object({
    role: membershipRole,
    startDate: localDate,
    endDate: localDate.nullable(),
  })
  .partial();

export const membershipResponse = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  role: z.enum(membershipRoles),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

export const presentMembership = (
  row: Pick<
    MembershipWithPerson,
    'id' | 'organizationId' | 'personId' | 'personName' | 'role' | 'startDate' | 'endDate'
  >,
): z.infer<typeof membershipResponse> => ({
  id: row.id,
  organizationId: row.organizationId,
  personId: row.personId,
  personName: row.personName,
  role: row.role,
  startDate: row.startDate,
  endDate: row.endDate,
});

// Forms: every field arrives as a string; empty optional fields are absent.
const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const membershipForm = z.object({
  personId: z.preprocess(emptyToUndefined, z.uuid({ error: da.memberships.choosePerson })),
  role: membershipRole,
  startDate: z.preprocess(emptyToUndefined, z.string({ error: v.required }).pipe(localDate)),
  endDate: z.preprocess(emptyToUndefined, localDate.optional()),
});

export const membershipEditForm = membershipForm.omit({ personId: true });

export const endMembershipForm = z.object({
  endDate: z.preprocess(emptyToUndefined, z.string({ error: v.required }).pipe(localDate)),
});

export const membersOnDateQuery = z.object({
  date: z.preprocess(emptyToUndefined, localDate.optional()),
});

const checkbox = z.preprocess(
  (value) => value === 'on' || value === 'true' || value === true,
  z.boolean(),
);

/** The import form and the API's multipart fields. */
export const importFields = z.object({
  dryRun: checkbox.default(false),
  endMissing: checkbox.default(false),
});

export const importPlanResponse = z.object({
  dryRun: z.boolean(),
  newPersons: z.number().int(),
  matchedPersons: z.number().int(),
  newMemberships: z.number().int(),
  endedMemberships: z.array(
    z.object({
      membershipId: z.uuid(),
      personName: z.string(),
      role: z.enum(membershipRoles),
      endDate: z.string(),
    }),
  ),
  errorCount: z.number().int(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      email: z.string().nullable(),
      role: z.enum(membershipRoles).nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      person: z.union([
        z.object({ kind: z.literal('matched'), id: z.uuid(), by: z.enum(['email', 'name']) }),
        z.object({ kind: z.literal('new') }),
        z.object({ kind: z.literal('unresolved') }),
      ]),
      action: z.enum(['create', 'end', 'unchanged']).nullable(),
      errors: z.array(z.string()),
    }),
  ),
});
