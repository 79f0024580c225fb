import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lockMsAfter,
  lockSchedule,
  lockedMinutes,
  throttleKey,
  throttleRules,
} from './login-throttle';

const minutes = (ms: number) => ms / 60_000;

describe('login throttle', () => {
  it('lets the first failures pass, then locks for 1, 2, 4 … minutes up to 15', () => {
    expect([1, 2, 3, 4, 5].map((count) => lockMsAfter('account', count))).toEqual([0, 0, 0, 0, 0]);
    const locks = [6, 7, 8, 9, 10, 11].map((count) => minutes(lockMsAfter('account', count)));
    expect(locks).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it('allows an address more failures than an account (many users behind one proxy)', () => {
    expect(lockMsAfter('address', 20)).toBe(0);
    expect(minutes(lockMsAfter('address', 21))).toBe(1);
  });

  it('gives the database a table that ends at the longest lock', () => {
    expect(lockSchedule('account').map(minutes)).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 15]);
    expect(lockSchedule('address')).toHaveLength(25);
  });

  it('looks up the same lock as the rule for any count, past the end of the table too', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('account' as const, 'address' as const),
        fc.integer({ min: 1, max: 10_000 }),
        (kind, failures) => {
          const schedule = lockSchedule(kind);
          const looked = schedule[Math.min(failures, schedule.length) - 1];
          expect(looked).toBe(lockMsAfter(kind, failures));
          expect(looked).toBeLessThanOrEqual(throttleRules.maxLockMs);
        },
      ),
    );
  });

  it('reports whole minutes left, and none once the lock has passed', () => {
    const now = new Date('2026-11-29T10:00:00Z');
    const lockedUntil = new Date(now.getTime() + 2 * 60_000);
    expect(lockedMinutes(lockedUntil, now)).toBe(2);
    expect(lockedMinutes(lockedUntil, new Date(now.getTime() + 61_000))).toBe(1);
    expect(lockedMinutes(lockedUntil, lockedUntil)).toBe(0);
    expect(lockedMinutes(null, now)).toBe(0);
  });

  it('keys accounts case-insensitively', () => {
    expect(throttleKey('account', ' Sofie@Aarhus.dk ')).toBe('account:sofie@aarhus.dk');
  });
});
