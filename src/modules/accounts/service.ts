import type { SessionStore } from '@fastify/session';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/password';
import { can, type Actor } from '../../platform/auth/policy';
import { roles, type Role } from '../../platform/auth/roles';
import type { Db } from '../../platform/db/client';
import { inTransaction, type Tx } from '../../platform/db/transaction';
import { AppError, type ErrorDetail } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import {
  lockSchedule,
  lockedMinutes,
  throttleKey,
  throttleRules,
  type ThrottleKind,
} from './login-throttle';
import { newPasswordProblem } from './password-policy';
import * as repo from './repository';
import type { SsoIdentity } from './single-sign-on';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export const initialAdministratorEmail = 'administrator@dagsorden.local';

export const newUserInput = z.object({
  email: z.email({ error: da.validation.email }).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(roles),
  password: z.string().optional(),
  personId: z.uuid().optional(),
});

function validationFailed(details: readonly ErrorDetail[]): AppError {
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
export async function createUser(
  { actor, tx }: WriteContext,
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
  // A password chosen for someone meets the same bar as one they choose themselves.
  const problem =
    input.password === undefined ? undefined : newPasswordProblem(input.password, input);
  if (problem) throw validationFailed([{ field: 'password', message: problem }]);
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
  tx: Tx,
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

type LoginKeys = Record<ThrottleKind, string>;

function loginKeys(email: string, address: string): LoginKeys {
  return { account: throttleKey('account', email), address: throttleKey('address', address) };
}

/**
 * Counts a login attempt against the address and the account before its password is checked
 * (login-throttle.ts), and refuses it when either was locked. An attempt the address's lock
 * refuses is not counted against the account: a locked-out sender cannot go on lengthening
 * someone's lock. Each count is its own statement outside any transaction, so it sticks although
 * the attempt fails.
 */
async function countLoginAttempt(db: Db, keys: LoginKeys): Promise<void> {
  const now = new Date();
  for (const kind of ['address', 'account'] as const) {
    const verdict = await repo.countLoginAttempt(db, keys[kind], {
      now,
      windowMs: throttleRules.windowMs,
      schedule: lockSchedule(kind),
    });
    if (verdict.isRefused) {
      const minutes = Math.max(1, lockedMinutes(verdict.lockedUntil, now));
      throw new AppError('RATE_LIMITED', { message: da.auth.accountLocked(minutes) });
    }
  }
}

/** A correct password clears the account's count and takes its attempt back from the address. */
async function forgiveLoginAttempt(db: Db, keys: LoginKeys): Promise<void> {
  await repo.deleteThrottle(db, keys.account);
  await repo.takeBackLoginAttempt(db, keys.address, throttleRules.address.freeFailures);
}

/**
 * Checks e-mail and password; the same error for an unknown e-mail and a wrong password.
 * The attempt is counted first, so parallel guesses cannot all pass a check made before any of
 * them failed.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<repo.UserRow> {
  const keys = loginKeys(input.email, input.address);
  await countLoginAttempt(db, keys);
  const user = await repo.selectUserByEmail(db, input.email.trim());
  decoyHash ??= hashPassword(generatePassword());
  const isValid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !user.passwordHash || !isValid) throw new AppError('INVALID_CREDENTIALS');
  await forgiveLoginAttempt(db, keys);
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
  tx: Tx,
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

export async function recordLogin(tx: Tx, user: repo.UserRow, requestId: string): Promise<void> {
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

export type PasswordChange = {
  /** Required unless `isOneTimeChange`. */
  currentPassword?: string;
  newPassword: string;
  /** The new password typed again, where a form asks for it. */
  repeat?: string;
  /**
   * The session was signed in with a one-time password and can do nothing but this: the user
   * typed the current password moments ago, so it is not asked for again.
   */
  isOneTimeChange: boolean;
  /** The request's address, for the throttle on guessing the current password. */
  address: string;
};

/**
 * Sets a user's own new password and clears the one-time flag. The current password is checked
 * like a login (counted, throttled), so a stolen session cannot guess it faster. On success
 * every session of the user and every API token are ended, in the same transaction; the caller
 * gives the browser that made the change a new session.
 */
export async function changeOwnPassword(
  { actor, db }: { actor: Actor; db: Db },
  input: PasswordChange,
): Promise<{ endedSessions: number; revokedTokens: number }> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const user = await repo.selectUserById(db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!user.passwordHash)
    throw new AppError('FORBIDDEN', { message: da.auth.passwordManagedBySso });
  const t = da.auth;
  const details: ErrorDetail[] = [];
  const current = input.currentPassword ?? '';
  if (!input.isOneTimeChange && current === '')
    details.push({ field: 'currentPassword', message: da.validation.required });
  const problem = newPasswordProblem(input.newPassword, user);
  if (problem) details.push({ field: 'newPassword', message: problem });
  if (input.repeat !== undefined && input.repeat !== input.newPassword)
    details.push({ field: 'repeat', message: da.validation.passwordMismatch });
  if (details.length > 0) throw validationFailed(details);

  if (!input.isOneTimeChange) {
    const keys = loginKeys(user.email, input.address);
    await countLoginAttempt(db, keys);
    if (!(await verifyPassword(user.passwordHash, current)))
      throw validationFailed([{ field: 'currentPassword', message: t.currentPasswordWrong }]);
    await forgiveLoginAttempt(db, keys);
  }
  const isSame = input.isOneTimeChange
    ? await verifyPassword(user.passwordHash, input.newPassword)
    : input.newPassword === current;
  if (isSame)
    throw validationFailed([{ field: 'newPassword', message: t.newPasswordSameAsCurrent }]);

  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (tx) => {
    // Taken first: a token being made at this moment waits, then finds its session gone.
    await repo.selectUserForUpdate(tx, user.id);
    await repo.updateUser(tx, user.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    });
    const ended = {
      endedSessions: await repo.deleteSessionsOfUser(tx, user.id),
      revokedTokens: await repo.deleteTokensOfUser(tx, user.id),
    };
    await recordAudit(tx, {
      actor,
      action: 'user.changePassword',
      entityType: 'user',
      entityId: user.id,
      after: ended,
    });
    return ended;
  });
}

