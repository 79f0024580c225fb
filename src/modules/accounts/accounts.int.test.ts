import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import {
  BrowserSession,
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  testConfig,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../platform/db/transaction';
import { sessions } from './db-schema';
import { ensureInitialAdministrator, initialAdministratorEmail } from './index';

describe.skipIf(isEngineUnavailable())('accounts, sessions and tokens', () => {
  let t: TestApp;
  let secretary: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
  });
  afterAll(() => t.close());

  it('sends anonymous visitors of staff pages to the login page; / is the portal', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/login"');
    for (const url of [
      '/moeder',
      '/moeder/ny',
      '/admin/haendelser',
      '/api/v1/docs',
      '/does-not-exist',
    ]) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toBe('/login');
    }
    const login = await t.app.inject({ url: '/login' });
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('<html lang="da">');
    expect(login.body).toContain('Log ind');
  });

  it('answers anonymous API calls with 401 and a stable code', async () => {
    for (const url of [
      '/api/v1/meetings',
      '/api/v1/organizations',
      '/api/v1/openapi.json',
      '/api/v1/me',
    ]) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(401);
      expect((response.json() as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('stores nothing for a visitor who is not signed in (issue 16)', async () => {
    const countSessions = async () => {
      const [row] = await t.database.db
        .select({ count: sql<number>`count(*)::int` })
        .from(sessions);
      return row!.count;
    };
    const before = await countSessions();
    for (const url of ['/', '/moeder', '/sager/ny', '/login', '/login?tilbage=%2Fmoeder', '/x']) {
      for (let repeat = 0; repeat < 5; repeat += 1) {
        const response = await t.app.inject({ url, headers: { accept: 'text/html' } });
        const cookies = [response.headers['set-cookie'] ?? []].flat();
        expect(
          cookies.filter((cookie) => cookie.startsWith('dagsorden_session=')),
          url,
        ).toEqual([]);
      }
    }
    expect(await countSessions()).toBe(before);
  });

  it('ignores Authorization schemes that are not Bearer on public pages', async () => {
    const portal = await t.app.inject({
      url: '/offentlig',
      headers: { authorization: 'Basic dXNlcjpwYXNz', accept: 'text/html' },
    });
    expect(portal.statusCode).toBe(200);
  });

  it('sets no cookie on pages a bearer token signs in, and marks private answers no-store', async () => {
    const page = await t.app.inject({
      url: '/moeder',
      headers: { ...bearer(secretary), accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('private, no-store');
    const api = await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) });
    expect(api.headers['cache-control']).toBe('private, no-store');
    const login = await t.app.inject({ url: '/login' });
    expect(login.headers['cache-control']).toBe('private, no-store');
    const portal = await t.app.inject({ url: '/offentlig' });
    expect(portal.headers['cache-control']).toMatch(/^public/);
  });

  it('rejects unknown and malformed bearer tokens', async () => {
    for (const authorization of ['Bearer dgs_unknown', 'Bearer nonsense', 'Basic abc']) {
      const response = await t.app.inject({ url: '/api/v1/me', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
    }
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(secretary) });
    expect(me.json()).toMatchObject({ kind: 'user', email: secretary.email, role: 'secretary' });
  });

  it('signs in with a session cookie (HttpOnly, SameSite=Lax), a new session id, and a redirect back', async () => {
    const session = new BrowserSession(t.app);
    const wanted = await session.get('/admin/haendelser?side=2');
    expect(wanted.statusCode).toBe(303);
    expect(wanted.headers.location).toBe('/login?tilbage=%2Fadmin%2Fhaendelser%3Fside%3D2');
    // Nothing is stored for the visitor before login: no session cookie, no row.
    expect(wanted.headers['set-cookie']).toBeUndefined();
    const loginPage = await session.get(String(wanted.headers.location));
    expect(loginPage.body).toContain('name="tilbage" value="/admin/haendelser?side=2"');
    expect(session.sessionCookie).toBe('');
    const response = await session.post('/login', {
      email: secretary.email,
      password: secretary.password,
      tilbage: '/admin/haendelser?side=2',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/haendelser?side=2');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(session.sessionCookie).not.toBe('');
    expect((await session.get('/moeder')).statusCode).toBe(200);
  });

  it('does not open-redirect after login', async () => {
    for (const tilbage of [
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '/\tevil',
      'javascript:alert(1)',
    ]) {
      const session = new BrowserSession(t.app);
      const page = await session.get(`/login?tilbage=${encodeURIComponent(tilbage)}`);
      expect(page.body, tilbage).not.toContain('name="tilbage"');
      const response = await session.post('/login', {
        email: secretary.email,
        password: secretary.password,
        tilbage,
      });
      expect(response.headers.location, tilbage).toBe('/');
    }
  });

  it('rejects a wrong password with the same Danish message as an unknown e-mail', async () => {
    for (const [email, password] of [
      [secretary.email, 'forkert-adgangskode'],
      ['ingen@test.dk', 'forkert-adgangskode'],
    ]) {
      const session = new BrowserSession(t.app);
      await session.get('/login');
      const response = await session.post('/login', { email: email!, password: password! });
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Forkert e-mail eller adgangskode.');
    }
  });

  it('rejects a login form without a valid CSRF token', async () => {
    const session = new BrowserSession(t.app);
    await session.get('/login');
    const response = await session.post(
      '/login',
      { email: secretary.email, password: secretary.password },
      { withCsrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Formularen er udløbet');
  });

  it('logs out and forgets the session', async () => {
    const session = await signIn(t.app, secretary);
    const stolenCookie = session.sessionCookie;
    const response = await session.post('/logout', {});
    expect(response.statusCode).toBe(303);
    expect((await session.get('/moeder')).headers.location).toBe('/login?tilbage=%2Fmoeder');
    // The row is gone: a copy of the cookie kept from before is worth nothing.
    const replay = await t.app.inject({
      url: '/moeder',
      headers: { cookie: stolenCookie, accept: 'text/html' },
    });
    expect(replay.statusCode).toBe(303);
  });

  it('keeps sessions in the database, so they survive a restart of the server', async () => {
    const session = await signIn(t.app, secretary);
    const restarted = await buildApp({ config: testConfig(), database: t.database, logger: false });
    try {
      const response = await restarted.inject({
        url: '/moeder',
        headers: { cookie: session.cookieHeader },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Social- og Beskæftigelsesudvalget');
    } finally {
      await restarted.close();
    }
  });

  it('throttles repeated failed logins', async () => {
    const session = new BrowserSession(t.app);
    await session.get('/login');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      statuses.push(
        (await session.post('/login', { email: 'x@test.dk', password: 'y' })).statusCode,
      );
    }
    expect(statuses).toContain(429);
  });
});

describe.skipIf(isEngineUnavailable())('the first administrator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is created once on an empty database with a one-time password that must be changed', async () => {
    const first = await inTransaction(t.database.db, (tx) => ensureInitialAdministrator(tx));
    expect(first?.email).toBe(initialAdministratorEmail);
    expect(first?.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(
      await inTransaction(t.database.db, (tx) => ensureInitialAdministrator(tx)),
    ).toBeUndefined();

    const session = new BrowserSession(t.app);
    await session.get('/login');
    const login = await session.post('/login', { email: first!.email, password: first!.password });
    expect(login.headers.location).toBe('/konto/adgangskode');
    // Every other page is closed until the password is changed.
    expect((await session.get('/moeder')).headers.location).toBe('/konto/adgangskode');
    // The one-time password was typed at the login just now: it is not asked for again.
    const page = await session.get('/konto/adgangskode');
    expect(page.body).toContain('Vælg en ny adgangskode');
    expect(page.body).not.toContain('name="currentPassword"');
    const same = await session.post('/konto/adgangskode', {
      password: first!.password,
      repeat: first!.password,
    });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('Den nye adgangskode skal være en anden end den nuværende.');
    const tooShort = await session.post('/konto/adgangskode', { password: 'kort', repeat: 'kort' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('mindst 12 tegn');
    const changed = await session.post('/konto/adgangskode', {
      password: 'en-meget-lang-ny-kode',
      repeat: 'en-meget-lang-ny-kode',
    });
    expect(changed.headers.location).toBe('/');
    expect((await session.get('/moeder')).statusCode).toBe(200);

    const again = await signIn(t.app, { email: first!.email, password: 'en-meget-lang-ny-kode' });
    expect((await again.get('/moeder')).statusCode).toBe(200);
  });
});
