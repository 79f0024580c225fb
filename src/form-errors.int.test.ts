import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type BrowserSession,
  type TestApp,
  type TestUser,
} from '../test/app-harness';
import { isEngineUnavailable } from '../test/database';
import { da } from './platform/i18n/da';
import { callRoute, idsForCall, prepareCallers } from '../test/route-requests';

/**
 * Forms keep their page: a form the service refuses (a missing field, a meeting in the wrong
 * state) goes back to the page it was posted from with the reason shown there, or, without such
 * a page, answers with the reason and a way back: never the generic error page with a Fejl-id.
 * A missing page (404) and a refused permission (403) are not form errors.
 */
const isFormRoute = (route: { method: string; url: string }) =>
  route.method === 'POST' &&
  !route.url.startsWith('/api/') &&
  !route.url.startsWith('/oparl/') &&
  route.url !== '/logout';

const errorSummary = /class="alert alert-error" role="alert"/;

/** A right-to-left override: the input guard refuses text with one, naming the field. */
const bidiOverride = '\u202E';
const refusalCookie = (setCookie: string | string[] | undefined) =>
  [setCookie ?? []].flat().find((cookie) => cookie.startsWith('dagsorden_form_error='))!;

describe.skipIf(isEngineUnavailable())('form errors', () => {
  let t: TestApp;
  let secretary: TestUser;
  let browser: BrowserSession;
  let callers: Awaited<ReturnType<typeof prepareCallers>>;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    browser = await signIn(t.app, secretary);
    callers = await prepareCallers(t.database);
  }, 120_000);
  afterAll(() => t?.close());

  it('keeps the meeting page when a changed agenda is released without a change note', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: callers.ids.organization,
        title: 'Møde til udsendelse',
        start: '2031-03-05T18:15:00+01:00',
        end: '2031-03-05T19:45:00+01:00',
      },
    });
    const page = `/moeder/${(created.json() as { id: string }).id}`;
    await browser.get(page);
    expect((await browser.post(`${page}/udsend`, {}, { from: page })).statusCode).toBe(303);

    await browser.get(page);
    const again = await browser.post(`${page}/udsend`, { changeNote: ' ' }, { from: page });
    expect(again.statusCode).toBe(303);
    const shown = await browser.get(String(again.headers.location));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).not.toContain('Fejl-id');
    expect(shown.body).toContain('Skriv hvad der er ændret, når dagsordenen udsendes igen.');
    expect(shown.body).toContain('id="changeNote-error"');
  }, 60_000);

  it('shows a state error on the page the form was on, once', async () => {
    const page = `/moeder/${callers.ids.meeting}`;
    await browser.get(page);
    // The demo's first meeting is held: it cannot be started again.
    const refused = await browser.post(`${page}/start`, {}, { from: page });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toBe(page);
    const shown = await browser.get(page);
    expect(shown.body).not.toContain('Fejl-id');
    expect(shown.body).toMatch(errorSummary);
    expect((await browser.get(page)).body).not.toMatch(errorSummary);
  }, 60_000);

  describe('a refused post keeps what was typed', () => {
    let minutesPage = '';
    beforeAll(async () => {
      // A planned meeting: its minutes may still be written.
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: bearer(secretary),
        payload: {
          organizationId: callers.ids.organization,
          title: 'Møde med referat',
          start: '2031-04-02T18:15:00+02:00',
          end: '2031-04-02T19:45:00+02:00',
        },
      });
      const meetingId = (created.json() as { id: string }).id;
      const item = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meetingId}/items`,
        headers: bearer(secretary),
        payload: { title: 'Bordrunde', durationMinutes: 10 },
      });
      minutesPage = `/moeder/${meetingId}/punkter/${(item.json() as { id: string }).id}/referat`;
    });
    // Far past what a cookie could carry.
    const typed = `${'Udvalget drøftede sagen og bad om en ny indstilling. '.repeat(120)}Slut${bidiOverride}`;

    async function postMinutes(session: BrowserSession) {
      const page = minutesPage;
      const form = await session.get(page);
      expect(form.statusCode).toBe(200);
      const revision = /name="revision" value="([^"]*)"/.exec(form.body)?.[1] ?? '0';
      return session.post(
        page,
        { revision, minutes: typed, decision: 'Godkendt.' },
        { from: page },
      );
    }

    it('goes back to the form with the text in its field and the summary naming the field', async () => {
      const refused = await postMinutes(browser);
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toBe(minutesPage);
      const shown = await browser.get(minutesPage);
      expect(shown.body).not.toContain('Fejl-id');
      expect(shown.body).toMatch(errorSummary);
      expect(shown.body).toContain(
        `<a href="#minutes">${da.minutes.item.text}: ${da.validation.bidiControl}</a>`,
      );
      expect(shown.body).toContain('id="minutes-error"');
      expect(shown.body).toMatch(
        new RegExp(`<textarea[^>]*name="minutes"[^>]*>${typed}</textarea>`),
      );
      expect(shown.body).toMatch(/<textarea[^>]*name="decision"[^>]*>Godkendt\.<\/textarea>/);
      // Shown once: the next visit shows what is stored.
      expect((await browser.get(minutesPage)).body).not.toContain(typed);
    }, 60_000);

    it('shows the text to the session that posted it only', async () => {
      const refused = await postMinutes(browser);
      const cookie = refusalCookie(refused.headers['set-cookie']).split(';')[0]!;
      const other = await signIn(t.app, await createTestUser(t.database, 'secretary'));
      const stolen = await t.app.inject({
        method: 'GET',
        url: minutesPage,
        headers: { cookie: `${other.cookieHeader}; ${cookie}`, accept: 'text/html' },
      });
      expect(stolen.statusCode).toBe(200);
      expect(stolen.body).toMatch(errorSummary);
      expect(stolen.body).not.toContain(typed);
      expect((await browser.get(minutesPage)).body).toContain(typed);
    }, 60_000);

    it("answers a page script's post for JSON with JSON, leaving nothing for a later page", async () => {
      await browser.get(minutesPage);
      const saved = await browser.post(
        minutesPage,
        { revision: '0', minutes: typed },
        { from: minutesPage, accept: 'application/json' },
      );
      expect(saved.statusCode).toBe(400);
      expect((saved.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      expect(saved.headers['set-cookie'] ?? []).not.toContainEqual(
        expect.stringMatching(/^dagsorden_form_error=/),
      );
      expect((await browser.get(minutesPage)).body).not.toContain(typed);
    }, 60_000);

    it('never writes a password into a cookie or a page', async () => {
      const user = await createTestUser(t.database, 'secretary');
      const session = await signIn(t.app, user);
      const page = '/konto/adgangskode';
      await session.get(page);
      const newPassword = 'nyt-hemmeligt-kodeord-til-testen';
      const refused = await session.post(
        page,
        {
          currentPassword: `${user.password}${bidiOverride}`,
          password: newPassword,
          repeat: newPassword,
        },
        { from: page },
      );
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toBe(page);
      expect(decodeURIComponent(refusalCookie(refused.headers['set-cookie']))).not.toContain(
        newPassword,
      );
      const shown = await session.get(page);
      expect(shown.body).toContain('id="currentPassword-error"');
      expect(shown.body).not.toContain(newPassword);
      expect(shown.body).not.toContain(user.password);
    }, 60_000);
  });

  it('answers a refused form without a page to go back to with the reason, not the error page', async () => {
    const { users, idsOf } = callers;
    const routes = t.app.routeTable.filter(isFormRoute);
    expect(routes.length).toBeGreaterThan(50);
    const errorPages: string[] = [];
    for (const role of ['secretary', 'administrator'] as const) {
      const user = users[role];
      for (const route of routes) {
        const policy = route.policy;
        if (policy !== 'public' && policy !== 'signedIn' && !policy?.includes(role)) continue;
        const ids = await idsForCall(t.database, route, idsOf(role), user);
        const response = await callRoute(t.app, route, ids, user);
        const status = response.statusCode;
        if (status === 403 || status === 404 || status < 400) continue;
        if (response.body.includes('Fejl-id')) errorPages.push(`${role} ${route.url} → ${status}`);
      }
    }
    expect(errorPages).toEqual([]);
  }, 300_000);
});
