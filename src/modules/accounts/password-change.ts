import { recordAudit } from '../../platform/audit/record-audit';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { inTransaction } from '../../platform/db/transaction';
import { AppError, type ErrorDetail } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { newPasswordProblem } from './password-policy';
import * as repo from './repository';
import { validationFailed } from './users';
import { loginKeys, countLoginAttempt, forgiveLoginAttempt } from './sign-in';

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
