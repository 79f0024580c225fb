// The person register (personer): members, officials and externals, with or without a login.
// The secretariat keeps it (person.manage); a person is deactivated, never deleted here, so
// memberships, attendance and follow-ups keep their names (deletion is retention's job).
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import * as repo from './repository';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: da.validation.tooLong(max) })
    .nullish()
    .transform((value) => (value ? value : null));

/** The fields of a person, for the API and the forms alike (empty text is no value). */
export const personFields = z.object({
  name: z
    .string({ error: da.validation.required })
    .trim()
    .min(1, { error: da.validation.required })
    .max(200, { error: da.validation.tooLong(200) }),
  title: optionalText(200),
  unit: optionalText(200),
  email: z
    .union([z.literal(''), z.email({ error: da.validation.email })])
    .nullish()
    .transform((value) => (value ? value.toLowerCase() : null)),
  phone: optionalText(50),
  party: optionalText(100),
  isExternal: z.boolean().default(false),
});

export type PersonInput = z.input<typeof personFields>;
export type PersonChanges = Partial<PersonInput> & { active?: boolean };

const personChanges = personFields.partial().extend({ active: z.boolean().optional() });

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', {
    details: result.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
    })),
  });
}

/** Refuses those who may not keep the register (a page that only shows a form checks this). */
export function requirePersonManagement(actor: ServiceContext['actor']): void {
  if (!can(actor, 'person.manage')) throw new AppError('FORBIDDEN');
}

// PGlite has no ICU collations, so Danish order (… Z, Æ, Ø, Å) is applied here, not in SQL.
const danish = new Intl.Collator('da');

/** How many persons a search shows; a municipality's register is a few thousand at most. */
export const personSearchLimit = 200;

/** The register, searched by name, e-mail, title, unit or party; deactivated persons last. */
export async function searchPersons({
  actor,
  tx,
  query,
}: ServiceContext & { query: { q?: string; includeDeactivated?: boolean } }): Promise<
  repo.PersonRow[]
> {
  if (!can(actor, 'person.read')) throw new AppError('FORBIDDEN');
  const rows = await repo.selectPersonsMatching(tx, {
    q: query.q?.trim() || undefined,
    includeDeactivated: query.includeDeactivated ?? true,
    limit: personSearchLimit,
  });
  return rows.sort(
    (a, b) =>
      Number(a.deactivatedAt !== null) - Number(b.deactivatedAt !== null) ||
      danish.compare(a.name, b.name),
  );
}

/** One person of the register; NOT_FOUND for those who may not read it. */
export async function getPerson({
  actor,
  tx,
  id,
}: ServiceContext & { id: string }): Promise<repo.PersonRow> {
  if (!can(actor, 'person.read')) throw new AppError('NOT_FOUND');
  const row = await repo.selectPerson(tx, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Creates a person. */
export async function createPerson({
  actor,
  tx,
  input,
}: WriteContext & { input: PersonInput }): Promise<repo.PersonRow> {
  requirePersonManagement(actor);
  const row = await repo.insertPerson(tx, parsed(personFields, input));
  await recordAudit(tx, {
    actor,
    action: 'person.create',
    entityType: 'person',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** Edits a person; `active: false` deactivates them, `active: true` reactivates them. */
export async function updatePerson({
  actor,
  tx,
  id,
  input,
}: WriteContext & { id: string; input: PersonChanges }): Promise<repo.PersonRow> {
  if (!can(actor, 'person.read')) throw new AppError('NOT_FOUND');
  requirePersonManagement(actor);
  const before = await repo.selectPerson(tx, id);
  if (!before) throw new AppError('NOT_FOUND');
  const { active, ...fields } = parsed(personChanges, input);
  const deactivatedAt =
    active === undefined
      ? before.deactivatedAt
      : active
        ? null
        : (before.deactivatedAt ?? new Date());
  const row = await repo.updatePerson(tx, id, { ...fields, deactivatedAt });
  const action =
    before.deactivatedAt === null && row.deactivatedAt !== null
      ? 'person.deactivate'
      : before.deactivatedAt !== null && row.deactivatedAt === null
        ? 'person.reactivate'
        : 'person.update';
  await recordAudit(tx, { actor, action, entityType: 'person', entityId: id, before, after: row });
  return row;
}
