import { drizzle } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client';
import { retentionStatement } from './repository';

// A Drizzle instance without a connection: enough to render SQL for review.
const db = drizzle.mock() as unknown as Db;

describe('retention rules (SQL pinned for review)', () => {
  it('deletes only drafts and returned papers never on an agenda, by their last change', () => {
    const query = retentionStatement(db, 'draftPapers', 12, 'Tidligere medlem').toSQL();
    expect(query.sql).toMatchInlineSnapshot(
      `"delete from "papers" where ("papers"."status" in ($1, $2) and "papers"."approved_version" is null and not exists (SELECT 1 FROM "agenda_items" WHERE "agenda_items"."paper_id" = "papers"."id") and greatest("papers"."updated_at", (SELECT max("paper_versions"."created_at") FROM "paper_versions" WHERE "paper_versions"."paper_id" = "papers"."id")) < now() - make_interval(months => $3::int)) returning "id""`,
    );
    expect(query.params).toEqual(['draft', 'returned', 12]);
  });

  it('anonymises people without account or recent membership, once', () => {
    const query = retentionStatement(db, 'departedPersons', 24, 'Tidligere medlem').toSQL();
    expect(query.sql).toMatchInlineSnapshot(`
      "update "persons" set "name" = $1, "title" = $2, "email" = $3, "phone" = $4, "unit" = $5, "party" = $6, "updated_at" = now() where (not exists (SELECT 1 FROM "users" WHERE "users"."person_id" = "persons"."id") and not exists (SELECT 1 FROM "memberships" WHERE "memberships"."person_id" = "persons"."id"
                    AND ("memberships"."end_date" IS NULL
                         OR "memberships"."end_date" >= (now() - make_interval(months => $7::int))::date)) and not exists (SELECT 1 FROM "follow_ups" WHERE "follow_ups"."owner_person_id" = "persons"."id"
                    AND "follow_ups"."status" = 'open') and not exists (SELECT 1 FROM "meetings" WHERE "meetings"."secretariat_contact_id" = "persons"."id"
                    AND "meetings"."ends_at" > now()) and "persons"."updated_at" < now() - make_interval(months => $8::int) and not ("persons"."name" = $9 and "persons"."email" is null and "persons"."phone" is null and "persons"."title" is null)) returning "id""
    `);
  });

  it('deletes old sessions, settled login throttles, sent mails and old audit events', () => {
    expect(retentionStatement(db, 'sessions', 30, '').toSQL().sql).toMatchInlineSnapshot(
      `"delete from "sessions" where "sessions"."expires_at" < now() - make_interval(days => $1::int) returning "id""`,
    );
    expect(retentionStatement(db, 'loginThrottles', 30, '').toSQL().sql).toMatchInlineSnapshot(
      `"delete from "login_throttles" where ("login_throttles"."last_failure_at" < now() - make_interval(days => $1::int) and ("login_throttles"."locked_until" is null or "login_throttles"."locked_until" < now())) returning "key""`,
    );
    expect(retentionStatement(db, 'sentMails', 30, '').toSQL().sql).toMatchInlineSnapshot(
      `"delete from "mail_outbox" where ("mail_outbox"."sent_at" is not null and "mail_outbox"."sent_at" < now() - make_interval(days => $1::int)) returning "id""`,
    );
    expect(retentionStatement(db, 'auditEvents', 10, '').toSQL().sql).toMatchInlineSnapshot(
      `"delete from "audit_events" where "audit_events"."at" < now() - make_interval(years => $1::int) returning "id""`,
    );
  });
});
