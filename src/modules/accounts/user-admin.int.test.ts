import { desc, eq, sql } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { buildApp } from '../../app';
import { auditEvents } from '../../platform/audit/db-schema';
import { inTransaction } from '../../platform/db/transaction';
import { mailOutbox } from '../../platform/mail/index';
import { createPerson, updatePerson } from '../organizations/index';
import { apiTokens, sessions, userInvitations, users } from './db-schema';
import { signInWithSso } from './sign-in';

type UserBody = {
  id: string;
  email: string;
  name: string;
  role: string;
  personId: string | null;
  personName: string | null;
  active: boolean;
  hasPassword: boolean;
  invitationPending: boolean;
};
type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string }> } };

const system = { kind: 'system', label: 'test' } as const;
const chosenPassword = 'blå-cykel-under-kastanjetræet';

describe.skipIf(isEngineUnavailable())('user management', () => {
  let t: TestApp;
  let admin: TestUser;
  let secretary: TestUser;
  let personId: string;
  let deactivatedPersonId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    [personId, deactivatedPersonId] = await inTransaction(t.database.db, async (tx) => {
      const person = await createPerson({
        actor: system,
        tx,
        input: { name: 'Mette Frederiksen Test', email: 'mette@kommune.dk' },
      });
      const gone = await createPerson({ actor: system, tx, input: { name: 'Gammel Person' } });
      await updatePerson({ actor: system, tx, id: gone.id, input: { active: false } });
      return [person.id, gone.id];
    });
  });
  afterAll(() => t.close());

  const api = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url,
      headers: bearer(user),
      ...(payload === undefined ? {} : { payload }),
    });
  const userCount = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;
  const lastMailTo = async (email: string) => {
    const [row] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(sql`${email} = ANY(${mailOutbox.recipients})`)
      .orderBy(desc(mailOutbox.id))
      .limit(1);
    return row;
  };
  const invitationLink = async (email: string) => {
    const mail = await lastMailTo(email);
    const match = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail?.body ?? '');
    expect(match, 'an invitation link in the mail').not.toBeNull();
    return `/invitation/${match![1]}`;
  };

  it('creates a user linked to a person, named after them, and invites them by e-mail', async () => {
    const response = await api(admin, 'POST', '/api/v1/users', {
      email: 'Mette@Kommune.dk',
      role: 'participant',
      personId,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<UserBody>();
    expect(body).toMatchObject({
      email: 'mette@kommune.dk',
      name: 'Mette Frederiksen Test',
      role: 'participant',
      personId,
      personName: 'Mette Frederiksen Test',
      active: true,
      hasPassword: false,
      invitationPending: true,
    });
    const mail = await lastMailTo('mette@kommune.dk');
    expect(mail?.subject).toBe('Invitation til Dagsorden');
    expect(mail?.body).toContain('http://localhost:3000/invitation/');
    // Only a hash of the link's token is stored.
    const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail!.body)![1]!;
    const stored = await t.database.db.select().from(userInvitations);
    expect(stored.some((row) => row.tokenHash.includes(token))).toBe(false);
    expect((await api(admin, 'GET', `/api/v1/users/${body.id}`)).json<UserBody>().email).toBe(
      'mette@kommune.dk',
    );
    const list = (await api(admin, 'GET', '/api/v1/users')).json<{ data: UserBody[] }>();
    expect(list.data.map((user) => user.email)).toContain('mette@kommune.dk');
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const before = await userCount();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ email: 'mette@kommune.dk', role: 'reader', name: 'Dublet' }, 409, 'EMAIL_TAKEN'],
      [
        { email: 'ny@kommune.dk', role: 'reader', personId: deactivatedPersonId },
        409,
        'PERSON_DEACTIVATED',
      ],
      [
        { email: 'ny@kommune.dk', role: 'reader', personId: crypto.randomUUID() },
        400,
        'VALIDATION_FAILED',
      ],
      [{ email: 'ny@kommune.dk', role: 'superuser', name: 'Ny' }, 400, 'VALIDATION_FAILED'],
      [{ email: 'ikke-en-mail', role: 'reader', name: 'Ny' }, 400, 'VALIDATION_FAILED'],
      [{ email: 'ny@kommune.dk', role: 'reader' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await api(admin, 'POST', '/api/v1/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json<ErrorBody>().error.code).toBe(code);
    }
    const deactivated = await api(admin, 'POST', '/api/v1/users', {
      email: 'ny@kommune.dk',
      role: 'reader',
      personId: deactivatedPersonId,
    });
    expect(deactivated.json<ErrorBody>().error.message).toContain('deaktiveret');
    expect(await userCount()).toBe(before);
    expect(await lastMailTo('ny@kommune.dk')).toBeUndefined();
  });

  it('is for administrators only', async () => {
    expect((await api(secretary, 'GET', '/api/v1/users')).statusCode).toBe(403);
    const response = await api(secretary, 'POST', '/api/v1/users', {
      email: 'sneaky@kommune.dk',
      role: 'administrator',
      name: 'Sneaky',
    });
    expect(response.statusCode).toBe(403);
    expect((await signIn(t.app, secretary).then((s) => s.get('/admin/brugere'))).statusCode).toBe(
      403,
    );
  });

  it('lets the invited user choose a password once through the link', async () => {
    const link = await invitationLink('mette@kommune.dk');
    const browser = new BrowserSession(t.app);
    const page = await browser.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('mette@kommune.dk');
    const tooShort = await browser.post(link, { password: 'kort', repeat: 'kort' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('12 tegn');
    const accepted = await browser.post(link, { password: chosenPassword, repeat: chosenPassword });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/login?invitation=accepteret');
    expect((await browser.get('/login?invitation=accepteret')).body).toContain(
      'Din adgangskode er gemt',
    );
    // Used up: the link no longer works.
    expect((await new BrowserSession(t.app).get(link)).statusCode).toBe(410);
    const again = await new BrowserSession(t.app).get('/login');
    expect(again.statusCode).toBe(200);
    const session = await signIn(t.app, { email: 'mette@kommune.dk', password: chosenPassword });
    expect((await session.get('/moeder')).statusCode).toBe(200);
  });

  it('refuses an expired link', async () => {
    const created = await api(admin, 'POST', '/api/v1/users', {
      email: 'udloebet@kommune.dk',
      role: 'reader',
      name: 'Udløbet',
    });
    const link = await invitationLink('udloebet@kommune.dk');
    await t.database.db
      .update(userInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userInvitations.userId, created.json<UserBody>().id));
    expect((await new BrowserSession(t.app).get(link)).statusCode).toBe(410);
    const post = await new BrowserSession(t.app).post(
      link,
      { password: chosenPassword, repeat: chosenPassword },
      { withCsrf: false },
    );
    expect(post.statusCode).toBeGreaterThanOrEqual(400);
    const [row] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'udloebet@kommune.dk'));
    expect(row?.passwordHash).toBeNull();
  });

  it('changes role and person, and refuses a deactivated person', async () => {
    const target = await createTestUser(t.database, 'reader');
    const [row] = await t.database.db.select().from(users).where(eq(users.email, target.email));
    const id = row!.id;
    const changed = await api(admin, 'PATCH', `/api/v1/users/${id}`, {
      role: 'case_officer',
      personId,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<UserBody>()).toMatchObject({ role: 'case_officer', personId });
    const refused = await api(admin, 'PATCH', `/api/v1/users/${id}`, {
      personId: deactivatedPersonId,
      role: 'reader',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('PERSON_DEACTIVATED');
    const badRole = await api(admin, 'PATCH', `/api/v1/users/${id}`, { role: 'chef' });
    expect(badRole.statusCode).toBe(400);
    const after = (await api(admin, 'GET', `/api/v1/users/${id}`)).json<UserBody>();
    expect(after).toMatchObject({ role: 'case_officer', personId });
    const unlinked = await api(admin, 'PATCH', `/api/v1/users/${id}`, { personId: null });
    expect(unlinked.json<UserBody>().personId).toBeNull();
  });

  it('deactivation ends sessions, revokes tokens and blocks sign-in until reactivated', async () => {
    const target = await createTestUser(t.database, 'participant');
    const [row] = await t.database.db.select().from(users).where(eq(users.email, target.email));
    const id = row!.id;
    const session = await signIn(t.app, target);
    expect((await session.get('/moeder')).statusCode).toBe(200);
    expect((await api(target, 'GET', '/api/v1/me')).statusCode).toBe(200);

    const adminBrowser = await signIn(t.app, admin);
    await adminBrowser.get(`/admin/brugere/${id}`);
    const deactivate = await adminBrowser.post(`/admin/brugere/${id}/deaktiver`, {});
    expect(deactivate.statusCode).toBe(303);

    const sessionRows = await t.database.db
      .select()
      .from(sessions)
      .where(sql`${sessions.data}->>'userId' = ${id}`);
    expect(sessionRows).toEqual([]);
    expect(await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, id))).toEqual(
      [],
    );
    expect((await session.get('/moeder')).statusCode).toBe(303);
    expect((await api(target, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const login = await new BrowserSession(t.app).get('/login');
    expect(login.statusCode).toBe(200);
    const failed = await signInAttempt(target);
    expect(failed.statusCode).toBe(401);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, id));
    expect(audit.map((event) => event.action)).toContain('user.deactivate');

    const reactivated = await api(admin, 'PATCH', `/api/v1/users/${id}`, { active: true });
    expect(reactivated.json<UserBody>().active).toBe(true);
    expect((await signInAttempt(target)).statusCode).toBe(303);
  });

  it('does not let an administrator lock themselves out', async () => {
    const [row] = await t.database.db.select().from(users).where(eq(users.email, admin.email));
    const response = await api(admin, 'PATCH', `/api/v1/users/${row!.id}`, { active: false });
    expect(response.statusCode).toBe(409);
    const demote = await api(admin, 'PATCH', `/api/v1/users/${row!.id}`, { role: 'reader' });
    expect(demote.statusCode).toBe(409);
    expect((await api(admin, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('creates a user through the form, with Danish messages for bad input', async () => {
    const browser = await signIn(t.app, admin);
    const form = await browser.get('/admin/brugere/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Mette Frederiksen Test');
    expect(form.body).not.toContain('Gammel Person');
    const before = await userCount();
    const taken = await browser.post('/admin/brugere/ny', {
      email: 'mette@kommune.dk',
      role: 'reader',
      personId: '',
      name: 'Dublet',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Der findes allerede en bruger med denne e-mail.');
    const deactivated = await browser.post('/admin/brugere/ny', {
      email: 'formular@kommune.dk',
      role: 'reader',
      personId: deactivatedPersonId,
      name: '',
    });
    expect(deactivated.statusCode).toBe(409);
    expect(deactivated.body).toContain('Personen er deaktiveret');
    const badRole = await browser.post('/admin/brugere/ny', {
      email: 'formular@kommune.dk',
      role: 'konge',
      personId: '',
      name: 'Formular',
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.body).toContain('Ukendt rolle');
    expect(await userCount()).toBe(before);

    const created = await browser.post('/admin/brugere/ny', {
      email: 'formular@kommune.dk',
      role: 'secretary',
      personId: '',
      name: 'Formular Bruger',
    });
    expect(created.statusCode).toBe(303);
    const page = await browser.get(String(created.headers.location));
    expect(page.body).toContain('formular@kommune.dk er oprettet');
    expect(await lastMailTo('formular@kommune.dk')).toBeDefined();
    const list = await browser.get('/admin/brugere');
    expect(list.body).toContain('Formular Bruger');
  });

  it('issues an API token for a user through the form, shown once, and refuses a nameless one', async () => {
    const browser = await signIn(t.app, admin);
    const created = await api(admin, 'POST', '/api/v1/users', {
      email: 'integration@kommune.dk',
      role: 'reader',
      name: 'Integration',
    });
    const userId = created.json<UserBody>().id;
    const tokensOf = async () =>
      (await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, userId))).length;
    const nameless = await browser.post(`/admin/brugere/${userId}/token`, { tokenName: ' ' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.body).toContain('id="tokenName-error"');
    expect(await tokensOf()).toBe(0);
    const issued = await browser.post(`/admin/brugere/${userId}/token`, {
      tokenName: 'Intranettets mødekalender',
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    const token = /value="(dgs_[A-Za-z0-9_-]+)"/.exec(issued.body)?.[1];
    expect(token).toBeDefined();
    expect(await tokensOf()).toBe(1);
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json<{ email: string }>().email).toBe('integration@kommune.dk');
    // Shown once: the user's page does not show it again.
    expect((await browser.get(`/admin/brugere/${userId}`)).body).not.toContain(token);
  });

  it('refuses single sign-on to a deactivated user and keeps a linked person across logins', async () => {
    const identity = {
      subject: 'sso-subject-1',
      email: 'sso@kommune.dk',
      emailVerified: true,
      name: 'Sso Bruger',
      role: 'participant' as const,
    };
    const user = await inTransaction(t.database.db, (tx) => signInWithSso(tx, identity, 'r1'));
    const linked = await api(admin, 'PATCH', `/api/v1/users/${user.id}`, { personId });
    expect(linked.json<UserBody>().personId).toBe(personId);
    const again = await inTransaction(t.database.db, (tx) => signInWithSso(tx, identity, 'r2'));
    expect(again.personId).toBe(personId);
    await api(admin, 'PATCH', `/api/v1/users/${user.id}`, { active: false });
    await expect(
      inTransaction(t.database.db, (tx) => signInWithSso(tx, identity, 'r3')),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Din bruger er deaktiveret. Kontakt en administrator.',
    });
    const invite = await api(admin, 'POST', `/api/v1/users/${user.id}/invitation`);
    expect(invite.statusCode).toBe(409);
  });

  it('describes users and persons in the OpenAPI document, with their error codes', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json', headers: bearer(admin) });
    const paths = (response.json() as { paths: Record<string, Record<string, unknown>> }).paths;
    expect(Object.keys(paths['/api/v1/users']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/users/{id}']!).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(paths['/api/v1/persons']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/persons/{id}']!).sort()).toEqual(['get', 'patch']);
    expect(JSON.stringify(paths['/api/v1/users'])).toContain('PERSON_DEACTIVATED');
  });

  it('keeps the invitation token out of the request log', async () => {
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
        url: '/api/v1/users',
        headers: bearer(admin),
        payload: { email: 'logget@kommune.dk', role: 'reader', name: 'Logget' },
      });
      expect(created.statusCode).toBe(201);
      const link = await invitationLink('logget@kommune.dk');
      expect((await logged.inject({ url: link })).statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('/invitation/…');
      expect(log).not.toContain(link);
    } finally {
      await logged.close();
    }
  });

  async function signInAttempt(user: TestUser) {
    const browser = new BrowserSession(t.app);
    await browser.get('/login');
    return browser.post('/login', { email: user.email, password: user.password });
  }
});
