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
import { pdfOutline, pdfText, type PdfOutlineEntry } from '../../../test/pdf-tools';
import { queueOutdatedPackages, runPendingBuilds } from './jobs';

type Build = {
  id: string;
  audience: 'full' | 'public';
  forPersonId: string | null;
  status: string;
  freshness: 'current' | 'stale' | null;
};

const canary = 'LUKKET-SAG-7c2e';

describe.skipIf(isEngineUnavailable())('packages built on release and kept current', () => {
  let t: TestApp;
  let secretary: TestUser;
  let meetingId: string;
  let openItemId: string;

  beforeAll(async () => {
    // The test runs the worker's steps itself, so each happens at a known point.
    t = await createTestApp({ demo: true, config: { backgroundWork: false } });
    secretary = await createTestUser(t.database, 'secretary');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; classification: string }> };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: organizations.data.find((o) => o.classification === 'udvalg')!.id,
        title: 'Udvalgsmøde om pakker',
        start: '2099-03-02T16:00:00+01:00',
        end: '2099-03-02T18:00:00+01:00',
      },
    });
    meetingId = (created.json() as { id: string }).id;
    openItemId = (
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/meetings/${meetingId}/items`,
          headers: bearer(secretary),
          payload: { title: 'Budgetopfølgning', durationMinutes: 15 },
        })
      ).json() as { id: string }
    ).id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/items`,
      headers: bearer(secretary),
      payload: {
        title: `Personalesag ${canary}`,
        isPublic: false,
        closedReasonCode: 'personnel',
        publicTitle: 'Personalesag',
        durationMinutes: 10,
      },
    });
  });
  afterAll(() => t.close());

  const worker = () => ({ db: t.database.db, blobs: t.app.blobs });
  const builds = async () =>
    (
      (
        await t.app.inject({
          url: `/api/v1/meetings/${meetingId}/packages`,
          headers: bearer(secretary),
        })
      ).json() as { data: Build[] }
    ).data.filter((build) => build.forPersonId === null);
  const newest = async (audience: Build['audience']) =>
    (await builds()).find((build) => build.audience === audience)!;
  const content = (audience: Build['audience'], query = '') =>
    t.app.inject({
      url: `/api/v1/meetings/${meetingId}/packages/${audience}/content${query}`,
      headers: bearer(secretary),
    });
  const titles = (entries: PdfOutlineEntry[]): string[] =>
    entries.flatMap((entry) => [entry.title, ...titles(entry.kids)]);

  it('queues and builds both packages when the agenda is released, and nothing before', async () => {
    expect(await queueOutdatedPackages(worker())).toBe(0);
    const session = await signIn(t.app, secretary);
    const before = (await session.get(`/moeder/${meetingId}/pakke`)).body;
    expect(before).toContain('Ikke bygget endnu.');
    expect(before).not.toContain('package-status.js');
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-releases`,
      headers: bearer(secretary),
      payload: {},
    });
    expect(released.statusCode).toBe(201);
    // Before the worker has queued them, the page says they are on their way and follows them.
    const awaiting = (await session.get(`/moeder/${meetingId}/pakke`)).body;
    expect(awaiting).toContain('I kø: dagsordenen er frigivet, og pakken bygges om et øjeblik.');
    expect(awaiting).not.toContain('Ikke bygget endnu.');
    expect(awaiting).toContain('/static/app/package-status.js');
    expect(await queueOutdatedPackages(worker())).toBe(2);
    expect((await builds()).map((build) => build.status).sort()).toEqual(['queued', 'queued']);
    expect(await runPendingBuilds(worker())).toBe(2);
    expect(await newest('full')).toMatchObject({ status: 'done', freshness: 'current' });
    expect(await newest('public')).toMatchObject({ status: 'done', freshness: 'current' });
    // Built once: a second look queues nothing more.
    expect(await queueOutdatedPackages(worker())).toBe(0);
  });

  it('marks the closed item "Lukket punkt" in the full package and leaves it out of the public one', async () => {
    const full = await content('full');
    expect(full.statusCode).toBe(200);
    const fullText = pdfText(full.rawPayload);
    expect(fullText).toContain(`Personalesag ${canary}`);
    // In the contents; an item without memo or bilag has no pages of its own to bookmark.
    expect(fullText).toContain(`Punkt 2: Personalesag ${canary} (Lukket punkt)`);
    const publicText = pdfText((await content('public')).rawPayload);
    expect(publicText).toContain('Budgetopfølgning');
    expect(publicText).not.toContain(canary);
    expect(publicText).not.toContain('(Lukket punkt)');
    // The internal minutes mark it too, in the heading and so in the bookmarks.
    const minutes = await t.app.inject({
      url: `/api/v1/meetings/${meetingId}/minutes.pdf`,
      headers: bearer(secretary),
    });
    expect(minutes.statusCode).toBe(200);
    expect(titles(pdfOutline(minutes.rawPayload)).join('\n')).toMatch(
      new RegExp(`Personalesag ${canary}.*\\(Lukket punkt\\)`),
    );
  });

  it('opens the PDF inline with its file name, and as a file with download=1', async () => {
    const inline = await content('full');
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['content-disposition']).toMatch(
      /^inline; filename=".*Udvalgsmøde om pakker.*\.pdf"|^inline; filename="Udvalgsm.*\.pdf"/,
    );
    const attached = await content('full', '?download=1');
    expect(attached.headers['content-disposition']).toMatch(/^attachment; filename=/);
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${meetingId}/pakke/public.pdf?download=1`);
    expect(page.headers['content-disposition']).toMatch(/^attachment; filename=.*offentlig/);
    expect(
      (await session.get(`/moeder/${meetingId}/pakke/public.pdf`)).headers['content-disposition'],
    ).toMatch(/^inline; /);
    const packagePage = await session.get(`/moeder/${meetingId}/pakke`);
    expect(packagePage.body).toContain(`href="/moeder/${meetingId}/pakke/full.pdf"`);
    expect(packagePage.body).toContain(`href="/moeder/${meetingId}/pakke/full.pdf?download=1"`);
  });

  it('shows a package as stale once the agenda changes, and rebuilds it', async () => {
    const session = await signIn(t.app, secretary);
    expect((await session.get(`/moeder/${meetingId}/pakke`)).body).not.toContain('Forældet');
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${meetingId}/items/${openItemId}`,
      headers: bearer(secretary),
      payload: { title: 'Budgetopfølgning og prognose' },
    });
    expect(changed.statusCode).toBe(200);
    // Stale at once, before the worker has looked: the state is read from the input key.
    expect(await newest('full')).toMatchObject({ status: 'done', freshness: 'stale' });
    expect((await session.get(`/moeder/${meetingId}/pakke`)).body).toContain(
      'Forældet — bygges igen',
    );

    expect(await queueOutdatedPackages(worker())).toBe(2);
    expect((await session.get(`/moeder/${meetingId}/pakke`)).body).toContain(
      'Forældet — bygges igen',
    );
    expect(await runPendingBuilds(worker())).toBe(2);
    expect(await newest('full')).toMatchObject({ status: 'done', freshness: 'current' });
    expect((await session.get(`/moeder/${meetingId}/pakke`)).body).not.toContain('Forældet');
    expect(pdfText((await content('full')).rawPayload)).toContain('Budgetopfølgning og prognose');
  });
});
