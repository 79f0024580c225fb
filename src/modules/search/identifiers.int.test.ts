import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import type { SearchResponse } from './schemas';

/** Identifiers in the demo data, found exactly (PostgreSQL splits them unlike plain words). */
describe.skipIf(isEngineUnavailable())('search for identifiers', () => {
  let t: TestApp;
  let administrator: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    administrator = await createTestUser(t.database, 'administrator');
  }, 120_000);
  afterAll(() => t?.close());

  const find = async (q: string) => {
    const response = await t.app.inject({
      url: `/api/v1/search?${new URLSearchParams({ q }).toString()}`,
      headers: bearer(administrator),
    });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as SearchResponse).results;
  };

  it('finds the memo of a case number first', async () => {
    const results = await find('EMN-2023-012026');
    expect(results[0]).toMatchObject({
      type: 'paper',
      title: 'Orientering om vinterhjælp til økonomisk trængte',
    });
    // The bilag that mentions it is found too, after the memo.
    expect(results.map((result) => result.type)).toContain('attachment');
  });

  it('finds a bilag by its file name', async () => {
    const results = await find('borgere.pdf');
    expect(results[0]).toMatchObject({
      type: 'attachment',
      title: 'Status på hjælp til økonomisk trængte borgere',
    });
  });
});
