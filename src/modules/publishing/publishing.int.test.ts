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
import { getPublicMeeting, listPublicMeetings } from './index';

describe.skipIf(isEngineUnavailable())('publishing agendas and minutes', () => {
  let t: TestApp;
  let secretary: TestUser;
  let reader: TestUser;
  let committeeId: string;
  let councilId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'case_officer');
    const list = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    committeeId = list.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!.id;
    councilId = list.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(secretary), payload });

  it('has the demo committee agenda published and the rådmandsmøde internal', async () => {
    const published = await listPublicMeetings(t.database.db);
    expect(published.map((meeting) => meeting.title)).toEqual([
      'Social- og Beskæftigelsesudvalgsmøde',
    ]);
    expect(await getPublicMeeting(t.database.db, councilId)).toBeUndefined();
  });

  it('publishes a closed item by its neutral title only, and blocks on a CPR number until cleared', async () => {
    const closed = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Klagesag fra LUKKET-CANARY-91',
      isPublic: false,
      publicTitle: 'Klagesag',
      purpose: 'Fortroligt LUKKET-CANARY-91',
      durationMinutes: 5,
    });
    expect(closed.statusCode).toBe(201);
    const open = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Borgerhenvendelse',
      purpose: 'Henvendelse fra borger med CPR-nr. 070761-4285 om ventetid.',
      durationMinutes: 5,
    });
    const openId = (open.json() as { id: string }).id;
    const blocked = await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`);
    expect(blocked.statusCode).toBe(409);
    const error = (
      blocked.json() as { error: { code: string; details: Array<{ message: string }> } }
    ).error;
    expect(error.code).toBe('CPR_NUMBER_FOUND');
    expect(error.details.map((detail) => detail.message)).toEqual([
      'Muligt CPR-nummer: 070761-4285',
    ]);
    // Still the earlier publication: nothing of the new items is public.
    const before = JSON.stringify(await getPublicMeeting(t.database.db, committeeId));
    expect(before).not.toContain('Borgerhenvendelse');

    await api('PATCH', `/api/v1/meetings/${committeeId}/items/${openId}`, {
      purpose: 'Henvendelse fra en borger om ventetid.',
    });
    const published = await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`);
    expect(published.statusCode).toBe(201);
    const publicMeeting = await getPublicMeeting(t.database.db, committeeId);
    const text = JSON.stringify(publicMeeting);
    expect(text).toContain('Borgerhenvendelse');
    expect(text).toContain('Klagesag');
    expect(text).not.toContain('LUKKET-CANARY-91');
  });

  it('lets a secretary clear a number that is not a CPR number, audited', async () => {
    const item = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Kontrakt 0101011234',
      durationMinutes: 5,
    });
    expect(item.statusCode).toBe(201);
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(409);
    const cleared = await api('POST', `/api/v1/meetings/${committeeId}/cpr-clearances`, {
      digits: '0101011234',
    });
    expect(cleared.statusCode).toBe(204);
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
  });

  it('publishes minutes only once released, and withdraws leaving nothing public', async () => {
    const early = await api('POST', `/api/v1/meetings/${committeeId}/publications/minutes`);
    expect(early.statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/meetings/${committeeId}/publications/agenda`,
          headers: bearer(reader),
        })
      ).statusCode,
    ).toBe(403);
    const withdrawn = await api('DELETE', `/api/v1/meetings/${committeeId}/publications/agenda`);
    expect(withdrawn.statusCode).toBe(200);
    expect(await getPublicMeeting(t.database.db, committeeId)).toBeUndefined();
    const list = (await api('GET', `/api/v1/meetings/${committeeId}/publications`)).json() as {
      data: Array<{ kind: string; withdrawnAt: string | null }>;
    };
    expect(list.data.map((row) => [row.kind, typeof row.withdrawnAt])).toEqual([
      ['agenda', 'string'],
    ]);
  });

  it('gives the secretariat a page to publish, see CPR findings and withdraw', async () => {
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${committeeId}/offentliggoerelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Offentliggør dagsorden');
    const posted = await session.post(`/moeder/${committeeId}/offentliggoerelse/agenda`, {});
    expect(posted.statusCode).toBe(303);
    expect(await getPublicMeeting(t.database.db, committeeId)).toBeDefined();
  });
});
