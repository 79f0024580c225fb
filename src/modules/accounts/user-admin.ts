// User management for administrators: create and invite, change role, link to a person,
// deactivate and reactivate. Signing in stays in sign-in.ts; these only change who may.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { hashPassword } from '../../platform/auth/password';
import { can, type Actor } from '../../platform/auth/policy';
import { roles, type Role } from '../../platform/auth/roles';
import type { Db } from '../../platform/db/client';
import { inTransaction, type Tx } from '../../platform/db/transaction';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { enqueueMail } from '../../platform/mail/index';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { readPerson, readPersons, type PersonRow } from '../organizations/index';
import { newPasswordProblem } from './password-policy';
import * as repo from './repository';
import { validationFailed } from './users';

const t = da.userAdmin;

/** How long an invitation link works. */
export const invitationLifetimeHours = 72;

export type ManagedUser = {
  user: repo.UserRow;
  person: PersonRow | null;
  /** An invitation link was sent and can still be used. */
  isInvited: boolean;
};

const roleField = z.enum(roles, {
  error: `Ukendt rolle. Gyldige roller: ${roles.join(', ')}`,
});

export const newManagedUser = z.object({
  email: z.email({ error: da.validation.email }).transform((email) => email.toLowerCase()),
  role: roleField,
  personId: z.uuid({ error: da.validation.uuid }).nullish(),
  name: z
    .string()
    .trim()
    .max(200, { error: da.validation.tooLong(200) })
    .nullish()
    .transform((name) => name || undefined),
});

export const userChanges = z.object({
  role: roleField.optional(),
  personId: z.uuid({ error: da.validation.uuid }).nullish(),
  name: z
    .string()
    .trim()
    .min(1, { error: da.validation.required })
    .max(200, { error: da.validation.tooLong(200) })
    .optional(),
  active: z.boolean().optional(),
});

/** What a form or the API sends; the role is checked here, so a bad one gets a Danish 400. */
export type NewManagedUser = {
  email: string;
  role: string;
  personId?: string | null;
  name?: string | null;
};

export type UserChanges = {
  role?: string;
  personId?: string | null;
  name?: string;
  active?: boolean;
};

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(
    result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  );
}

/** Refuses everyone but those who manage users (a page that only shows a form checks this). */
export function requireManage(actor: Actor): void {
  if (!can(actor, 'user.manage')) throw new AppError('FORBIDDEN');
}

