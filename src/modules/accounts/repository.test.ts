import { drizzle } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client';
import { lockSchedule, throttleRules } from './login-throttle';
import { loginAttemptUpsert, sessionQuery } from './repository';

// A Drizzle instance without a connection: enough to render SQL for review.
const db = drizzle.mock() as unknown as Db;

describe('account queries (SQL pinned for review)', () => {
  it('counts a login attempt and decides the lock in one statement', () => {
    const query = loginAttemptUpsert(db, 'account:sofie@aarhus.dk', {
      now: new Date('2026-11-29T10:00:00Z'),
      windowMs: throttleRules.windowMs,
      schedule: lockSchedule('account'),
    }).toSQL();
    expect(query.sql).toMatchInlineSnapshot(
      `"insert into "login_throttles" ("key", "failures", "last_failure_at", "locked_until", "last_attempt_refused") values ($1, $2, $3, $4::timestamptz + nullif(($5::integer[])[least(1, $6::integer)], 0) * interval '1 millisecond', $7) on conflict ("key") do update set "failures" = CASE WHEN "login_throttles"."last_failure_at" > $8::timestamptz - $9::integer * interval '1 millisecond' THEN "login_throttles"."failures" + 1 ELSE 1 END, "last_failure_at" = $10, "locked_until" = CASE WHEN coalesce("login_throttles"."locked_until" > $11::timestamptz, false) THEN "login_throttles"."locked_until" ELSE $12::timestamptz + nullif(($13::integer[])[least(CASE WHEN "login_throttles"."last_failure_at" > $14::timestamptz - $15::integer * interval '1 millisecond' THEN "login_throttles"."failures" + 1 ELSE 1 END, $16::integer)], 0) * interval '1 millisecond' END, "last_attempt_refused" = coalesce("login_throttles"."locked_until" > $17::timestamptz, false) returning "failures", "locked_until", "last_attempt_refused""`,
    );
    expect(query.params).toMatchInlineSnapshot(`
      [
        "account:sofie@aarhus.dk",
        1,
        "2026-11-29T10:00:00.000Z",
        "2026-11-29T10:00:00.000Z",
        "{0,0,0,0,0,60000,120000,240000,480000,900000}",
        10,
        false,
        "2026-11-29T10:00:00.000Z",
        900000,
        "2026-11-29T10:00:00.000Z",
        "2026-11-29T10:00:00.000Z",
        "2026-11-29T10:00:00.000Z",
        "{0,0,0,0,0,60000,120000,240000,480000,900000}",
        "2026-11-29T10:00:00.000Z",
        900000,
        10,
        "2026-11-29T10:00:00.000Z",
      ]
    `);
  });

  it('finds a session only when it was signed in after the last password change', () => {
    const query = sessionQuery(db, 'session-id', new Date('2026-11-29T10:00:00Z')).toSQL();
    expect(query.sql).toMatchInlineSnapshot(
      `"select "sessions"."data" from "sessions" left join "users" on "users"."id" = ("sessions"."data"->>'userId')::uuid where ("sessions"."id" = $1 and "sessions"."expires_at" > $2 and ("users"."password_changed_at" is null or ("sessions"."data"->>'signedInAt')::bigint >= floor(extract(epoch from "users"."password_changed_at") * 1000)))"`,
    );
  });
});
