import { recordAudit } from '../../platform/audit/record-audit';
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/password';
import { type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { type Tx } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import {
  lockSchedule,
  lockedMinutes,
  throttleKey,
  throttleRules,
  type ThrottleKind,
} from './login-throttle';
import * as repo from './repository';
import type { SsoIdentity } from './single-sign-on';

// A hash of a random password, checked when the e-mail is unknown so both paths take as long.
// Made on the first login rather than at import, so start-up and CLI commands do not pay for it.
let decoyHash: Promise<string> | undefined;

type LoginKeys = Record<ThrottleKind, string>;

export function loginKeys(email: string, address: string): LoginKeys {
  return { account: throttleKey('account', email), address: throttleKey('address', address) };
}

/**
 * Counts a login attempt against the address and the account before its password is checked
 * (login-throttle.ts), and refuses it when either was locked. An attempt the address's lock
 * refuses is not counted against the account: a locked-out sender cannot go on lengthening
 * someone's lock. Each count is its own statement outside any transaction, so it sticks although
 * the attempt fails.
 */
export async function countLoginAttempt(db: Db, keys: LoginKeys): Promise<void> {
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
export async function forgiveLoginAttempt(db: Db, keys: LoginKeys): Promise<void> {
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
  // A deactivated account gets the same answer as a wrong password: it reveals nothing.
  if (!user || !user.passwordHash || !isValid || user.deactivatedAt)
    throw new AppError('INVALID_CREDENTIALS');
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
  if (known?.deactivatedAt)
    throw new AppError('FORBIDDEN', { message: da.auth.accountDeactivated });
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