/** What an audit entry may show of a user (never the hash). */
function audited(user: repo.UserRow) {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

/** The person a user is to be linked to: it must exist (400) and be active (409). */
async function linkablePerson(tx: Db, personId: string): Promise<PersonRow> {
  const person = await readPerson({ tx }, personId);
  if (!person) throw validationError('personId', da.validation.unknownPerson);
  if (person.deactivatedAt) throw new AppError('PERSON_DEACTIVATED');
  return person;
}

async function requireFreeEmail(tx: Db, email: string): Promise<void> {
  if (await repo.selectUserByEmail(tx, email)) throw new AppError('EMAIL_TAKEN');
}

/** The URL with an invitation token replaced by "…", for logs: the link is a credential. */
export function maskInvitationToken(url: string): string {
  return url.replace(/^\/invitation\/[^/?#]+/, '/invitation/…');
}

const hashInvitation = (token: string) => createHash('sha256').update(token).digest('hex');

/** Every user with their person and whether an invitation is open. */
export async function listManagedUsers({ actor, tx }: ServiceContext): Promise<ManagedUser[]> {
  requireManage(actor);
  const users = await repo.selectUsers(tx);
  const persons = await readPersons(
    { tx },
    users.flatMap((user) => (user.personId ? [user.personId] : [])),
  );
  const invited = await repo.selectUserIdsWithOpenInvitation(tx, new Date());
  return users.map((user) => ({
    user,
    person: user.personId ? (persons.get(user.personId) ?? null) : null,
    isInvited: invited.has(user.id),
  }));
}

/** One user; NOT_FOUND for an unknown id. */
export async function getManagedUser({
  actor,
  tx,
  id,
}: ServiceContext & { id: string }): Promise<ManagedUser> {
  requireManage(actor);
  const user = await repo.selectUserById(tx, id);
  if (!user) throw new AppError('NOT_FOUND');
  const person = user.personId ? ((await readPerson({ tx }, user.personId)) ?? null) : null;
  const invited = await repo.selectUserIdsWithOpenInvitation(tx, new Date());
  return { user, person, isInvited: invited.has(user.id) };
}

/**
 * Queues an invitation mail with a one-time link to set a password. Only the link's hash is
 * stored; the link works once, for `invitationLifetimeHours`, and replaces earlier ones.
 */
async function sendInvitation(
  { actor, tx }: WriteContext,
  user: repo.UserRow,
  linkBase: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await repo.replaceInvitation(tx, {
    userId: user.id,
    tokenHash: hashInvitation(token),
    expiresAt: new Date(Date.now() + invitationLifetimeHours * 60 * 60 * 1000),
  });
  await enqueueMail(tx, {
    to: user.email,
    subject: t.invitationSubject,
    body: t.invitationBody(user.name, `${linkBase}/invitation/${token}`, invitationLifetimeHours),
  });
  await recordAudit(tx, {
    actor,
    action: 'user.invite',
    entityType: 'user',
    entityId: user.id,
    after: { email: user.email, hours: invitationLifetimeHours },
  });
}

/**
 * Creates a user without a password and e-mails them an invitation to choose one. The name is
 * the person's when none is given. An e-mail in use (409), an unknown (400) or deactivated (409)
 * person are refused before anything is written.
 */
export async function createManagedUser({
  actor,
  tx,
  input,
  linkBase,
}: WriteContext & {
  input: NewManagedUser;
  /** The public base URL the invitation link starts with. */
  linkBase: string;
}): Promise<repo.UserRow> {
  requireManage(actor);
  const values = parsed(newManagedUser, input);
  const person = values.personId ? await linkablePerson(tx, values.personId) : undefined;
  const name = values.name ?? person?.name;
  if (!name) throw validationError('name', da.validation.required);
  await requireFreeEmail(tx, values.email);
  const user = await repo.insertUser(tx, {
    email: values.email,
    name,
    role: values.role,
    personId: person?.id ?? null,
    passwordHash: null,
  });
  await recordAudit(tx, {
    actor,
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    after: audited(user),
  });
  await sendInvitation({ actor, tx }, user, linkBase);
  return user;
}

/** Sends a user a new invitation link (the old one stops working). */
export async function inviteUser({
  actor,
  tx,
  id,
  linkBase,
}: WriteContext & { id: string; linkBase: string }): Promise<repo.UserRow> {
  requireManage(actor);
  const user = await repo.selectUserById(tx, id);
  if (!user) throw new AppError('NOT_FOUND');
  if (user.deactivatedAt) throw new AppError('CONFLICT', { message: t.inviteDeactivated });
  if (user.oidcSubject) throw new AppError('CONFLICT', { message: t.inviteSingleSignOn });
  await sendInvitation({ actor, tx }, user, linkBase);
  return user;
}

const isSelf = (actor: Actor, id: string) => actor.kind === 'user' && actor.userId === id;

/**
 * Changes a user's role, name, person or state. Deactivating ends every session, revokes every
 * API token and voids open invitations in the same transaction; an administrator cannot lock
 * themselves out (deactivate or demote their own account).
 */
export async function updateManagedUser({
  actor,
  tx,
  id,
  input,
}: WriteContext & { id: string; input: UserChanges }): Promise<repo.UserRow> {
  requireManage(actor);
  const changes = parsed(userChanges, input);
  const before = await repo.selectUserForUpdate(tx, id);
  if (!before) throw new AppError('NOT_FOUND');
  if (
    isSelf(actor, id) &&
    (changes.active === false || (changes.role !== undefined && changes.role !== before.role))
  )
    throw new AppError('CONFLICT', { message: t.ownAccount });
  if (changes.personId && changes.personId !== before.personId)
    await linkablePerson(tx, changes.personId);
  const isDeactivating = changes.active === false && before.deactivatedAt === null;
  const deactivatedAt =
    changes.active === undefined
      ? before.deactivatedAt
      : changes.active
        ? null
        : (before.deactivatedAt ?? new Date());
  const user = await repo.updateUser(tx, id, {
    role: changes.role,
    name: changes.name,
    personId: changes.personId === undefined ? undefined : changes.personId,
    deactivatedAt,
  });
  const ended = isDeactivating
    ? {
        endedSessions: await repo.deleteSessionsOfUser(tx, id),
        revokedTokens: await repo.deleteTokensOfUser(tx, id),
      }
    : undefined;
  if (isDeactivating) await repo.deleteInvitationsOfUser(tx, id);
  await recordAudit(tx, {
    actor,
    action: isDeactivating
      ? 'user.deactivate'
      : before.deactivatedAt && !user.deactivatedAt
        ? 'user.reactivate'
        : 'user.update',
    entityType: 'user',
    entityId: id,
    before: audited(before),
    after: { ...audited(user), ...ended },
  });
  return user;
}

/** The account an invitation link is for, or INVITATION_INVALID (used, expired, replaced). */
export async function readInvitation(db: Db, token: string): Promise<{ email: string }> {
  return inTransaction(db, async (tx) => {
    const { user } = await openInvitation(tx, token);
    return { email: user.email };
  });
}

async function openInvitation(tx: Tx, token: string) {
  const invitation = await repo.selectOpenInvitationForUpdate(
    tx,
    hashInvitation(token),
    new Date(),
  );
  const user = invitation ? await repo.selectUserById(tx, invitation.userId) : undefined;
  if (!invitation || !user || user.deactivatedAt) throw new AppError('INVITATION_INVALID');
  return { invitation, user };
}

/**
 * Sets the invited user's password and uses the link up, in one transaction (two tabs posting
 * at once: the second waits on the row lock, then finds it used).
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string; repeat: string; requestId?: string },
): Promise<{ email: string; role: Role }> {
  return inTransaction(db, async (tx) => {
    const { invitation, user } = await openInvitation(tx, input.token);
    const problem = newPasswordProblem(input.password, user);
    if (problem) throw validationFailed([{ field: 'password', message: problem }]);
    if (input.password !== input.repeat)
      throw validationFailed([{ field: 'repeat', message: da.validation.passwordMismatch }]);
    const now = new Date();
    await repo.markInvitationUsed(tx, invitation.id, now);
    await repo.updateUser(tx, user.id, {
      passwordHash: await hashPassword(input.password),
      mustChangePassword: false,
      passwordChangedAt: now,
    });
    await recordAudit(tx, {
      actor: { kind: 'system', label: 'invitation', requestId: input.requestId },
      action: 'user.acceptInvitation',
      entityType: 'user',
      entityId: user.id,
    });
    return { email: user.email, role: user.role };
  });
}
