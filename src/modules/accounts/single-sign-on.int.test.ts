import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestUser,
  testPassword,
  type TestApp,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { freePort } from '../../../test/processes';

/** Cookies per origin, as a browser keeps them across the app and the provider. */
class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies.get(target.origin) ?? new Map<string, string>();
    this.cookies.set(target.origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie, accept: 'text/html' },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name.trim(), value.join('='));
    }
    return response;
  }

  /** Follows redirects; on a provider page with a form, submits it as the user would. */
  async follow(start: string, submit: Record<string, Record<string, string>>): Promise<Response> {
    let response = await this.request(start);
    let url = new URL(start);
    for (let step = 0; step < 20; step += 1) {
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        response = await this.request(url);
        continue;
      }
      const html = await response.clone().text();
      const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(html);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!form?.[1] || !prompt || !submit[prompt]) return response;
      url = new URL(form[1], url);
      response = await this.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt, ...submit[prompt] }).toString(),
      });
    }
    throw new Error('too many redirects');
  }
}

const accounts: Record<string, Record<string, unknown>> = {
  sofie: { sub: 'sofie', email: 'Sofie@Aarhus.dk', name: 'Sofie Sekretær', roles: ['DAG-Sekr'] },
  ole: { sub: 'ole', email: 'ole@aarhus.dk', name: 'Ole Udenfor', roles: ['Andet'] },
  // Claims the address of an existing local account, without the provider vouching for it.
  mallory: {
    sub: 'mallory',
    email: 'chef@aarhus.dk',
    email_verified: false,
    name: 'Mallory',
    roles: ['DAG-Sekr'],
  },
  // The same person as the local account, with an address the provider has verified.
  chef: {
    sub: 'chef-sub',
    email: 'chef@aarhus.dk',
    email_verified: true,
    name: 'Chefen',
    roles: ['DAG-Sekr'],
  },
};

describe.skipIf(isEngineUnavailable())('single sign-on against a real OpenID provider', () => {
  let t: TestApp;
  let appUrl: string;
  let providerServer: Server;

  beforeAll(async () => {
    const [appPort, providerPort] = [await freePort(), await freePort()];
    appUrl = `http://127.0.0.1:${appPort}`;
    const issuer = `http://127.0.0.1:${providerPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'dagsorden',
          client_secret: 'hemmeligt-test',
          redirect_uris: [`${appUrl}/login/oidc/callback`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'roles'] },
      findAccount: (_context, id) => ({
        accountId: id,
        claims: () => Promise.resolve({ sub: id, ...accounts[id] }),
      }),
      pkce: { required: () => true },
      cookies: { keys: ['test-cookie-key'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    });
    providerServer = provider.listen(providerPort);
    t = await createTestApp({
      config: {
        publicBaseUrl: appUrl,
        oidc: {
          issuer,
          clientId: 'dagsorden',
          clientSecret: 'hemmeligt-test',
          scopes: 'openid email profile',
          roleClaim: 'roles',
          roleMap: new Map([['DAG-Sekr', 'secretary']]),
          defaultRole: undefined,
          displayName: 'Aarhus Kommune',
        },
      },
    });
    await t.app.listen({ port: appPort, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
    providerServer?.close();
  });

  it('offers the provider on the login page, and local accounts keep working', async () => {
    const login = await t.app.inject({ url: '/login' });
    expect(login.body).toContain('href="/login/oidc"');
    expect(login.body).toContain('Log ind med Aarhus Kommune');
    const local = await createTestUser(t.database, 'reader');
    const browser = new Browser();
    const page = await browser.request(`${appUrl}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const signedIn = await browser.request(`${appUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: local.email, password: testPassword, _csrf: csrf }),
    });
    expect(signedIn.status).toBe(303);
  });

  it('signs in with the code flow and PKCE, creates the user with the mapped role', async () => {
    const browser = new Browser();
    const start = await browser.request(`${appUrl}/login/oidc`);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);

    const end = await browser.follow(`${appUrl}/login/oidc`, {
      login: { login: 'sofie', password: 'hvad-som-helst' },
      consent: {},
    });
    expect(end.status).toBe(200);
    expect(end.url).toBe(`${appUrl}/`);
    const me = await browser.request(`${appUrl}/api/v1/me`);
    const body = (await me.json()) as { email: string; name: string; role: string };
    expect(body).toMatchObject({
      email: 'sofie@aarhus.dk',
      name: 'Sofie Sekretær',
      role: 'secretary',
    });
  });

  it('refuses a user whose claims map to no role, in Danish, without signing in', async () => {
    const browser = new Browser();
    const end = await browser.follow(`${appUrl}/login/oidc`, {
      login: { login: 'ole', password: 'x' },
      consent: {},
    });
    expect(end.status).toBe(403);
    expect(await end.text()).toContain('giver ikke adgang til Dagsorden');
    expect((await browser.request(`${appUrl}/api/v1/me`)).status).toBe(401);
  });

  it('links an existing account by e-mail only when the provider has verified the address', async () => {
    const local = await createTestUser(t.database, 'administrator', { email: 'chef@aarhus.dk' });
    const attacker = new Browser();
    const refused = await attacker.follow(`${appUrl}/login/oidc`, {
      login: { login: 'mallory', password: 'x' },
      consent: {},
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('kan knyttes til din konto hos login-udbyderen');
    expect((await attacker.request(`${appUrl}/api/v1/me`)).status).toBe(401);
    const untouched = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${local.token}` },
    });
    expect(untouched.json()).toMatchObject({ email: 'chef@aarhus.dk', role: 'administrator' });

    const owner = new Browser();
    const linked = await owner.follow(`${appUrl}/login/oidc`, {
      login: { login: 'chef', password: 'x' },
      consent: {},
    });
    expect(linked.url).toBe(`${appUrl}/`);
    const me = (await (await owner.request(`${appUrl}/api/v1/me`)).json()) as { role: string };
    expect(me.role).toBe('secretary');
  });

  it('refuses a callback that no login started', async () => {
    const response = await new Browser().request(`${appUrl}/login/oidc/callback?code=x&state=y`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Login-forsøget er udløbet');
  });
});
