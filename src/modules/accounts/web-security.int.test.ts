import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BrowserSession,
  createTestApp,
  createTestUser,
  signIn,
  testPassword,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { eq } from 'drizzle-orm';
import { loginThrottles } from './db-schema';

describe.skipIf(isEngineUnavailable())(
  'web security: headers, idle timeout, login throttling',
  () => {
    let t: TestApp;
    let secretary: TestUser;

    beforeAll(async () => {
      t = await createTestApp({ demo: true, config: { trustProxy: true } });
      secretary = await createTestUser(t.database, 'secretary');
    });
    afterAll(() => t.close());
    afterEach(() => vi.useRealTimers());

    it('sends a Content-Security-Policy without inline code on pages and public pages', async () => {
      for (const url of ['/login', '/offentlig', '/oparl/v1.1/system']) {
        const response = await t.app.inject({ url });
        const policy = response.headers['content-security-policy'];
        expect(policy, url).toContain("script-src 'self'");
        expect(policy, url).toContain("style-src 'self'");
        expect(policy, url).toContain("frame-ancestors 'none'");
        expect(policy, url).not.toContain('unsafe-inline');
        expect(policy, url).not.toContain('unsafe-eval');
      }
    });

    it('sends HSTS only over https (here: behind a proxy that says so)', async () => {
      const plain = await t.app.inject({ url: '/login' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const secure = await t.app.inject({
        url: '/login',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(secure.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    });

    it('signs out a session that has been idle, and says why on the login page', async () => {
      const session = await signIn(t.app, secretary);
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      vi.advanceTimersByTime(59 * 60 * 1000);
      expect((await session.get('/moeder')).statusCode).toBe(200);
      // Activity keeps the session alive: another 59 minutes from the last request is fine.
      vi.advanceTimersByTime(59 * 60 * 1000);
      expect((await session.get('/moeder')).statusCode).toBe(200);
      vi.advanceTimersByTime(61 * 60 * 1000);
      const idle = await session.get('/moeder');
      expect(idle.statusCode).toBe(303);
      expect(idle.headers.location).toBe('/login?tilbage=%2Fmoeder&inaktiv=1');
      const login = await session.get(String(idle.headers.location));
      expect(login.body).toContain('Du er blevet logget ud, fordi du ikke har været aktiv');
    });

    it('locks an account after repeated wrong passwords, even against the right one', async () => {
      const user = await createTestUser(t.database, 'reader');
      const session = new BrowserSession(t.app);
      await session.get('/login');
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const wrong = await session.post('/login', { email: user.email, password: 'forkert' });
        expect(wrong.statusCode, `attempt ${attempt}`).toBe(401);
      }
      const sixth = await session.post('/login', { email: user.email, password: 'forkert' });
      expect(sixth.statusCode).toBe(401);
      const locked = await session.post('/login', { email: user.email, password: testPassword });
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toContain('For mange mislykkede forsøg på at logge ind');
      expect(locked.headers['set-cookie']).toBeUndefined();

      // Other accounts are not affected, and the lock passes.
      await signIn(t.app, secretary);
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      vi.advanceTimersByTime(2 * 60 * 1000);
      await expect(signIn(t.app, user)).resolves.toBeInstanceOf(BrowserSession);
    });

    /** A login form from an address: the CSRF cookie and token of one login page. */
    const loginFormFrom = async (remoteAddress: string) => {
      const page = await t.app.inject({ url: '/login', remoteAddress });
      const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return (email: string, password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/login',
          remoteAddress,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
        });
    };
    const loginFrom = async (remoteAddress: string, email: string, password: string) =>
      (await loginFormFrom(remoteAddress))(email, password);
    const failuresOf = async (key: string) => {
      const [row] = await t.database.db
        .select({ failures: loginThrottles.failures })
        .from(loginThrottles)
        .where(eq(loginThrottles.key, key));
      return row?.failures;
    };

    it('counts 20 parallel wrong passwords for one account as 20, and refuses the right one after them (issue 16)', async () => {
      const user = await createTestUser(t.database, 'reader');
      const login = await loginFormFrom('198.51.100.20');
      const burst = await Promise.all(
        Array.from({ length: 20 }, () => login(user.email, 'forkert-gæt')),
      );
      const statuses = burst.map((response) => response.statusCode);
      // Only as many guesses are checked as when they come one by one: five free and one more.
      expect(statuses.filter((status) => status === 401)).toHaveLength(6);
      expect(statuses.filter((status) => status === 429)).toHaveLength(14);
      expect(await failuresOf(`account:${user.email}`)).toBe(20);
      const right = await login(user.email, testPassword);
      expect(right.statusCode).toBe(429);
      expect(right.body).toContain('For mange mislykkede forsøg på at logge ind');
    });

    it('counts parallel failures from one address across accounts (issue 16)', async () => {
      const address = '198.51.100.21';
      const login = await loginFormFrom(address);
      const burst = await Promise.all(
        Array.from({ length: 30 }, (_, index) => login(`parallel${index}@test.dk`, 'forkert')),
      );
      const statuses = burst.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(21);
      expect(statuses.filter((status) => status === 429)).toHaveLength(9);
      expect(await failuresOf(`address:${address}`)).toBe(30);
      expect((await login(secretary.email, testPassword)).statusCode).toBe(429);
    });

    it('takes a successful login back from the address, so busy offices are not locked', async () => {
      const address = '198.51.100.22';
      for (let index = 0; index < 30; index += 1)
        expect((await loginFrom(address, secretary.email, testPassword)).statusCode).toBe(303);
      expect((await failuresOf(`address:${address}`)) ?? 0).toBe(0);
    });

    it('throttles an address that tries many accounts', async () => {
      const address = '203.0.113.7';
      for (let index = 1; index <= 21; index += 1) {
        const response = await loginFrom(address, `ukendt${index}@test.dk`, 'forkert');
        expect(response.statusCode, `attempt ${index}`).toBe(401);
      }
      const blocked = await loginFrom(address, secretary.email, testPassword);
      expect(blocked.statusCode).toBe(429);
      // Refused by the address's lock, it does not count against the account.
      expect(await failuresOf(`account:${secretary.email}`)).toBeUndefined();
      // The same account from another address is fine.
      expect((await loginFrom('203.0.113.8', secretary.email, testPassword)).statusCode).toBe(303);
    });
  },
);
