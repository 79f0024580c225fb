import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type BrowserSession,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';

const closedTitle = 'Personalesag om STORSKAERM-KANARIE';

/** Storskærm: the projector's page follows the meeting and never shows a closed item's title. */
describe.skipIf(isEngineUnavailable())('the big screen', () => {
  let t: TestApp;
  let secretary: TestUser;
  let member: TestUser;
  let session: BrowserSession;
  let meetingId: string;
  let itemIds: string[];

  beforeAll(async () => {
    t = await createTestApp({ demo: true, config: { backgroundWork: false } });
    secretary = await createTestUser(t.database, 'secretary');
    // Eva, a member of a committee in the demo data, and that committee.
    const eva = (await t.database.db.execute(
      sql`SELECT p.id, m.organization_id FROM persons p JOIN memberships m ON m.person_id = p.id
        WHERE p.name LIKE 'Eva %' AND m.role = 'member' LIMIT 1`,
    )) as { rows: Array<{ id: string; organization_id: string }> };
    const organizationId = eva.rows[0]!.organization_id;
    member = await createTestUser(t.database, 'participant', { personId: eva.rows[0]!.id });
    const api = (method: 'POST' | 'GET', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer(secretary), payload });
    const created = await api('POST', '/api/v1/meetings', {
      organizationId,
      title: 'Udvalgsmøde på storskærm',
      start: '2099-03-02T16:00:00+01:00',
      end: '2099-03-02T18:00:00+01:00',
    });
    meetingId = (created.json() as { id: string }).id;
    itemIds = [];
    for (const payload of [
      { title: 'Budgetopfølgning', durationMinutes: 15 },
      {
        title: closedTitle,
        durationMinutes: 10,
        isPublic: false,
        closedReasonCode: 'personnel',
        publicTitle: 'Personalesag',
      },
      { title: 'Skoleudbygning', durationMinutes: 20 },
    ]) {
      const item = await api('POST', `/api/v1/meetings/${meetingId}/items`, payload);
      itemIds.push((item.json() as { id: string }).id);
    }
    expect(
      (await api('POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {})).statusCode,
    ).toBe(201);
    session = await signIn(t.app, secretary);
    await session.get(`/moeder/${meetingId}/live`);
    expect((await session.post(`/moeder/${meetingId}/start`, {})).statusCode).toBe(303);
  });
  afterAll(() => t?.close());

  const screen = async (path = 'storskaerm') =>
    (await (await signIn(t.app, member)).get(`/moeder/${meetingId}/${path}`)).body;

  it('shows a member the current item, the plan and the next items, without menu or controls', async () => {
    await session.get(`/moeder/${meetingId}/live`);
    await session.post(`/moeder/${meetingId}/punkter/${itemIds[0]}/start`, {});
    const page = await screen();
    expect(page).toContain('<h1 class="big-screen-title">Udvalgsmøde på storskærm</h1>');
    expect(page).toMatch(
      /class="big-screen-item"><span class="big-screen-number">1\.<\/span> Budgetopfølgning/,
    );
    expect(page).toContain('Derefter');
    expect(page).toContain('Skoleudbygning');
    // It follows the live view's events, and has nothing to press or navigate.
    expect(page).toContain(`data-live-source="/moeder/${meetingId}/live/events"`);
    expect(page).toContain(`data-live-fragment="/moeder/${meetingId}/storskaerm/tavle"`);
    expect(page).not.toMatch(/<(form|button|nav)\b/);
  });

  it('shows a closed item only by its neutral title, even to the secretariat', async () => {
    await session.get(`/moeder/${meetingId}/live`);
    await session.post(`/moeder/${meetingId}/punkter/${itemIds[1]}/start`, {});
    for (const body of [
      await screen(),
      await screen('storskaerm/tavle'),
      (await session.get(`/moeder/${meetingId}/storskaerm`)).body,
    ]) {
      expect(body).toContain('Personalesag');
      expect(body).not.toContain('STORSKAERM-KANARIE');
    }
    // The board alone is what live.js swaps in.
    const board = await screen('storskaerm/tavle');
    expect(board.startsWith('<div id="live-board"')).toBe(true);
  });

  it('lists nothing to come once the meeting has ended, not even items never started', async () => {
    await session.get(`/moeder/${meetingId}/live`);
    expect((await session.post(`/moeder/${meetingId}/afslut`, {})).statusCode).toBe(303);
    const page = await screen();
    expect(page).toContain('Mødet er slut.');
    expect(page).not.toContain('Derefter');
    expect(page).not.toContain('data-live-source');
  });

  it('is not there for someone outside the committee, nor without signing in', async () => {
    const outsider = await createTestUser(t.database, 'participant');
    const seen = await (await signIn(t.app, outsider)).get(`/moeder/${meetingId}/storskaerm`);
    expect(seen.statusCode).toBe(404);
    const anonymous = await t.app.inject({
      url: `/moeder/${meetingId}/storskaerm`,
      headers: { accept: 'text/html' },
    });
    expect(anonymous.statusCode).toBe(303);
  });
});