const tokenPrefix = 'dgs_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How long a new API token lasts: chosen when it is made, 90 days unless said otherwise. */
export const tokenLifetime = { defaultDays: 90, maxDays: 365 } as const;

const tokenInput = z.object({
  name: z
    .string({ error: da.validation.required })
    .trim()
    .min(1, { error: da.validation.required })
    .max(100, { error: da.validation.tooLong(100) }),
  expiresInDays: z
    .number({ error: da.auth.tokens.expiresInDays })
    .int({ error: da.auth.tokens.expiresInDays })
    .min(1, { error: da.auth.tokens.expiresInDays })
    .max(tokenLifetime.maxDays, { error: da.auth.tokens.expiresInDays })
    .default(tokenLifetime.defaultDays),
});

export type TokenInput = z.input<typeof tokenInput>;

function parseTokenInput(input: TokenInput): z.output<typeof tokenInput> {
  const parsed = tokenInput.safeParse(input);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    );
  return parsed.data;
}

async function issueToken(
  { actor, tx }: WriteContext,
  userId: string,
  input: z.output<typeof tokenInput>,
): Promise<{ token: string; row: repo.TokenRow }> {
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  const row = await repo.insertToken(tx, {
    userId,
    tokenHash: hashToken(token),
    name: input.name,
    expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
  });
  await recordAudit(tx, {
    actor,
    action: 'apiToken.create',
    entityType: 'apiToken',
    entityId: row.id,
    after: { userId, name: row.name, expiresAt: row.expiresAt.toISOString() },
  });
  return { token, row };
}

/**
 * Creates an API token for any user (the command line, administrators); the token is returned
 * once, only its hash is kept.
 */
export async function createApiToken(
  { actor, tx }: WriteContext,
  input: { email: string; name?: string; expiresInDays?: number },
): Promise<string> {
  if (!can(actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const parsed = parseTokenInput({ ...input, name: input.name ?? 'API-token' });
  const user = await repo.selectUserByEmail(tx, input.email);
  if (!user) throw new AppError('NOT_FOUND', { message: 'Brugeren findes ikke.' });
  return (await issueToken({ actor, tx }, user.id, parsed)).token;
}

export type OwnToken = Pick<
  repo.TokenRow,
  'id' | 'name' | 'createdAt' | 'expiresAt' | 'lastUsedAt'
>;

const ownToken = ({ id, name, createdAt, expiresAt, lastUsedAt }: repo.TokenRow): OwnToken => ({
  id,
  name,
  createdAt,
  expiresAt,
  lastUsedAt,
});

/**
 * Creates a personal API token from a signed-in browser session. A request signed in by a token
 * may not make more: a leaked token must not be able to outlive its own revocation or expiry.
 * The session is checked again under the user's row lock, so a token cannot be made by a session
 * that a password change is ending at the same moment.
 */
export async function createOwnApiToken(
  { actor, tx }: WriteContext,
  input: TokenInput & { sessionId: string | undefined },
): Promise<OwnToken & { token: string }> {
  if (actor.kind !== 'user' || !can(actor, 'token.createOwn')) throw new AppError('FORBIDDEN');
  if (input.sessionId === undefined)
    throw new AppError('FORBIDDEN', { message: da.auth.tokens.sessionRequired });
  const parsed = parseTokenInput(input);
  await repo.selectUserForUpdate(tx, actor.userId);
  const session = (await repo.selectSession(tx, input.sessionId, new Date())) as
    { userId?: unknown } | undefined;
  if (session?.userId !== actor.userId)
    throw new AppError('UNAUTHENTICATED', { message: da.auth.tokens.sessionEnded });
  const { token, row } = await issueToken({ actor, tx }, actor.userId, parsed);
  return { ...ownToken(row), token };
}

/** The signed-in user's API tokens, newest first. */
export async function listOwnApiTokens({ actor, tx }: ServiceContext): Promise<OwnToken[]> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return (await repo.selectTokensOfUser(tx, actor.userId)).map(ownToken);
}

/** Revokes one of the signed-in user's tokens (deletes it); another user's token is not found. */
export async function revokeOwnApiToken(
  { actor, tx }: WriteContext,
  tokenId: string,
): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const row = await repo.deleteTokenOfUser(tx, actor.userId, tokenId);
  if (!row) throw new AppError('NOT_FOUND', { message: da.auth.tokens.unknownToken });
  await recordAudit(tx, {
    actor,
    action: 'apiToken.revoke',
    entityType: 'apiToken',
    entityId: row.id,
    before: { userId: row.userId, name: row.name, expiresAt: row.expiresAt.toISOString() },
  });
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
  const now = new Date();
  const row = await repo.selectActorRowByTokenHash(tx, hashToken(token), now, toLocalDate(now));
  return row ? toActor(row, requestId) : undefined;
}

const defaultSessionLifetimeMs = 8 * 60 * 60 * 1000;

/** @fastify/session store on the sessions table, so sessions survive restarts. */
export function createSessionStore(getDb: () => Db): SessionStore {
  return {
    get(sessionId, callback) {
      repo.selectSession(getDb(), sessionId, new Date()).then(
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
