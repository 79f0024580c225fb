import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  lockedMinutes,
  throttleKey,
  throttleRules,
  type ThrottleState,
} from './login-throttle';

const start = new Date('2026-11-29T10:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

function failTimes(kind: 'account' | 'address', count: number, spacingMs = 1000) {
  let state: ThrottleState | undefined;
  for (let index = 0; index < count; index += 1)
    state = afterFailure(kind, state, later(index * spacingMs));
  return state;
}

describe('login throttle', () => {
  it('lets the first failures pass, then locks for 1, 2, 4 … minutes up to 15', () => {
    expect(failTimes('account', 5)?.lockedUntil).toBeNull();
    const locks = [6, 7, 8, 9, 10, 11].map((count) => {
      const state = failTimes('account', count)!;
      return (state.lockedUntil!.getTime() - state.lastFailureAt.getTime()) / 60_000;
    });
    expect(locks).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it('allows an address more failures than an account (many users behind one proxy)', () => {
    expect(failTimes('address', 20)?.lockedUntil).toBeNull();
    expect(failTimes('address', 21)?.lockedUntil).not.toBeNull();
  });

  it('forgets failures older than the window', () => {
    const state = failTimes('account', 5, throttleRules.windowMs + 1);
    expect(state?.failures).toBe(1);
    expect(state?.lockedUntil).toBeNull();
  });

  it('reports whole minutes left, and none once the lock has passed', () => {
    const state = failTimes('account', 7)!;
    expect(lockedMinutes(state, state.lastFailureAt)).toBe(2);
    expect(lockedMinutes(state, new Date(state.lastFailureAt.getTime() + 61_000))).toBe(1);
    expect(lockedMinutes(state, state.lockedUntil!)).toBe(0);
    expect(lockedMinutes(undefined, start)).toBe(0);
  });

  it('keys accounts case-insensitively', () => {
    expect(throttleKey('account', ' Sofie@Aarhus.dk ')).toBe('account:sofie@aarhus.dk');
  });

  it('never locks longer than the maximum, whatever the failures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('account' as const, 'address' as const),
        fc.array(fc.integer({ min: 0, max: 20 * 60 * 1000 }), { maxLength: 60 }),
        (kind, gaps) => {
          let state: ThrottleState | undefined;
          let now = start.getTime();
          for (const gap of gaps) {
            now += gap;
            state = afterFailure(kind, state, new Date(now));
            const lock = state.lockedUntil ? state.lockedUntil.getTime() - now : 0;
            expect(lock).toBeLessThanOrEqual(throttleRules.maxLockMs);
            expect(state.failures).toBeGreaterThanOrEqual(1);
          }
        },
      ),
    );
  });
});
