/**
 * Login throttling, per account and per address, shared by every app instance through the
 * database. A few failures are free (typos); after that each failure locks the key for twice
 * as long as the last, up to a quarter of an hour. A correct password does not open a locked
 * account early, so guessing gains nothing from the lock's end being unknown.
 *
 * An attempt is counted before its password is checked, in the same statement that decides
 * whether the key is locked (repository `countLoginAttempt`): attempts sent in parallel are
 * each counted and each see the lock the ones before them set, so a burst of guesses gets no
 * more of them checked than guesses sent one by one. Attempts refused by a lock count too (the
 * burst is remembered in the next lock's length) but do not move the lock's end. A successful
 * login clears the account's count and takes its attempt back from the address's count.
 */
export const throttleRules = {
  account: { freeFailures: 5 },
  address: { freeFailures: 20 },
  /** Failures older than this are forgotten. */
  windowMs: 15 * 60 * 1000,
  firstLockMs: 60 * 1000,
  maxLockMs: 15 * 60 * 1000,
} as const;

export type ThrottleKind = keyof Pick<typeof throttleRules, 'account' | 'address'>;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}

/** How long the key is locked after its `failures`-th failure in the window; 0 when free. */
export function lockMsAfter(kind: ThrottleKind, failures: number): number {
  const overLimit = failures - throttleRules[kind].freeFailures;
  if (overLimit <= 0) return 0;
  return Math.min(throttleRules.maxLockMs, throttleRules.firstLockMs * 2 ** (overLimit - 1));
}

/**
 * `lockMsAfter` as a table for the database to look up: entry i is the lock after i + 1
 * failures, and the last entry (the longest lock) holds for every count beyond the table.
 */
export function lockSchedule(kind: ThrottleKind): readonly number[] {
  const schedule: number[] = [];
  for (let failures = 1; ; failures += 1) {
    const lockMs = lockMsAfter(kind, failures);
    schedule.push(lockMs);
    if (lockMs === throttleRules.maxLockMs) return schedule;
  }
}

/** Whole minutes until the lock ends (at least 1), or 0 when not locked. */
export function lockedMinutes(lockedUntil: Date | null | undefined, now: Date): number {
  if (!lockedUntil || lockedUntil <= now) return 0;
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
