import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest, isEngineUnavailable, openTestDatabase } from '../../../test/database';
import type { TestDatabase } from '../../../test/database';
import { loginThrottles } from './db-schema';
import { lockSchedule, throttleRules, type ThrottleKind } from './login-throttle';
import { countLoginAttempt, takeBackLoginAttempt } from './repository';

const start = new Date('2026-11-29T10:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);
const minute = 60_000;

describe.skipIf(isEngineUnavailable())('login attempts counted in the database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  const count = (kind: ThrottleKind, key: string, now: Date) =>
    countLoginAttempt(t.database.db, key, {
      now,
      windowMs: throttleRules.windowMs,
      schedule: lockSchedule(kind),
    });
  const row = async (key: string) => {
    const [found] = await t.database.db
      .select()
      .from(loginThrottles)
      .where(eq(loginThrottles.key, key));
    return found;
  };

  it.each([
    ['account', 40],
    ['address', 60],
  ] as const)(
    'counts %s attempts sent in parallel one by one, and lets only the free ones and one more through',
    async (kind, attempts) => {
      const key = `${kind}:parallel-${engineUnderTest()}`;
      // On PostgreSQL these run on separate pooled connections at the same time.
      const verdicts = await Promise.all(
        Array.from({ length: attempts }, () => count(kind, key, start)),
      );
      const allowed = verdicts.filter((verdict) => !verdict.isRefused);
      expect(allowed).toHaveLength(throttleRules[kind].freeFailures + 1);
      expect(verdicts.map((verdict) => verdict.failures).sort((a, b) => a - b)).toEqual(
        Array.from({ length: attempts }, (_, index) => index + 1),
      );
      expect((await row(key))?.failures).toBe(attempts);
      expect((await row(key))?.lockedUntil).toEqual(later(minute));
      if (engineUnderTest() === 'postgresql') {
        // The pool opens a connection only when every open one is busy: several open
        // connections show the attempts really ran at the same time.
        const result = (await t.database.db.execute(
          sql`SELECT count(*)::int AS connections FROM pg_stat_activity WHERE datname = current_database()`,
        )) as unknown as { rows: Array<{ connections: number }> };
        expect(result.rows[0]!.connections).toBeGreaterThan(1);
      }
    },
  );

  it('locks for 1, 2, 4 … minutes, keeps the end for refused attempts, and forgets after the window', async () => {
    const key = 'account:rules@test.dk';
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect(await count('account', key, later(attempt))).toMatchObject({
        failures: attempt,
        lockedUntil: null,
        isRefused: false,
      });
    // The sixth is checked (a typo more is allowed) and locks the next ones out for a minute.
    expect(await count('account', key, later(10))).toMatchObject({
      failures: 6,
      lockedUntil: later(10 + minute),
      isRefused: false,
    });
    // Refused attempts count but do not move the end of the lock.
    expect(await count('account', key, later(20))).toMatchObject({
      failures: 7,
      lockedUntil: later(10 + minute),
      isRefused: true,
    });
    // After the lock, the next attempt is checked, and locks for as long as its count says.
    expect(await count('account', key, later(10 + minute))).toMatchObject({
      failures: 8,
      lockedUntil: later(10 + minute + 4 * minute),
      isRefused: false,
    });
    // A quiet window later the count starts over.
    expect(
      await count('account', key, later(10 + minute + throttleRules.windowMs + 1)),
    ).toMatchObject({ failures: 1, lockedUntil: null, isRefused: false });
  });

  it('takes a successful attempt back from an address, with the lock it alone started', async () => {
    const key = 'address:192.0.2.44';
    for (let attempt = 1; attempt <= 21; attempt += 1) await count('address', key, later(attempt));
    expect(await row(key)).toMatchObject({ failures: 21, lockedUntil: later(21 + minute) });
    await takeBackLoginAttempt(t.database.db, key, throttleRules.address.freeFailures);
    expect(await row(key)).toMatchObject({ failures: 20, lockedUntil: null });
    for (let attempt = 22; attempt <= 23; attempt += 1) await count('address', key, later(attempt));
    await takeBackLoginAttempt(t.database.db, key, throttleRules.address.freeFailures);
    // 21 failures are left: the lock they earned stays.
    expect(await row(key)).toMatchObject({ failures: 21, lockedUntil: later(22 + minute) });
  });
});
