import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import type { Actor } from '../../platform/auth/policy';
import { inTransaction } from '../../platform/db/transaction';
import { createBody, createOrganization } from '../organizations/index';

const system: Actor = { kind: 'system', label: 'test' };
const lateReason = 'Testens møde ligger før fristen.';

describe.skipIf(isEngineUnavailable())('comparing released agenda versions', () => {
  let t: TestApp;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let meetingId: string;
  let closedId: string;
  let evtId: string;

  const api = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(user), payload });

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      const organization = await createOrganization({
        ...ctx,
        input: { bodyId: body.id, name: 'Testudvalget', classification: 'udvalg' },
      });
      return organization.id;
    });
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const created = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId,
      title: 'Udvalgsmøde',
      start: '2023-11-01T18:15:00+01:00',
      end: '2023-11-01T19:45:00+01:00',
    });
    meetingId = (created.json() as { id: string }).id;
    const add = async (payload: object) =>
      (
        (await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/items`, payload)).json() as {
          id: string;
        }
      ).id;
    await add({ title: 'Budget', durationMinutes: 15, attachments: ['Budgetoversigt'] });
    evtId = await add({ title: 'Evt.', durationMinutes: 5 });
    const first = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      lateReason,
    });
    expect(first.statusCode).toBe(201);

    closedId = await add({
      title: 'Personsag: Hemmelig Hansen',
      publicTitle: 'Personsag',
      isPublic: false,
      closedReasonCode: 'personnel',
      durationMinutes: 10,
      attachments: ['Lønaftale Hansen'],
    });
    await api(secretary, 'PATCH', `/api/v1/meetings/${meetingId}/items/${evtId}`, {
      title: 'Evt. og budgetopfølgning',
    });
    const second = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      changeNote: 'Et punkt er tilføjet, og Evt. er omdøbt.',
      lateReason,
    });
    expect(second.statusCode).toBe(201);
  });
  afterAll(() => t?.close());

  it('lists what changed item by item for the secretariat, the closed item included', async () => {
    const response = await api(
      secretary,
      'GET',
      `/api/v1/meetings/${meetingId}/agenda-comparison?from=1&to=2`,
    );
    expect(response.statusCode).toBe(200);
    const comparison = response.json() as {
      from: { version: number };
      to: { version: number; changeNote: string };
      items: Array<{ itemId: string; title: string; changes: Array<{ kind: string }> }>;
      unchangedCount: number;
    };
    expect(comparison.to.changeNote).toBe('Et punkt er tilføjet, og Evt. er omdøbt.');
    expect(comparison.items).toEqual([
      {
        itemId: evtId,
        number: '2',
        title: 'Evt. og budgetopfølgning',
        changes: [{ kind: 'titleChanged', from: 'Evt.', to: 'Evt. og budgetopfølgning' }],
      },
      {
        itemId: closedId,
        number: '3',
        title: 'Personsag: Hemmelig Hansen',
        changes: [{ kind: 'added' }],
      },
    ]);
    expect(comparison.unchangedCount).toBe(1);
  });

  it('shows no trace of a closed item to whom may not read it, in the API and on the page', async () => {
    const response = await api(
      caseOfficer,
      'GET',
      `/api/v1/meetings/${meetingId}/agenda-comparison?from=1&to=2`,
    );
    expect(response.statusCode).toBe(200);
    const items = (response.json() as { items: Array<{ itemId: string }> }).items;
    expect(items.map((item) => item.itemId)).toEqual([evtId]);
    for (const secret of [closedId, 'Hemmelig', 'Personsag', 'Lønaftale']) {
      expect(response.body).not.toContain(secret);
    }

    const page = await (
      await signIn(t.app, caseOfficer)
    ).get(`/moeder/${meetingId}/versioner?fra=1&til=2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Titel ændret fra »Evt.« til »Evt. og budgetopfølgning«');
    for (const secret of ['Hemmelig', 'Personsag', 'Lønaftale', 'Tilføjet']) {
      expect(page.body).not.toContain(secret);
    }
  });

  it('compares the latest version with the one before when none is chosen, linked from the meeting page', async () => {
    const browser = await signIn(t.app, secretary);
    expect((await browser.get(`/moeder/${meetingId}`)).body).toContain(
      `href="/moeder/${meetingId}/versioner"`,
    );
    const page = await browser.get(`/moeder/${meetingId}/versioner`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ændringer fra version 1 til version 2');
    expect(page.body).toContain('Punkt 3: Personsag: Hemmelig Hansen');
    expect(page.body).toContain('Tilføjet');
  });

  it('answers 404 for a version that was never released', async () => {
    const response = await api(
      secretary,
      'GET',
      `/api/v1/meetings/${meetingId}/agenda-comparison?from=1&to=9`,
    );
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
