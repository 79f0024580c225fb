import type { SessionStore } from '@fastify/session';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/password';
import { can, type Actor } from '../../platform/auth/policy';
import { roles, type Role } from '../../platform/auth/roles';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import { afterFailure, lockedMinutes, throttleKey } from './login-throttle';
import * as repo from './repository';
import type { SsoIdentity } from './single-sign-on';

type Ctx = { actor: Actor; tx: Db };

export const initialAdministratorEmail = 'administrator@dagsorden.local';

const minimumPasswordLength = 12;

export const newUserInput = z.object({
  email: z.email({ error: da.validation.email }).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(roles),
  password: z
    .string()
    .min(minimumPasswordLength, { error: da.validation.passwordLength })
    .optional(),
  personId: z.uuid().optional(),
});

/** Hides the hash: what an audit entry or an API answer may show of a user. */
function publicUser(user: repo.UserRow) {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

/**
 * Creates a local account. Without a password one is generated and must be changed at the
 * first login; it is returned once and never stored in clear.
 */
export async function createUser(
  { actor, tx }: Ctx,
  rawInput: z.input<typeof newUserInput>,
): Promise<{ user: repo.UserRow; password: string }> {
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
  if (await repo.selectUserByEmail(tx, input.email)) {
    throw new AppError('CONFLICT', { message: 'Der findes allerede en bruger med denne e-mail.' });
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
  tx: Db,
): Promise<{ email: string; password: string } | undefined> {
  if ((await repo.countUsers(tx)) > 0) return undefined;
  const { user, password } = await createUser(
    { actor: { kind: 'system', label: 'start-up' }, tx },
    { email: initialAdministratorEmail, name: 'Administrator', role: 'administrator' },
  );
  return { email: user.email, password };
}

// A hash of a random password, checked when the e-mail is unknown so both paths take as long.
// Made on the first login rather than at import, so start-up and CLI commands do not pay for it.
let decoyHash: Promise<string> | undefined;

/**
 * Checks e-mail and password; the same error for an unknown e-mail and a wrong password.
 * Failures count against the account and the address (login-throttle.ts), each in its own
 * statement so that they stick although the login fails.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<repo.UserRow> {
  const now = new Date();
  const keys = {
    account: throttleKey('account', input.email),
    address: throttleKey('address', input.address),
  } as const;
  const throttles = await repo.selectThrottles(db, Object.values(keys));
  const minutes = Math.max(
    lockedMinutes(throttles.get(keys.account), now),
    lockedMinutes(throttles.get(keys.address), now),
  );
  if (minutes > 0) throw new AppError('RATE_LIMITED', { message: da.auth.accountLocked(minutes) });

  const user = await repo.selectUserByEmail(db, input.email.trim());
  decoyHash ??= hashPassword(generatePassword());
  const isValid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !user.passwordHash || !isValid) {
    for (const kind of ['account', 'address'] as const)
      await repo.upsertThrottle(db, keys[kind], afterFailure(kind, throttles.get(keys[kind]), now));
    throw new AppError('INVALID_CREDENTIALS');
  }
  await repo.deleteThrottle(db, keys.account);
  return user;
}

/**
 * The user for a single sign-on identity: found by its subject, else an existing account linked
 * by e-mail, else created. Linking by e-mail needs the provider to vouch for the address
 * (email_verified) and an account not yet linked to another subject: otherwise anyone who can
 * put someone else's address in their provider profile would take over that account.
 * Name and role follow the provider at every login, so access is managed there.
 */
export async function signInWithSso(
  tx: Db,
  identity: SsoIdentity,
  requestId: string,
): Promise<repo.UserRow> {
  const actor: Actor = { kind: 'system', label: 'single sign-on', requestId };
  const bySubject = await repo.selectUserByOidcSubject(tx, identity.subject);
  const byEmail = bySubject ? undefined : await repo.selectUserByEmail(tx, identity.email);
  if (byEmail && (!identity.emailVerified || byEmail.oidcSubject !== null))
    throw new AppError('FORBIDDEN', { message: da.auth.ssoEmailTaken });
  const known = bySubject ?? byEmail;
  if (!known) {
    const user = await repo.insertUser(tx, {
      email: identity.email,
      name: identity.name,
      role: identity.role,
      oidcSubject: identity.subject,
      passwordHash: null,
    });
    await recordAudit(tx, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, via: 'oidc' },
    });
    return user;
  }
  // A new address at the provider that another account already has is not taken over.
  const emailOwner =
    identity.email === known.email ? known : await repo.selectUserByEmail(tx, identity.email);
  const changes = {
    email: emailOwner && emailOwner.id !== known.id ? known.email : identity.email,
    name: identity.name,
    role: identity.role,
    oidcSubject: identity.subject,
  };
  if (Object.entries(changes).every(([key, value]) => known[key as keyof typeof changes] === value))
    return known;
  const user = await repo.updateUser(tx, known.id, changes);
  await recordAudit(tx, {
    actor,
    action: bySubject ? 'user.update' : 'user.linkSingleSignOn',
    entityType: 'user',
    entityId: user.id,
    before: { email: known.email, name: known.name, role: known.role },
    after: { email: user.email, name: user.name, role: user.role, via: 'oidc' },
  });
  return user;
}

