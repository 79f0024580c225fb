import { eq, sql } from 'drizzle-orm';
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
import { auditEvents } from '../../platform/audit/db-schema';
import { persons } from '../organizations/db-schema';

type PersonBody = {
  id: string;
  name: string;
  title: string | null;
  unit: string | null;
  email: string | null;
  phone: string | null;
  party: string | null;
  isExternal: boolean;
  active: boolean;
  memberships?: Array<{ organizationName: string; role: string }>;
};
type ErrorBody = { error: { code: string; details: Array<{ field: string; message: string }> } };

describe.skipIf(isEngineUnavailable())('person register', () => {
  let t: TestApp;
  let admin: TestUser;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let participant: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    participant = await createTestUser(t.database, 'participant');
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
  const personCount = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(persons))[0]!.n;
  const personNamed = async (name: string) =>
    (await t.database.db.select().from(persons).where(eq(persons.name, name)))[0]!;

  it('creates, searches, edits, deactivates and reactivates a person through the API', async () => {
    const created = await api(secretary, 'POST', '/api/v1/persons', {
      name: '  Birgitte Byrådsmedlem ',
      title: 'Byrådsmedlem',
      unit: 'Byrådet',
      email: 'Birgitte@Kommune.dk',
      phone: '12 34 56 78',
      party: 'Socialdemokratiet',
    });
    expect(created.statusCode).toBe(201);
    const person = created.json<PersonBody>();
    expect(person).toMatchObject({
      name: 'Birgitte Byrådsmedlem',
      email: 'birgitte@kommune.dk',
      party: 'Socialdemokratiet',
      isExternal: false,
      active: true,
    });

    const found = await api(admin, 'GET', '/api/v1/persons?q=socialdemo');
    expect(found.json<{ data: PersonBody[] }>().data.map((p) => p.id)).toEqual([person.id]);

    const edited = await api(admin, 'PATCH', `/api/v1/persons/${person.id}`, {
      isExternal: true,
      unit: '',
    });
    expect(edited.json<PersonBody>()).toMatchObject({ isExternal: true, unit: null });

    const deactivated = await api(admin, 'PATCH', `/api/v1/persons/${person.id}`, {
      active: false,
    });
    expect(deactivated.json<PersonBody>().active).toBe(false);
    const activeOnly = await api(
      admin,
      'GET',
      '/api/v1/persons?q=Birgitte&includeDeactivated=false',
    );
    expect(activeOnly.json<{ data: PersonBody[] }>().data).toEqual([]);
    const reactivated = await api(admin, 'PATCH', `/api/v1/persons/${person.id}`, { active: true });
    expect(reactivated.json<PersonBody>().active).toBe(true);

    const actions = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, person.id));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'person.create',
        'person.update',
        'person.deactivate',
        'person.reactivate',
      ]),
    );
  });

  it('links the demo users of each role to persons of the demo', async () => {
    const response = await api(admin, 'GET', '/api/v1/users');
    const demoUsers = response
      .json<{ data: Array<{ email: string; role: string; personName: string | null }> }>()
      .data.filter((user) => user.email.endsWith('@dagsorden.local'));
    expect(demoUsers.map((user) => [user.role, user.personName]).sort()).toEqual([
      ['case_officer', 'Jan Gehlert'],
      ['participant', 'Eva Borchorst Mejnertz'],
      ['reader', 'Lotte Henriksen'],
      ['secretary', 'Sofie Brøndt Jørgensen'],
    ]);
  });

  it('shows a person with their memberships', async () => {
    const eva = await personNamed('Eva Borchorst Mejnertz');
    const response = await api(secretary, 'GET', `/api/v1/persons/${eva.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json<PersonBody>().memberships?.map((m) => m.role)).toContain('member');
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    const before = await personCount();
    for (const payload of [
      { name: '' },
      { name: 'Uden Mail', email: 'ikke-en-mail' },
      { name: 'x'.repeat(201) },
    ]) {
      const response = await api(admin, 'POST', '/api/v1/persons', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
    }
    const eva = await personNamed('Eva Borchorst Mejnertz');
    const patch = await api(admin, 'PATCH', `/api/v1/persons/${eva.id}`, { name: ' ' });
    expect(patch.statusCode).toBe(400);
    const unknown = await api(admin, 'PATCH', `/api/v1/persons/${crypto.randomUUID()}`, {
      name: 'Ny',
    });
    expect(unknown.statusCode).toBe(404);
    expect(await personCount()).toBe(before);
    expect((await personNamed('Eva Borchorst Mejnertz')).name).toBe(eva.name);
  });

  it('is for the secretariat and administrators only', async () => {
    const eva = await personNamed('Eva Borchorst Mejnertz');
    for (const user of [caseOfficer, participant]) {
      expect((await api(user, 'GET', '/api/v1/persons')).statusCode).toBe(403);
      expect([403, 404]).toContain(
        (await api(user, 'GET', `/api/v1/persons/${eva.id}`)).statusCode,
      );
      expect((await api(user, 'POST', '/api/v1/persons', { name: 'Nej' })).statusCode).toBe(403);
      const browser = await signIn(t.app, user);
      expect([403, 404]).toContain((await browser.get(`/admin/personer/${eva.id}`)).statusCode);
    }
  });

  it("shows a person's page with memberships, meetings with attendance and follow-ups", async () => {
    const eva = await personNamed('Eva Borchorst Mejnertz');
    const browser = await signIn(t.app, secretary);
    const page = await browser.get(`/admin/personer/${eva.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Medlemskaber');
    expect(page.body).toMatch(/>Medlem<\/td>/);
    expect(page.body).toMatch(/href="\/moeder\/[0-9a-f-]{36}"/);
    expect(page.body).toMatch(/Deltager|Afbud|Fraværende|Ikke registreret/);
    expect(page.body).toContain('Opfølgninger');
    // The login linked to the person: for administrators, who manage users, only.
    expect(page.body).not.toContain('deltager@dagsorden.local');
    const asAdmin = await (await signIn(t.app, admin)).get(`/admin/personer/${eva.id}`);
    expect(asAdmin.body).toContain('deltager@dagsorden.local');
  });

  it('creates, edits and deactivates a person through the forms', async () => {
    const browser = await signIn(t.app, admin);
    expect((await browser.get('/admin/personer/ny')).statusCode).toBe(200);
    const before = await personCount();
    const bad = await browser.post('/admin/personer/ny', { name: '', email: 'forkert' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Skal udfyldes.');
    expect(bad.body).toContain('Skal være en gyldig e-mailadresse.');
    expect(await personCount()).toBe(before);

    const created = await browser.post('/admin/personer/ny', {
      name: 'Ekstern Konsulent',
      unit: 'Rådgivning A/S',
      email: 'konsulent@firma.dk',
      isExternal: 'on',
    });
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/admin\/personer\/[0-9a-f-]{36}\?gemt=1$/);
    const id = location.split('/')[3]!.split('?')[0]!;
    expect((await browser.get(location)).body).toContain('Personen er gemt.');
    expect((await personNamed('Ekstern Konsulent')).isExternal).toBe(true);

    await browser.get(`/admin/personer/${id}/rediger`);
    const edited = await browser.post(`/admin/personer/${id}/rediger`, {
      name: 'Ekstern Konsulent',
      title: 'Seniorkonsulent',
    });
    expect(edited.statusCode).toBe(303);
    const row = await personNamed('Ekstern Konsulent');
    expect(row).toMatchObject({ title: 'Seniorkonsulent', isExternal: false, email: null });

    await browser.get(`/admin/personer/${id}`);
    expect((await browser.post(`/admin/personer/${id}/deaktiver`, {})).statusCode).toBe(303);
    expect((await personNamed('Ekstern Konsulent')).deactivatedAt).not.toBeNull();
    const list = await browser.get('/admin/personer?q=konsulent');
    expect(list.body).toContain('Deaktiveret');
    await browser.get(`/admin/personer/${id}`);
    expect((await browser.post(`/admin/personer/${id}/genaktiver`, {})).statusCode).toBe(303);
    expect((await personNamed('Ekstern Konsulent')).deactivatedAt).toBeNull();
  });

  it("links a person hit in search to the person's page for the secretariat only", async () => {
    const eva = await personNamed('Eva Borchorst Mejnertz');
    const hits = async (user: TestUser) =>
      (await api(user, 'GET', '/api/v1/search?q=Mejnertz&type=person')).json<{
        data: Array<{ type: string; url: string }>;
      }>();
    const forSecretary = await hits(secretary);
    expect(JSON.stringify(forSecretary)).toContain(`/admin/personer/${eva.id}`);
    const forCaseOfficer = await hits(caseOfficer);
    expect(JSON.stringify(forCaseOfficer)).not.toContain('/admin/personer/');
    expect(JSON.stringify(forCaseOfficer)).toContain('/soeg?q=');
  });
});
