import { eq } from 'drizzle-orm';
import { DomUtils, parseDocument } from 'htmlparser2';
import ical, { type VEvent } from 'node-ical';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { inTransaction } from '../../platform/db/transaction';
import { setPaperStatus } from '../papers/index';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf } from '../../../test/file-factories';
import { getPublicMeeting, publicationsTopic, type PublicMeeting } from '../publishing/index';
import { meetingPublications } from '../publishing/db-schema';

const canary = 'PORTAL-CANARY-4711';

describe.skipIf(isEngineUnavailable())('public portal', () => {
  let t: TestApp;
  let secretary: TestUser;
  let committeeId: string;
  let councilId: string;
  let organizationId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    const list = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    committeeId = list.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!.id;
    councilId = list.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
    organizationId = (await getPublicMeeting(t.database.db, committeeId))!.meeting.organization.id;
  });
  afterAll(() => t?.close());

  /** A published agenda is the released one: changes go out with a new release first. */
  const releaseAgain = async () => {
    const released = await api('POST', `/api/v1/meetings/${committeeId}/agenda-releases`, {
      changeNote: 'Dagsordenen er ændret.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(released.statusCode).toBe(201);
  };
  const api = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(secretary), payload });
  /** Anonymous, as a browser asks for a page. */
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { accept: 'text/html', ...headers } });

  const pageUrls = async (): Promise<string[]> => {
    const meeting = (await getPublicMeeting(t.database.db, committeeId))!.meeting;
    const openItem = meeting.items.find((item) => item.isPublic)!;
    return [
      '/offentlig',
      `/offentlig/organisationer/${organizationId}`,
      `/offentlig/organisationer/${organizationId}?aar=2023`,
      `/offentlig/moeder/${committeeId}`,
      `/offentlig/moeder/${committeeId}/punkter/${openItem.id}`,
      '/offentlig/soeg?q=udvalg',
      '/offentlig/soeg',
      `/offentlig/organisationer/${organizationId}/rss.xml`,
      '/offentlig/kalender.ics',
    ];
  };

  it('answers every page type without login, cacheable and without a session cookie', async () => {
    for (const url of await pageUrls()) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['cache-control'], url).toBe('public, max-age=60');
      const etag = response.headers.etag as string;
      expect(etag, url).toMatch(/^".+"$/);
      expect((await get(url, { 'if-none-match': etag })).statusCode, url).toBe(304);
    }
    const home = await get('/offentlig');
    expect(home.body).toContain('<html lang="da">');
    expect(home.body).toContain('Tilgængelighedserklæring');
    expect(home.body).toContain('href="https://www.was.digst.dk/"');
    expect(home.body).toContain(`href="/offentlig/organisationer/${organizationId}"`);
    const meeting = await get(`/offentlig/moeder/${committeeId}`);
    expect(meeting.body).toContain('Social- og Beskæftigelsesudvalgsmøde');
    // The permanent link is readable (day and organization) and canonical; the id route stays.
    const slug =
      /<link rel="canonical" href="http:\/\/localhost:3000\/offentlig\/moeder\/([a-z0-9-]+)"\/>/.exec(
        meeting.body,
      )![1]!;
    expect(slug).toMatch(/^\d{4}-\d{2}-\d{2}-social-og-beskaeftigelsesudvalget/);
    expect(meeting.body).toContain(`>http://localhost:3000/offentlig/moeder/${slug}</a>`);
    expect((await get(`/offentlig/moeder/${slug}`)).body).toContain(meeting.body.slice(-200));
    // Its items are under the same readable address, and the item page answers there.
    expect(meeting.body).toContain(`href="/offentlig/moeder/${slug}/punkter/`);
    const itemPath = /href="(\/offentlig\/moeder\/[a-z0-9-]+\/punkter\/[0-9a-f-]+)"/.exec(
      meeting.body,
    )![1]!;
    const itemPage = await get(itemPath);
    expect(itemPage.statusCode).toBe(200);
    expect(itemPage.body).toContain(
      `<link rel="canonical" href="http://localhost:3000${itemPath}"/>`,
    );
    // Every link to the meeting names its readable address, not its id.
    const openItem = (await getPublicMeeting(t.database.db, committeeId))!.meeting.items.find(
      (item) => item.isPublic,
    )!;
    for (const url of [
      `/offentlig/organisationer/${organizationId}`,
      `/offentlig/moeder/${committeeId}/punkter/${openItem.id}`,
      `/offentlig/organisationer/${organizationId}/rss.xml`,
      '/offentlig/kalender.ics',
    ]) {
      // iCalendar folds long lines; unfolded, the address reads whole.
      const body = (await get(url)).body.replace(/\r\n[ \t]/g, '');
      expect(body, url).toContain(`/offentlig/moeder/${slug}`);
      expect(body, url).not.toMatch(new RegExp(`/offentlig/moeder/${committeeId}(?!/punkter)`));
    }
  });

  it('does not show a meeting that is not published', async () => {
    const notFound = await get(`/offentlig/moeder/${councilId}`);
    expect(notFound.statusCode).toBe(404);
    // The error page, too, sets no cookie and links the accessibility statement.
    expect(notFound.headers['set-cookie']).toBeUndefined();
    expect(notFound.body).toContain('Tilgængelighedserklæring');
    expect((await get('/offentlig/moeder/not-a-uuid')).statusCode).toBe(404);
    const home = await get('/offentlig');
    expect(home.body).not.toContain(councilId);
  });

  it('gives RSS 2.0 with absolute links to the meetings', async () => {
    const response = await get(`/offentlig/organisationer/${organizationId}/rss.xml`);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const document = parseDocument(response.body, { xmlMode: true });
    const rss = DomUtils.findOne((element) => element.name === 'rss', document.children)!;
    expect(rss.attribs.version).toBe('2.0');
    const links = DomUtils.findAll((element) => element.name === 'link', document.children).map(
      (element) => DomUtils.textContent(element),
    );
    expect(links).toContainEqual(
      expect.stringMatching(
        /^http:\/\/localhost:3000\/offentlig\/moeder\/\d{4}-\d{2}-\d{2}-social-og-beskaeftigelsesudvalget/,
      ),
    );
    const ics = await get('/offentlig/kalender.ics');
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.body).toContain(`UID:${committeeId}@dagsorden-offentlig`);
  });

  it('keeps control and bidi characters of a stored snapshot out of the RSS and iCalendar', async () => {
    // Written to the rows directly: a snapshot published before input was guarded.
    const { db } = t.database;
    const { meeting } = (await getPublicMeeting(db, committeeId))!;
    const rows = await db
      .select()
      .from(meetingPublications)
      .where(eq(meetingPublications.meetingId, committeeId));
    const taint = (row: (typeof rows)[number]): PublicMeeting => {
      const snapshot = row.snapshot as PublicMeeting;
      return {
        ...snapshot,
        title: `\u202E${snapshot.title}\u0001\u001B\u202C`,
        items: snapshot.items.map((item) => ({ ...item, title: `${item.title}\u0007\u0085` })),
      };
    };
    const restore = async () => {
      for (const row of rows) {
        await db
          .update(meetingPublications)
          .set({ snapshot: row.snapshot })
          .where(eq(meetingPublications.id, row.id));
      }
      t.app.liveEvents.publish(publicationsTopic);
    };
    try {
      for (const row of rows) {
        await db
          .update(meetingPublications)
          .set({ snapshot: taint(row) })
          .where(eq(meetingPublications.id, row.id));
      }
      // As publishing does after it commits: the cached public pages and feeds are dropped.
      t.app.liveEvents.publish(publicationsTopic);
      const forbidden = /(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;
      expect((await getPublicMeeting(db, committeeId))!.meeting.title).toMatch(forbidden);

      const rss = (await get(`/offentlig/organisationer/${organizationId}/rss.xml`)).body;
      expect(rss).not.toMatch(forbidden);
      const parser = new SaxesParser();
      parser.on('error', (error) => {
        throw error;
      });
      parser.write(rss).close();
      expect(rss).toContain(meeting.title);

      const ics = (await get('/offentlig/kalender.ics')).body;
      expect(ics).not.toMatch(forbidden);
      const event = Object.values(ical.sync.parseICS(ics)).find(
        (component): component is VEvent =>
          component?.type === 'VEVENT' && component.uid === `${committeeId}@dagsorden-offentlig`,
      );
      expect(event?.summary).toBe(`${meeting.organization.name}: ${meeting.title}`);
    } finally {
      await restore();
    }
  });

  it('streams a published bilag and nothing else', async () => {
    const paper = await api('POST', '/api/v1/papers', {
      organizationId,
      title: 'Sag med offentligt bilag',
      paperDate: '2023-11-01',
    });
    expect(paper.statusCode).toBe(201);
    const paperId = (paper.json() as { id: string }).id;
    const body = multipartBody({ title: 'Offentligt bilag' }, [
      { fileName: 'Offentligt bilag.pdf', bytes: await makePdf(['Offentligt bilag']) },
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: { ...bearer(secretary), ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const attachmentId = (
      uploaded.json() as { data: Array<{ id: string; title: string }> }
    ).data.find((attachment) => attachment.title === 'Offentligt bilag')!.id;
    const item = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Punkt med bilag',
      paperId,
      durationMinutes: 5,
    });
    expect(item.statusCode).toBe(201);
    const itemId = (item.json() as { id: string }).id;
    // Not yet in a publication: not public.
    expect((await get(`/offentlig/bilag/${attachmentId}`)).statusCode).toBe(404);
    // As if approved onto the agenda (a draft memo and its bilag are never public), then released.
    await inTransaction(t.database.db, (tx) =>
      setPaperStatus({
        actor: { kind: 'system', label: 'test' },
        tx,
        paperId,
        status: 'on_agenda',
      }),
    );
    await releaseAgain();
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
    const published = (await getPublicMeeting(t.database.db, committeeId))!.meeting.items
      .flatMap((item) => item.attachments)
      .find((attachment) => attachment.id === attachmentId)!;
    const file = await get(`/offentlig/bilag/${attachmentId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers.etag).toBe(`"${published.sha256}"`);
    expect(file.headers['cache-control']).toBe('public, max-age=60');
    expect(file.headers['content-disposition']).toContain('Offentligt');
    expect(file.headers['set-cookie']).toBeUndefined();
    expect(
      (await get(`/offentlig/bilag/${attachmentId}`, { 'if-none-match': `"${published.sha256}"` }))
        .statusCode,
    ).toBe(304);
    const itemPage = await get(`/offentlig/moeder/${committeeId}/punkter/${itemId}`);
    expect(itemPage.body).toContain(`href="/offentlig/bilag/${attachmentId}"`);
    expect((await get('/offentlig/bilag/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('shows a closed item only by its neutral title, everywhere, and a withdrawal removes it all', async () => {
    const closed = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: `Klagesag fra ${canary}`,
      isPublic: false,
      closedReasonCode: 'private_affairs',
      closedReasonText: `Lukkegrund ${canary}`,
      publicTitle: 'Klagesag',
      purpose: `Fortroligt ${canary}`,
      durationMinutes: 5,
    });
    expect(closed.statusCode).toBe(201);
    const closedId = (closed.json() as { id: string }).id;
    await releaseAgain();
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);

    const meetingPage = await get(`/offentlig/moeder/${committeeId}`);
    expect(meetingPage.body).toContain('Klagesag');
    expect(meetingPage.body).toContain('Lukket punkt');
    expect((await get(`/offentlig/moeder/${committeeId}/punkter/${closedId}`)).statusCode).toBe(
      404,
    );
    const urls = [
      ...(await pageUrls()),
      `/offentlig/soeg?q=${canary}`,
      '/offentlig/soeg?q=Klagesag',
    ];
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      // The search page repeats the query itself; nothing else may carry the canary.
      const shown = response.body.replaceAll(`value="${canary}"`, '').replaceAll(`»${canary}«`, '');
      expect(shown, url).not.toContain(canary);
      expect(response.body, url).not.toContain('Fortroligt');
    }
    expect((await get(`/offentlig/soeg?q=${canary}`)).body).toContain('0 resultater');

    expect(
      (await api('DELETE', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(200);
    expect((await get(`/offentlig/moeder/${committeeId}`)).statusCode).toBe(404);
    expect((await get(`/offentlig/organisationer/${organizationId}`)).statusCode).toBe(404);
    expect((await get(`/offentlig/organisationer/${organizationId}/rss.xml`)).statusCode).toBe(404);
    expect((await get('/offentlig/kalender.ics')).body).not.toContain(committeeId);
  });
});
