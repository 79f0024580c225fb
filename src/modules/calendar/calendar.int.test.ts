import { and, eq } from 'drizzle-orm';
import ical, { type VEvent } from 'node-ical';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  testConfig,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { buildApp } from '../../app';
import { agendaItems, meetings } from '../meetings/db-schema';

/** The VEVENTs of an iCalendar document, parsed by an independent reader. */
function events(ics: string): VEvent[] {
  return Object.values(ical.sync.parseICS(ics)).filter(
    (component): component is VEvent => component?.type === 'VEVENT',
  );
}

/** A property's text, whether node-ical gives it bare or with parameters ({ params, val }). */
const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const val = (value as { val?: unknown } | undefined)?.val;
  return typeof val === 'string' ? val : '';
};

describe.skipIf(isEngineUnavailable())('calendar', () => {
  let t: TestApp;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let meetingId: string;
  let organizationName: string;
  // Next week at 17.15 Danish winter time / 18.15 summer time: a fixed instant in UTC.
  const start = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 7 * 86_400_000);
  start.setUTCHours(17, 15, 0, 0);
  const end = new Date(start.getTime() + 90 * 60_000);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    // A reader who is a member of no organization sees no meetings at all.
    outsider = await createTestUser(t.database, 'reader');
    admin = await createTestUser(t.database, 'administrator');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; name: string }> };
    const organization = organizations.data.find((row) =>
      row.name.startsWith('Social- og Beskæftigelsesudvalget'),
    )!;
    organizationName = organization.name;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: organization.id,
        title: 'Udvalgsmøde om budget',
        start: start.toISOString(),
        end: end.toISOString(),
        location: 'Rådhuset, lokale 398',
      },
    });
    expect(created.statusCode).toBe(201);
    meetingId = (created.json() as { id: string }).id;
    for (const item of [
      { title: 'Budget 2027 – første behandling', durationMinutes: 30 },
      {
        title: 'Personsag: Jens Hansens bevilling',
        durationMinutes: 10,
        isPublic: false,
        closedReasonCode: 'personnel',
        publicTitle: 'Personsag',
      },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meetingId}/items`,
        headers: bearer(secretary),
        payload: item,
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  const meetingIcs = (user: TestUser) =>
    t.app.inject({ url: `/api/v1/meetings/${meetingId}/calendar.ics`, headers: bearer(user) });

  it('gives a meeting as one event with time, place, agenda, URL and a stable UID', async () => {
    const response = await meetingIcs(secretary);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="?moede-\d{4}-\d{2}-\d{2}\.ics"?$/,
    );
    const [event, ...others] = events(response.body);
    expect(others).toHaveLength(0);
    expect(event!.uid).toBe(`${meetingId}@dagsorden`);
    expect(event!.start.getTime()).toBe(start.getTime());
    expect(event!.end?.getTime()).toBe(end.getTime());
    expect(text(event!.summary)).toBe(`${organizationName}: Udvalgsmøde om budget`);
    expect(text(event!.location)).toBe('Rådhuset, lokale 398');
    expect(text(event!.url)).toBe(`http://localhost:3000/moeder/${meetingId}`);
    expect(Number(event!.sequence)).toBeGreaterThanOrEqual(0);
    const description = text(event!.description);
    expect(description).toContain('1. Budget 2027 – første behandling');
    // The secretariat may read closed items.
    expect(description).toContain('2. Personsag: Jens Hansens bevilling (lukket punkt)');
  });

  it('shows a closed item only by its neutral title to those who may not read it', async () => {
    const response = await meetingIcs(caseOfficer);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('Jens Hansen');
    expect(text(events(response.body)[0]!.description)).toContain('2. Personsag (lukket punkt)');
  });

  it('is 404 for a meeting the user may not see, and asks for a login without one', async () => {
    expect((await meetingIcs(outsider)).statusCode).toBe(404);
    const anonymous = await t.app.inject({ url: `/api/v1/meetings/${meetingId}/calendar.ics` });
    expect(anonymous.statusCode).toBe(401);
    const page = await t.app.inject({
      url: `/moeder/${meetingId}/kalender.ics`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(
      `/login?tilbage=${encodeURIComponent(`/moeder/${meetingId}/kalender.ics`)}`,
    );
  });

  it('links "Tilføj til kalender" from the meeting page to the same file', async () => {
    const browser = await signIn(t.app, caseOfficer);
    const page = await browser.get(`/moeder/${meetingId}`);
    expect(page.body).toContain(`href="/moeder/${meetingId}/kalender.ics"`);
    expect(page.body).toContain('Tilføj til kalender');
    expect(page.body).toContain('href="/kalender"');
    const file = await browser.get(`/moeder/${meetingId}/kalender.ics`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(file.body).not.toContain('Jens Hansen');
    expect(events(file.body)[0]!.uid).toBe(`${meetingId}@dagsorden`);
  });

  it('serves a personal feed without a session, redacted for its user, from 30 days back', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/calendar-feed',
      headers: bearer(caseOfficer),
    });
    expect(created.statusCode).toBe(201);
    const { url } = created.json() as { url: string };
    expect(url).toMatch(/^http:\/\/localhost:3000\/kalender\/feed\/dgk_[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;

    const feed = await t.app.inject({ url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body).not.toContain('Jens Hansen');
    const feedEvents = events(feed.body);
    const meeting = feedEvents.find((event) => event.uid === `${meetingId}@dagsorden`);
    expect(meeting?.start.getTime()).toBe(start.getTime());
    expect(text(meeting?.location)).toBe('Rådhuset, lokale 398');
    // The demo meetings of 2023 are long past.
    expect(feedEvents.every((event) => event.start.getTime() > Date.now() - 31 * 86_400_000)).toBe(
      true,
    );

    // The outsider's own feed lists nothing: same visibility as the meeting list.
    const outsiderFeed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/calendar-feed',
      headers: bearer(outsider),
    });
    const outsiderPath = new URL((outsiderFeed.json() as { url: string }).url).pathname;
    const outsiderEvents = events((await t.app.inject({ url: outsiderPath })).body);
    expect(outsiderEvents).toHaveLength(0);
  });

  it('creates and regenerates the feed on /kalender; the old address stops working', async () => {
    const browser = await signIn(t.app, secretary);
    const before = await browser.get('/kalender');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Du har endnu ikke oprettet en kalenderadresse.');

    const first = await browser.post('/kalender', {});
    expect(first.statusCode).toBe(200);
    const firstPath = /\/kalender\/feed\/dgk_[A-Za-z0-9_-]{43}\.ics/.exec(first.body)?.[0];
    expect(firstPath).toBeDefined();
    expect((await t.app.inject({ url: firstPath! })).statusCode).toBe(200);
    // The secret is shown once: later visits only say that a feed exists.
    const later = await browser.get('/kalender');
    expect(later.body).not.toContain('/kalender/feed/');
    expect(later.body).toContain('Din nuværende kalenderadresse blev oprettet');

    const second = await browser.post('/kalender', {});
    const secondPath = /\/kalender\/feed\/dgk_[A-Za-z0-9_-]{43}\.ics/.exec(second.body)?.[0];
    expect(secondPath).toBeDefined();
    expect(secondPath).not.toBe(firstPath);
    expect((await t.app.inject({ url: firstPath! })).statusCode).toBe(404);
    const feed = await t.app.inject({ url: secondPath! });
    expect(feed.statusCode).toBe(200);
    // The secretary may read closed items, in the feed too.
    expect(feed.body).toContain('Jens Hansen');

    const audit = (
      await t.app.inject({ url: '/api/v1/audit-events', headers: bearer(admin) })
    ).json() as { data: Array<{ action: string; actor: string; after: unknown }> };
    const feedEvents = audit.data.filter((event) => event.actor === secretary.email);
    expect(feedEvents.map((event) => event.action)).toEqual(
      expect.arrayContaining(['calendarFeed.create', 'calendarFeed.regenerate']),
    );
    expect(JSON.stringify(feedEvents)).not.toContain('dgk_');
  });

  it('refuses a form post without the CSRF token', async () => {
    const browser = await signIn(t.app, secretary);
    await browser.get('/kalender');
    const response = await browser.post('/kalender', {}, { withCsrf: false });
    expect(response.statusCode).toBe(403);
  });

  it('documents the API routes in OpenAPI', async () => {
    const response = await t.app.inject({
      url: '/api/v1/openapi.json',
      headers: bearer(secretary),
    });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/meetings/{id}/calendar.ics', '/api/v1/me/calendar-feed']),
    );
  });

  it('keeps the feed token out of the request log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    const logged = await buildApp({
      config: testConfig({ dataDir: t.dataDir }),
      database: t.database,
      logger: { level: 'info', stream },
    });
    try {
      const created = await logged.inject({
        method: 'POST',
        url: '/api/v1/me/calendar-feed',
        headers: bearer(caseOfficer),
      });
      const path = new URL((created.json() as { url: string }).url).pathname;
      const token = /dgk_[^.]+/.exec(path)![0];
      expect((await logged.inject({ url: path })).statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('/kalender/feed/…');
      expect(log).not.toContain(token);
    } finally {
      await logged.close();
    }
  });

  it('is 404 for an unknown or malformed token', async () => {
    const unknown = `/kalender/feed/dgk_${'A'.repeat(43)}.ics`;
    expect((await t.app.inject({ url: unknown })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/kalender/feed/nope.ics' })).statusCode).toBe(404);
  });

  it('writes stored titles with control and bidi characters so that the file stays valid', async () => {
    // Written to the rows directly: text stored or imported before input was guarded.
    const { db } = t.database;
    await db
      .update(meetings)
      .set({ title: 'Udvalgsmøde\u0001 om \u202Ebudget\u202C\u001B' })
      .where(eq(meetings.id, meetingId));
    await db
      .update(agendaItems)
      .set({ title: 'Budget\u0007 2027\u0085 – \u2066første\u2069 behandling' })
      .where(
        and(
          eq(agendaItems.meetingId, meetingId),
          eq(agendaItems.title, 'Budget 2027 – første behandling'),
        ),
      );
    const response = await meetingIcs(secretary);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u);
    const [event] = events(response.body);
    expect(text(event!.summary)).toBe(`${organizationName}: Udvalgsmøde om budget`);
    expect(text(event!.description)).toContain('1. Budget 2027 – første behandling');
  });

  // Last: it uses up this address's allowance for the feed.
  it('rate-limits the public feed', async () => {
    const url = `/kalender/feed/dgk_${'B'.repeat(43)}.ics`;
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await t.app.inject({ url })).statusCode);
    expect(statuses).toContain(429);
  });
});
