import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';

/**
 * Canary: the memo a closed agenda item treats is as closed as the item. Readers, and members
 * inhabil in the item, get 404 for it and never see it in the list, as on the meeting page.
 */
describe.skipIf(isEngineUnavailable())('papers treated in closed items', () => {
  let t: TestApp;
  let secretary: TestUser;
  let reader: TestUser;
  let inhabil: TestUser;
  let paperId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const result = (await t.database.db.execute(sql`
      SELECT i.id AS item_id, i.meeting_id, i.paper_id, m.organization_id,
             (SELECT person_id FROM memberships ms WHERE ms.organization_id = m.organization_id LIMIT 1) AS member_id
      FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id JOIN papers p ON p.id = i.paper_id
      WHERE p.status IN ('on_agenda', 'treated', 'approved') ORDER BY m.starts_at LIMIT 1`)) as {
      rows: Array<{ item_id: string; meeting_id: string; paper_id: string; member_id: string }>;
    };
    const row = result.rows[0]!;
    paperId = row.paper_id;
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'reader', { personId: row.member_id });
    inhabil = await createTestUser(t.database, 'participant', { personId: row.member_id });
    // The demo's meetings are held, and a held agenda is locked, so the closed item and the
    // inhabilitet are written as rows: this test is about reading them.
    await t.database.db.execute(sql`
      UPDATE agenda_items SET is_public = false, public_title = 'Personalesag',
        closed_reason_code = 'personnel', closed_reason_label = 'Personsag'
      WHERE id = ${row.item_id}`);
    await t.database.db.execute(sql`
      INSERT INTO agenda_item_disqualifications (agenda_item_id, person_id)
      VALUES (${row.item_id}, ${row.member_id})`);
  });
  afterAll(() => t.close());

  const read = (user: TestUser) =>
    t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(user) });
  const listed = async (user: TestUser) => {
    const response = await t.app.inject({ url: '/api/v1/papers', headers: bearer(user) });
    const body = response.json() as { data: Array<{ id: string }> };
    return body.data.some((paper) => paper.id === paperId);
  };

  it('hides it from readers and from members inhabil in the item', async () => {
    for (const user of [reader, inhabil]) {
      expect((await read(user)).statusCode, user.role).toBe(404);
      expect(await listed(user), user.role).toBe(false);
      const page = await t.app.inject({ url: `/sager/${paperId}`, headers: bearer(user) });
      expect(page.statusCode, user.role).toBe(404);
      const pdf = await t.app.inject({
        url: `/api/v1/papers/${paperId}/pdf`,
        headers: bearer(user),
      });
      expect(pdf.statusCode, user.role).toBe(404);
    }
  });

  it('shows it to the secretariat', async () => {
    expect((await read(secretary)).statusCode).toBe(200);
    expect(await listed(secretary)).toBe(true);
  });
});
