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
import { countQueries } from '../../../test/query-count';
import { eq } from 'drizzle-orm';
import { runPdftotext } from '../../platform/documents/pdftotext';
import { users } from '../accounts/db-schema';
import { actorForUser } from '../accounts/index';
import { packageBuilds } from '../packages/db-schema';
import { papers } from '../papers/db-schema';
import { getPublicDocuments, listPublicMeetings } from '../publishing/index';
import { paperSubmissions } from '../submissions/db-schema';
import { startPageVisits } from './db-schema';
import { getStartPage } from './start-page';

const canary = 'START-CANARY-4242';

describe.skipIf(isEngineUnavailable())('start page and portal at /', () => {
  let t: TestApp;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let participant: TestUser;
  let meetings: Array<{ id: string; title: string; startsAt: string; status: string }>;

  beforeAll(async () => {
    // No package worker: the test sets the builds' states itself, and counts queries.
    t = await createTestApp({ demo: true, config: { backgroundWork: false } });
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    participant = await createTestUser(t.database, 'participant');
    meetings = (
      (await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })).json() as {
        data: typeof meetings;
      }
    ).data;
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(secretary), payload });
  /** The demo's committee meeting with a published agenda (as in portal.int.test.ts). */
  const committee = () => meetings.find((meeting) => meeting.title !== 'Rådmandsmøde')!;
  const anonymous = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });

  it('shows a visitor the portal at / with a canonical link and a way to log in', async () => {
    const response = await anonymous('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Offentlige dagsordener og referater</h1>');
    expect(response.body).toContain(
      '<link rel="canonical" href="http://localhost:3000/offentlig"/>',
    );
    expect(response.body).toContain('href="/login"');
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect((await anonymous('/login')).body).toContain('href="/offentlig"');
  });

  it('shows each role its own start page, with only what it may read', async () => {
    const sections = async (user: TestUser) => {
      const session = await signIn(t.app, user);
      const response = await session.get('/');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      return response.body;
    };
    const secretaryPage = await sections(secretary);
    for (const heading of [
      'Næste møder',
      'Nyt siden dit sidste besøg',
      'Indsendte sager, der venter',
      'Mødepakker, der er forældede eller ikke kunne dannes',
      'Referater, der venter på at blive udsendt',
      'Mine opfølgninger',
    ])
      expect(secretaryPage).toContain(heading);
    expect(secretaryPage).not.toContain('Mine sager');

    const officerPage = await sections(caseOfficer);
    expect(officerPage).toContain('Mine sager');
    expect(officerPage).not.toContain('Indsendte sager, der venter');

    // A participant of no organization sees no meeting the secretariat sees.
    const participantPage = await sections(participant);
    expect(participantPage).not.toContain('Indsendte sager, der venter');
    expect(participantPage).toContain('Der er ingen kommende møder i dine udvalg.');
    for (const meeting of meetings) expect(participantPage).not.toContain(`/moeder/${meeting.id}"`);
  });

  it('lists what was released since the last visit, and keeps it over a reload', async () => {
    const session = await signIn(t.app, secretary);
    await session.get('/');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await t.database.db.update(startPageVisits).set({ lastSeenAt: hourAgo, previousSeenAt: null });
    const upcoming = committee();
    const note = `Nyt bilag ${canary}`;
    const release = await api('POST', `/api/v1/meetings/${upcoming.id}/agenda-releases`, {
      changeNote: note,
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(release.statusCode).toBe(201);
    const first = (await session.get('/')).body;
    expect(first).toContain('Dagsordenen er ændret');
    expect(first).toContain(note);
    // A reload shortly after is the same visit: the change is still news.
    expect((await session.get('/')).body).toContain(note);
    // Half an hour on, a look is a new visit: it compares with the one before.
    const earlier = new Date(Date.now() - 40 * 60 * 1000);
    await t.database.db.update(startPageVisits).set({ lastSeenAt: earlier });
    await session.get('/');
    // Other users' visits from earlier tests are rows too; only the secretary looked again.
    const visits = await t.database.db.select().from(startPageVisits);
    expect(visits.map((visit) => visit.previousSeenAt)).toContainEqual(earlier);
  });

  /** A meeting of the committee some days ahead, with a released agenda and a pending submission. */
  const upcomingMeeting = async (title: string, daysAhead: number) => {
    const start = new Date(Date.now() + daysAhead * 24 * 60 * 60 * 1000);
    const created = await api('POST', '/api/v1/meetings', {
      organizationId: (committeeOrganization ??= await organizationOf(committee().id)),
      title,
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 60 * 60 * 1000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect(
      (
        await api('POST', `/api/v1/meetings/${id}/agenda-releases`, {
          lateReason: 'Testens møde ligger før fristen.',
        })
      ).statusCode,
    ).toBe(201);
    const [paper] = await t.database.db.select({ id: papers.id }).from(papers).limit(1);
    await t.database.db.insert(paperSubmissions).values({
      paperId: paper!.id,
      meetingId: id,
      durationMinutes: 10,
      deadline: start,
      isLate: false,
    });
    return id;
  };
  let committeeOrganization: string | undefined;
  const organizationOf = async (meetingId: string) =>
    ((await api('GET', `/api/v1/meetings/${meetingId}`)).json() as { organization: { id: string } })
      .organization.id;
  const secretaryActor = async () => {
    const [row] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, secretary.email));
    return (await actorForUser(t.database.db, row!.id, 'test'))!;
  };

  it('lists upcoming meetings whose package failed or is stale, with links, for the secretariat', async () => {
    const failed = await upcomingMeeting(`Pakken fejlede ${canary}`, 5);
    const stale = await upcomingMeeting(`Pakken er forældet ${canary}`, 6);
    const current = await upcomingMeeting(`Pakken er ny ${canary}`, 7);
    const finished = { finishedAt: new Date(), requestedByLabel: 'test' };
    await t.database.db.insert(packageBuilds).values([
      { meetingId: failed, audience: 'public', status: 'failed', error: 'x', ...finished },
      { meetingId: stale, audience: 'full', status: 'done', inputKey: 'before', ...finished },
      // A failure since rebuilt is no longer news.
      {
        meetingId: current,
        audience: 'full',
        status: 'failed',
        ...finished,
        requestedAt: new Date(Date.now() - 60_000),
      },
      { meetingId: current, audience: 'full', status: 'queued', requestedByLabel: 'test' },
    ]);
    const page = (await (await signIn(t.app, secretary)).get('/')).body;
    const section = page.slice(
      page.indexOf('id="start-packages"'),
      page.indexOf('id="start-minutes"'),
    );
    expect(section).toContain(`href="/moeder/${failed}/pakke"`);
    expect(section).toContain(`Pakken fejlede ${canary}`);
    expect(section).toContain('(kunne ikke dannes)');
    expect(section).toContain(`href="/moeder/${stale}/pakke"`);
    expect(section).toContain('(forældet)');
    expect(section).not.toContain(current);
    // Not the secretariat's: a case officer's start page has no such list.
    const officerPage = (await (await signIn(t.app, caseOfficer)).get('/')).body;
    expect(officerPage).not.toContain('id="start-packages"');
    expect(officerPage).not.toContain(`/moeder/${failed}/pakke`);
  });

  it('reads the start page in as many queries for many meetings as for a few', async () => {
    const actor = await secretaryActor();
    const read = () =>
      countQueries(t.database.db, () => getStartPage({ actor, tx: t.database.db, since: null }));
    // One meeting of each kind first, so both reads run every query the start page has.
    await upcomingMeeting('Første ekstra møde', 9);
    const before = await read();
    for (let index = 0; index < 4; index++)
      await upcomingMeeting(`Ekstra møde ${index}`, 10 + index);
    const after = await read();
    expect(after.result.secretariat!.waitingSubmissions.length).toBeGreaterThanOrEqual(
      before.result.secretariat!.waitingSubmissions.length + 4,
    );
    expect(after.result.changes.length).toBeGreaterThanOrEqual(before.result.changes.length + 4);
    expect(after.queries).toBe(before.queries);
  });

  it('offers the published agenda as PDF without a closed item’s content', async () => {
    const meeting = committee();
    const closed = await api('POST', `/api/v1/meetings/${meeting.id}/items`, {
      title: `Klagesag fra ${canary}`,
      isPublic: false,
      closedReasonCode: 'private_affairs',
      publicTitle: 'Klagesag',
      purpose: `Fortroligt ${canary}`,
      durationMinutes: 5,
    });
    expect(closed.statusCode).toBe(201);
    await api('POST', `/api/v1/meetings/${meeting.id}/agenda-releases`, {
      changeNote: 'Lukket punkt tilføjet.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(
      (await api('POST', `/api/v1/meetings/${meeting.id}/publications/agenda`)).statusCode,
    ).toBe(201);
    const pdf = await anonymous(`/offentlig/moeder/${meeting.id}/dagsorden.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await runPdftotext(['-', '-'], pdf.rawPayload))!;
    expect(text).toContain('Klagesag');
    expect(text).toContain('Lukket punkt');
    expect(text).not.toContain(canary);
    expect(text).not.toContain('Fortroligt');
    expect((await anonymous(`/offentlig/moeder/${meeting.id}/referat.pdf`)).statusCode).toBe(404);
  });
  it('offers published minutes as PDF with attendance, and no closed item or CPR number', async () => {
    const { id } = committee();
    await api('POST', `/api/v1/meetings/${id}/start`);
    await api('POST', `/api/v1/meetings/${id}/end`);
    expect(
      (await api('POST', `/api/v1/meetings/${id}/minutes-release`, { confirmIncomplete: true }))
        .statusCode,
    ).toBe(200);
    expect((await api('POST', `/api/v1/meetings/${id}/publications/minutes`)).statusCode).toBe(201);
    const withMinutes = (await listPublicMeetings(t.database.db)).find(
      (meeting) => meeting.meetingId === id,
    )!;
    expect(withMinutes.kind).toBe('minutes');
    const page = await anonymous(`/offentlig/moeder/${withMinutes.meetingId}`);
    expect(page.body).toContain('<h2 id="portal-attendance">Fremmøde</h2>');
    expect(page.body).toContain('Deltagere');
    const slugLink =
      /<link rel="canonical" href="http:\/\/localhost:3000\/offentlig\/moeder\/(\d{4}-\d{2}-\d{2}-[a-z0-9-]+)"\/>/.exec(
        page.body,
      );
    expect(slugLink).not.toBeNull();
    // The readable address shows the same meeting.
    expect((await anonymous(`/offentlig/moeder/${slugLink![1]}`)).body).toContain(
      'portal-attendance',
    );
    expect(page.body).toContain(`/offentlig/moeder/${slugLink![1]}/referat.pdf`);

    const pdf = await anonymous(`/offentlig/moeder/${slugLink![1]}/referat.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline;/);
    const text = (await runPdftotext(['-', '-'], pdf.rawPayload))!;
    expect(text).toContain('Deltagere');
    const minutes = (await getPublicDocuments(t.database.db, withMinutes.meetingId)).minutes!;
    expect(text).toContain(minutes.attendance!.present[0]!);
    expect(text).not.toMatch(/\b\d{6}-?\d{4}\b/);
    const detail = (await api('GET', `/api/v1/meetings/${withMinutes.meetingId}`)).json() as {
      items: Array<{ title: string; isPublic: boolean }>;
    };
    for (const item of detail.items.filter((candidate) => !candidate.isPublic))
      expect(text).not.toContain(item.title);
  });
});
