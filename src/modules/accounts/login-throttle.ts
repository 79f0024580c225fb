/**
 * Login throttling, per account and per address, shared by every app instance through the
 * database. A few failures are free (typos); after that each failure locks the key for
 * twice as long as the last, up to a quarter of an hour. A correct password does not open a
 * locked account early, so guessing gains nothing from the lock's end being unknown.
 */
export type ThrottleState = { failures: number; lastFailureAt: Date; lockedUntil: Date | null };

export const throttleRules = {
  account: { freeFailures: 5 },
  address: { freeFailures: 20 },
  /** Failures older than this are forgotten. */
  windowMs: 15 * 60 * 1000,
  maxLockMs: 15 * 60 * 1000,
} as const;

export type ThrottleKind = keyof Pick<typeof throttleRules, 'account' | 'address'>;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}

/** The state after one more failure at `now`. */
export function afterFailure(
  kind: ThrottleKind,
  previous: ThrottleState | undefined,
  now: Date,
): ThrottleState {
  const isRecent =
    previous !== undefined &&
    now.getTime() - previous.lastFailureAt.getTime() <= throttleRules.windowMs;
  const failures = isRecent ? previous.failures + 1 : 1;
  const overLimit = failures - throttleRules[kind].freeFailures;
  if (overLimit <= 0) return { failures, lastFailureAt: now, lockedUntil: null };
  const lockMs = Math.min(throttleRules.maxLockMs, 60_000 * 2 ** (overLimit - 1));
  return { failures, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lockMs) };
}

/** Whole minutes until the lock ends (at least 1), or 0 when not locked. */
export function lockedMinutes(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000));
}
