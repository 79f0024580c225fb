import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { generatePassword, hashPassword } from '../../platform/auth/password';
import { can } from '../../platform/auth/policy';
import { roles, type Role } from '../../platform/auth/roles';
import { type Tx } from '../../platform/db/transaction';
import { AppError, type ErrorDetail } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readPerson } from '../organizations/index';
import { newPasswordProblem } from './password-policy';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export const initialAdministratorEmail = 'administrator@dagsorden.local';

export const newUserInput = z.object({
  email: z.email({ error: da.validation.email }).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(roles),
  password: z.string().optional(),
  personId: z.uuid().optional(),
});

export function validationFailed(details: readonly ErrorDetail[]): AppError {
  return new AppError('VALIDATION_FAILED', { details });
}

/** Hides the hash: what an audit entry or an API answer may show of a user. */
function publicUser(user: repo.UserRow) {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

/**
 * Creates a local account. Without a password one is generated and must be changed at the
 * first login; it is returned once and never stored in clear.
 */
export async function createUser({
  actor,
  tx,
  rawInput,
}: WriteContext & { rawInput: z.input<typeof newUserInput> }): Promise<{
  user: repo.UserRow;
  password: string;
}> {
  if (!can(actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const parsed = newUserInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      details: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  const input = parsed.data;
  // A password chosen for someone meets the same bar as one they choose themselves.
  const problem =
    input.password === undefined ? undefined : newPasswordProblem(input.password, input);
  if (problem) throw validationFailed([{ field: 'password', message: problem }]);
  if (await repo.selectUserByEmail(tx, input.email)) throw new AppError('EMAIL_TAKEN');
  if (input.personId !== undefined) {
    const person = await readPerson({ tx }, input.personId);
    if (!person)
      throw validationFailed([{ field: 'personId', message: da.validation.unknownPerson }]);
    if (person.deactivatedAt) throw new AppError('PERSON_DEACTIVATED');
  }
  const password = input.password ?? generatePassword();
  const user = await repo.insertUser(tx, {
    email: input.email,
    name: input.name,
    role: input.role,
    personId: input.personId ?? null,
    passwordHash: await hashPassword(password),
    mustChangePassword: input.password === undefined,
  });
  await recordAudit(tx, {
    actor,
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    after: publicUser(user),
  });
  return { user, password };
}

/** On an empty database: the first administrator, with a one-time password to print once. */
export async function ensureInitialAdministrator(
  tx: Tx,
): Promise<{ email: string; password: string } | undefined> {
  if ((await repo.countUsers(tx)) > 0) return undefined;
  const { user, password } = await createUser({
    actor: { kind: 'system', label: 'start-up' },
    tx,
    rawInput: { email: initialAdministratorEmail, name: 'Administrator', role: 'administrator' },
  });
  return { email: user.email, password };
}

/** What the account page shows about the signed-in user. */
export async function getOwnAccount({
  actor,
  tx,
}: ServiceContext): Promise<{ name: string; email: string; role: Role; hasPassword: boolean }> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const user = await repo.selectUserById(tx, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { name: user.name, email: user.email, role: user.role, hasPassword: !!user.passwordHash };
}

export function roleFromString(value: string): Role {
  const parsed = z.enum(roles).safeParse(value);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'role', message: `Ukendt rolle. Gyldige roller: ${roles.join(', ')}` }],
    });
  }
  return parsed.data;
}
