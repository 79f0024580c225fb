import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  testPassword,
  type BrowserSession,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { auditEvents } from '../../platform/audit/db-schema';
import { formatDateLong } from '../../platform/i18n/format';
import { apiTokens, sessions, users } from './db-schema';

const newPassword = 'lilla-elefant-danser-tango';
const day = 24 * 60 * 60 * 1000;

type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string }> } };
type TokenBody = {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  token?: string;
};

describe.skipIf(isEngineUnavailable())('account controls: password change and API tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  const userId = async (user: TestUser) => {
    const [row] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, user.email));
    return row!.id;
  };
  const sessionRowsOf = async (id: string) =>
    t.database.db
      .select()
      .from(sessions)
      .where(sql`${sessions.data}->>'userId' = ${id}`);
  const tokenRowsOf = async (id: string) =>
    t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, id));
  const auditOf = async (action: string, entityId: string) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
  const me = (token: string) =>
    t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  /** A JSON call as the browser's own script makes it: session cookie and CSRF header. */
  const jsonFromBrowser = async (
    session: BrowserSession,
    method: 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse> => {
    const page = await session.get('/konto');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return t.app.inject({
      method,
      url,
      headers: {
        cookie: session.cookieHeader,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  };

  describe('password change', () => {
    it('asks for the current password and refuses blank, weak and unchanged new ones, changing nothing (issue 16)', async () => {
      const user = await createTestUser(t.database, 'reader');
      const session = await signIn(t.app, user);
      const page = await session.get('/konto/adgangskode');
      expect(page.body).toContain('name="currentPassword"');
      expect(page.body).toContain('Skift adgangskode');
      const attempts: Array<[Record<string, string>, string]> = [
        [{ currentPassword: '', password: newPassword, repeat: newPassword }, 'Skal udfyldes.'],
        [
          { currentPassword: 'forkert-kode', password: newPassword, repeat: newPassword },
          'Den nuværende adgangskode er forkert.',
        ],
        [
          { currentPassword: testPassword, password: ' '.repeat(12), repeat: ' '.repeat(12) },
          'Adgangskoden må ikke kun bestå af mellemrum.',
        ],
        [
          { currentPassword: testPassword, password: 'password1234', repeat: 'password1234' },
          'Adgangskoden er for let at gætte. Den ligner en almindeligt brugt adgangskode.',
        ],
        [
          { currentPassword: testPassword, password: testPassword, repeat: testPassword },
          'Den nye adgangskode skal være en anden end den nuværende.',
        ],
        [
          { currentPassword: testPassword, password: newPassword, repeat: 'noget-helt-andet' },
          'De to adgangskoder er ikke ens.',
        ],
      ];
      for (const [fields, message] of attempts) {
        await session.get('/konto/adgangskode');
        const response = await session.post('/konto/adgangskode', fields);
        expect(response.statusCode, message).toBe(400);
        expect(response.body, message).toContain(message);
      }
      await expect(signIn(t.app, user)).resolves.toBeDefined();
      await expect(signIn(t.app, { email: user.email, password: newPassword })).rejects.toThrow(
        'login failed: 401',
      );
    });

    it('ends every other session and every API token of the user, audited, and keeps this browser signed in (issue 16)', async () => {
      const user = await createTestUser(t.database, 'secretary');
      const bystander = await createTestUser(t.database, 'secretary');
      const bystanderSession = await signIn(t.app, bystander);
      const elsewhere = await signIn(t.app, user);
      const here = await signIn(t.app, user);
      const id = await userId(user);
      expect(await sessionRowsOf(id)).toHaveLength(2);

      await here.get('/konto/adgangskode');
      const changed = await here.post('/konto/adgangskode', {
        currentPassword: testPassword,
        password: newPassword,
        repeat: newPassword,
      });
      expect(changed.statusCode).toBe(303);
      expect(changed.headers.location).toBe('/konto?adgangskode=skiftet');
      const account = await here.get(String(changed.headers.location));
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('Din adgangskode er skiftet.');

      expect((await elsewhere.get('/moeder')).headers.location).toBe('/login?tilbage=%2Fmoeder');
      const revoked = await me(user.token);
      expect(revoked.statusCode).toBe(401);
      expect((revoked.json() as ErrorBody).error.code).toBe('UNAUTHENTICATED');
      expect(await sessionRowsOf(id)).toHaveLength(1);
      expect(await tokenRowsOf(id)).toEqual([]);
      // Nobody else is signed out.
      expect((await bystanderSession.get('/moeder')).statusCode).toBe(200);
      expect((await me(bystander.token)).statusCode).toBe(200);

      const [audit] = await auditOf('user.changePassword', id);
      expect(audit?.after).toEqual({ endedSessions: 2, revokedTokens: 1 });
      expect(audit?.actorUserId).toBe(id);

      await expect(signIn(t.app, user)).rejects.toThrow('login failed: 401');
      await expect(
        signIn(t.app, { email: user.email, password: newPassword }),
      ).resolves.toBeDefined();
    });

    it('does not let a session back in when a request in flight writes its row again after the change', async () => {
      const user = await createTestUser(t.database, 'reader');
      const stale = await signIn(t.app, user);
      const here = await signIn(t.app, user);
      const id = await userId(user);
      const before = await sessionRowsOf(id);
      await here.get('/konto/adgangskode');
      const changed = await here.post('/konto/adgangskode', {
        currentPassword: testPassword,
        password: newPassword,
        repeat: newPassword,
      });
      expect(changed.statusCode).toBe(303);
      // What @fastify/session does when a request on the old session ends after the change: it
      // saves the session, and the store's upsert writes the deleted row back.
      await t.database.db.insert(sessions).values(before).onConflictDoNothing();
      expect((await sessionRowsOf(id)).length).toBeGreaterThan(2);
      expect((await stale.get('/moeder')).headers.location).toBe('/login?tilbage=%2Fmoeder');
      expect((await here.get('/moeder')).statusCode).toBe(200);
    });

    it('is in the JSON API, with the current password required', async () => {
      const user = await createTestUser(t.database, 'case_officer');
      const put = (body: unknown) =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/me/password',
          headers: { ...bearer(user), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
      const wrong = await put({ currentPassword: 'forkert-kode', newPassword });
      expect(wrong.statusCode).toBe(400);
      expect((wrong.json() as ErrorBody).error.details).toEqual([
        { field: 'currentPassword', message: 'Den nuværende adgangskode er forkert.' },
      ]);
      const weak = await put({ currentPassword: testPassword, newPassword: '            ' });
      expect(weak.statusCode).toBe(400);
      expect((weak.json() as ErrorBody).error.details[0]?.field).toBe('newPassword');
      expect((await put({ newPassword })).statusCode).toBe(400);

      const changed = await put({ currentPassword: testPassword, newPassword });
      expect(changed.statusCode).toBe(204);
      // The token the change was made with is revoked with the others.
      expect((await me(user.token)).statusCode).toBe(401);
      await expect(
        signIn(t.app, { email: user.email, password: newPassword }),
      ).resolves.toBeDefined();
    });

    it('throttles guesses of the current password like logins', async () => {
      const user = await createTestUser(t.database, 'reader');
      const put = (currentPassword: string) =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/me/password',
          remoteAddress: '192.0.2.60',
          headers: { ...bearer(user), 'content-type': 'application/json' },
          payload: JSON.stringify({ currentPassword, newPassword }),
        });
      const guesses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => put(`gæt-nummer-${index}`)),
      );
      expect(guesses.filter((response) => response.statusCode === 400)).toHaveLength(6);
      expect(guesses.filter((response) => response.statusCode === 429)).toHaveLength(4);
      const right = await put(testPassword);
      expect(right.statusCode).toBe(429);
      expect((right.json() as ErrorBody).error.code).toBe('RATE_LIMITED');
      // The same lock holds for the login form.
      await expect(signIn(t.app, user)).rejects.toThrow('login failed: 429');
    });
  });

  describe('personal API tokens', () => {
    it('are found from the header and listed, made and revoked on /konto/tokens without JavaScript (issue 16)', async () => {
      const user = await createTestUser(t.database, 'participant');
      const session = await signIn(t.app, user);
      const start = await session.get('/moeder');
      expect(start.body).toContain('<a href="/konto">Min konto</a>');
      const account = await session.get('/konto');
      expect(account.body).toContain(user.email);
      expect(account.body).toContain('href="/konto/adgangskode"');
      expect(account.body).toContain('href="/konto/tokens"');

      const list = await session.get('/konto/tokens');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('<th scope="row" data-title="Navn">API-token</th>');
      expect(list.body).toContain(formatDateLong(new Date(Date.now() + 90 * day)));
      expect(list.body).toContain('Aldrig');

      const created = await session.post('/konto/tokens', {
        name: 'Intranettets mødekalender',
        expiresInDays: '30',
      });
      expect(created.statusCode).toBe(200);
      expect(created.headers['cache-control']).toBe('no-store');
      const token = /value="(dgs_[A-Za-z0-9_-]{43})"/.exec(created.body)?.[1] ?? '';
      expect(token).not.toBe('');
      expect(created.body).toContain('Det vises ikke igen');
      expect(created.body).toContain(formatDateLong(new Date(Date.now() + 30 * day)));
      expect((await session.get('/konto/tokens')).body).not.toContain(token);

      expect((await me(token)).statusCode).toBe(200);
      const listed = await t.app.inject({
        url: '/api/v1/me/tokens',
        headers: { authorization: `Bearer ${token}` },
      });
      const made = (listed.json() as { data: TokenBody[] }).data.find(
        (row) => row.name === 'Intranettets mødekalender',
      )!;
      expect(made.lastUsedAt).not.toBeNull();

      const revoke = await session.post(`/konto/tokens/${made.id}/slet`, {});
      expect(revoke.statusCode).toBe(303);
      expect(revoke.headers.location).toBe('/konto/tokens');
      expect((await me(token)).statusCode).toBe(401);
      expect((await me(user.token)).statusCode).toBe(200);
      expect(await auditOf('apiToken.create', made.id)).toHaveLength(1);
      const [revoked] = await auditOf('apiToken.revoke', made.id);
      expect(revoked?.before).toMatchObject({ name: 'Intranettets mødekalender' });
    });

    it('are listed, made and revoked in the JSON API; a bearer token cannot make tokens (issue 16)', async () => {
      const user = await createTestUser(t.database, 'reader');
      const stranger = await createTestUser(t.database, 'reader');
      const listed = await t.app.inject({ url: '/api/v1/me/tokens', headers: bearer(user) });
      expect(listed.statusCode).toBe(200);
      const [only] = (listed.json() as { data: TokenBody[] }).data;
      expect(Object.keys(only!).sort()).toEqual([
        'createdAt',
        'expiresAt',
        'id',
        'lastUsedAt',
        'name',
      ]);
      const lifetime = Date.parse(only!.expiresAt) - Date.parse(only!.createdAt);
      expect(Math.round(lifetime / day)).toBe(90);

      const byToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: { ...bearer(user), 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'Skjult bagdør' }),
      });
      expect(byToken.statusCode).toBe(403);
      expect((byToken.json() as ErrorBody).error.message).toContain('logget ind i browseren');
      expect(await tokenRowsOf(await userId(user))).toHaveLength(1);
      const pageByToken = await t.app.inject({
        method: 'POST',
        url: '/konto/tokens',
        headers: {
          ...bearer(user),
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'name=Skjult&expiresInDays=90',
      });
      expect(pageByToken.statusCode).toBe(403);
      expect(await tokenRowsOf(await userId(user))).toHaveLength(1);

      const session = await signIn(t.app, user);
      for (const body of [
        { name: 'For lang', expiresInDays: 366 },
        { name: 'Ingen tid', expiresInDays: 0 },
        { name: 'Halv dag', expiresInDays: 0.5 },
        { name: '   ' },
      ]) {
        const refused = await jsonFromBrowser(session, 'POST', '/api/v1/me/tokens', body);
        expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      }
      const created = await jsonFromBrowser(session, 'POST', '/api/v1/me/tokens', {
        name: 'Byggeserver',
        expiresInDays: 7,
      });
      expect(created.statusCode).toBe(201);
      const body = created.json() as TokenBody;
      expect(body.token).toMatch(/^dgs_[A-Za-z0-9_-]{43}$/);
      expect(Math.round((Date.parse(body.expiresAt) - Date.parse(body.createdAt)) / day)).toBe(7);
      expect((await me(body.token!)).statusCode).toBe(200);

      const strangers = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/tokens/${body.id}`,
        headers: bearer(stranger),
      });
      expect(strangers.statusCode).toBe(404);
      expect((await me(body.token!)).statusCode).toBe(200);
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/tokens/${body.id}`,
        headers: { authorization: `Bearer ${body.token!}` },
      });
      expect(deleted.statusCode).toBe(204);
      expect((await me(body.token!)).statusCode).toBe(401);
    });

    it('are described in the OpenAPI document, with the password change', async () => {
      const user = await createTestUser(t.database, 'reader');
      const response = await t.app.inject({ url: '/api/v1/openapi.json', headers: bearer(user) });
      const paths = (response.json() as { paths: Record<string, Record<string, unknown>> }).paths;
      expect(Object.keys(paths['/api/v1/me/tokens']!).sort()).toEqual(['get', 'post']);
      expect(Object.keys(paths['/api/v1/me/tokens/{id}']!)).toEqual(['delete']);
      expect(Object.keys(paths['/api/v1/me/password']!)).toEqual(['put']);
    });

    it('stop working when they expire (issue 16)', async () => {
      const user = await createTestUser(t.database, 'reader');
      const session = await signIn(t.app, user);
      const created = await jsonFromBrowser(session, 'POST', '/api/v1/me/tokens', {
        name: 'Et døgn',
        expiresInDays: 1,
      });
      const { token } = created.json() as TokenBody;
      expect((await me(token!)).statusCode).toBe(200);
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      vi.advanceTimersByTime(day + 60_000);
      const expired = await me(token!);
      expect(expired.statusCode).toBe(401);
      expect((expired.json() as ErrorBody).error).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Ugyldigt eller udløbet API-token.',
      });
      // The 90-day token made with the user is still good, and its list shows the expired one.
      const page = await t.app.inject({
        url: '/konto/tokens',
        headers: { ...bearer(user), accept: 'text/html' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Udløbt');
      expect(page.body).toContain('Nye API-tokens kan kun oprettes, når du er logget ind');
    });
  });
});