export async function recordLogin(tx: Db, user: repo.UserRow, requestId: string): Promise<void> {
  await recordAudit(tx, {
    actor: {
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      personId: user.personId,
      organizationIds: [],
      requestId,
    },
    action: 'user.login',
    entityType: 'user',
    entityId: user.id,
  });
}

/** Sets a user's own new password and clears the one-time flag. */
export async function changeOwnPassword(
  { actor, tx }: Ctx,
  input: { password: string; repeat: string },
): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const details = [];
  if (input.password.length < minimumPasswordLength)
    details.push({ field: 'password', message: da.validation.passwordLength });
  if (input.password !== input.repeat)
    details.push({ field: 'repeat', message: da.validation.passwordMismatch });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
  await repo.updateUser(tx, actor.userId, {
    passwordHash: await hashPassword(input.password),
    mustChangePassword: false,
  });
  await recordAudit(tx, {
    actor,
    action: 'user.changePassword',
    entityType: 'user',
    entityId: actor.userId,
  });
}

const tokenPrefix = 'dgs_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a personal API token for a user; the token is returned once, only its hash is kept. */
export async function createApiToken(
  { actor, tx }: Ctx,
  input: { email: string; name?: string },
): Promise<string> {
  const user = await repo.selectUserByEmail(tx, input.email);
  if (!user) throw new AppError('NOT_FOUND', { message: 'Brugeren findes ikke.' });
  const isOwn = actor.kind === 'user' && actor.userId === user.id;
  if (!(isOwn ? can(actor, 'token.createOwn') : can(actor, 'user.manage')))
    throw new AppError('FORBIDDEN');
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  const row = await repo.insertToken(tx, {
    userId: user.id,
    tokenHash: hashToken(token),
    name: input.name ?? 'API-token',
  });
  await recordAudit(tx, {
    actor,
    action: 'apiToken.create',
    entityType: 'apiToken',
    entityId: row.id,
    after: { userId: user.id, name: row.name },
  });
  return token;
}

function toActor(row: repo.ActorRow, requestId: string): Actor {
  const { user, organizationIds } = row;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    personId: user.personId,
    organizationIds,
    requestId,
  };
}

export async function actorForUser(
  tx: Db,
  userId: string,
  requestId: string,
): Promise<Actor | undefined> {
  const row = await repo.selectActorRow(tx, userId, toLocalDate(new Date()));
  return row ? toActor(row, requestId) : undefined;
}

export async function actorForToken(
  tx: Db,
  token: string,
  requestId: string,
): Promise<Actor | undefined> {
  if (!token.startsWith(tokenPrefix)) return undefined;
  const row = await repo.selectActorRowByTokenHash(tx, hashToken(token), toLocalDate(new Date()));
  return row ? toActor(row, requestId) : undefined;
}

const defaultSessionLifetimeMs = 8 * 60 * 60 * 1000;

/** @fastify/session store on the sessions table, so sessions survive restarts. */
export function createSessionStore(getDb: () => Db): SessionStore {
  return {
    get(sessionId, callback) {
      repo.selectSession(getDb(), sessionId).then(
        (data) => callback(null, (data ?? null) as never),
        (error: unknown) => callback(error as Error),
      );
    },
    set(sessionId, session, callback) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires) : undefined;
      const expiresAt = expires ?? new Date(Date.now() + defaultSessionLifetimeMs);
      repo.upsertSession(getDb(), sessionId, JSON.parse(JSON.stringify(session)), expiresAt).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
    destroy(sessionId, callback) {
      repo.deleteSession(getDb(), sessionId).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
  };
}

/** Sessions past their expiry are useless; removing them keeps the table small. */
export function purgeExpiredSessions(tx: Db): Promise<void> {
  return repo.deleteExpiredSessions(tx);
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
