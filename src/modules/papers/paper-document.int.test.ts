import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineUnavailable, openTestDatabase, type TestDatabase } from '../../../test/database';
import type { Actor } from '../../platform/auth/policy';
import { loadPaperDocument, loadPaperDocuments } from './paper-document';

const system: Actor = { kind: 'system', label: 'test' };

describe.skipIf(isEngineUnavailable())('memos loaded together', () => {
  let test: TestDatabase;
  let paperIds: string[];

  beforeAll(async () => {
    test = await openTestDatabase({ demo: true });
    const result = (await test.database.db.execute(
      sql`select id from papers order by id`,
    )) as unknown as { rows: Array<{ id: string }> };
    paperIds = result.rows.map((row) => row.id);
    expect(paperIds.length).toBeGreaterThan(1);
  });
  afterAll(() => test?.drop());

  it('are the memos loadPaperDocument loads one by one', async () => {
    const ctx = { actor: system, tx: test.database.db };
    const together = await loadPaperDocuments(ctx, [...paperIds, paperIds[0]!]);
    expect([...together.keys()].sort()).toEqual(paperIds);
    for (const id of paperIds) {
      expect(together.get(id), id).toEqual(await loadPaperDocument(ctx, id));
    }
  });

  it('refuses a memo that does not exist, as loading it alone does', async () => {
    await expect(
      loadPaperDocuments({ actor: system, tx: test.database.db }, [
        '00000000-0000-4000-8000-000000000000',
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
