import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  signIn,
  type BrowserSession,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { auditEvents } from '../../platform/audit/db-schema';
import { inTransaction } from '../../platform/db/transaction';
import { memberships, persons } from './db-schema';
import { createPerson } from './persons';

type Membership = {
  id: string;
  personId: string;
  personName: string;
  role: string;
  startDate: string | null;
  endDate: string | null;
};
type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string }> } };
type Plan = {
  dryRun: boolean;
  newPersons: number;
  matchedPersons: number;
  newMemberships: number;
  endedMemberships: Array<{ personName: string; endDate: string }>;
  errorCount: number;
  rows: Array<{
    line: number;
    person: { kind: string; by?: string };
    action: string | null;
    errors: string[];
  }>;
};

const system = { kind: 'system', label: 'test' } as const;

/** Visible text of an HTML page, tags removed and whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.skipIf(isEngineUnavailable())('memberships (medlemskaber)', () => {
  let t: TestApp;
  let administrator: TestUser;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let sbuId: string;
  let raadmandskredsId: string;

  const api = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: bearer(user), ...(payload ? { payload } : {}) });
  const listOn = async (organizationId: string, date?: string) =>
    (
      (
        await api(
          secretary,
          'GET',
          `/api/v1/organizations/${organizationId}/memberships${date ? `?date=${date}` : ''}`,
        )
      ).json() as {
        date: string;
        data: Membership[];
      }
    ).data;
  const membershipCount = async () =>
    (await t.database.db.select({ n: count() }).from(memberships))[0]!.n;
  const personCount = async () => (await t.database.db.select({ n: count() }).from(persons))[0]!.n;
  const newPerson = (name: string, email?: string) =>
    inTransaction(t.database.db, (tx) =>
      createPerson({ actor: system, tx, input: { name, email } }),
    );

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    administrator = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const organizations = (
      (await api(secretary, 'GET', '/api/v1/organizations')).json() as {
        data: Array<{ id: string; name: string }>;
      }
    ).data;
    sbuId = organizations.find((o) => o.name === 'Social- og Beskæftigelsesudvalget')!.id;
    raadmandskredsId = organizations.find((o) => o.name.startsWith('Rådmandskredsen'))!.id;
  });
  afterAll(() => t?.close());

  it('lists the demo committee with roles, the chair first, and on a chosen date', async () => {
    const today = await listOn(sbuId);
    expect(today[0]).toMatchObject({ personName: 'Mette Eksempelsen', role: 'chair' });
    expect(today[1]).toMatchObject({ role: 'vice_chair' });
    expect(today.map((m) => m.role).sort()).toEqual(
      [
        'chair',
        'member',
        'member',
        'member',
        'member',
        'member',
        'secretary',
        'substitute',
        'vice_chair',
      ].sort(),
    );
    // The term starts 1 January 2022.
    expect(await listOn(sbuId, '2021-12-31')).toEqual([]);
    // The rådmandskreds has the seed's people, as members.
    const kreds = await listOn(raadmandskredsId, '2023-11-06');
    expect(kreds.map((m) => m.personName).sort()).toEqual([
      'Eva Borchorst Mejnertz',
      'Kristian Dalsgaard',
      'Lotte Henriksen',
    ]);
    // The organization's own answer carries the same roles.
    const organization = (await api(secretary, 'GET', `/api/v1/organizations/${sbuId}`)).json() as {
      memberships: Membership[];
    };
    expect(organization.memberships.map((m) => m.role)).toContain('substitute');
    const badDate = await api(
      secretary,
      'GET',
      `/api/v1/organizations/${sbuId}/memberships?date=2023-02-30`,
    );
    expect(badDate.statusCode).toBe(400);
  });

  it('creates, ends and deletes a membership through the API, audited', async () => {
    const person = await newPerson('Api Testesen');
    const created = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: person.id,
      role: 'observer',
      startDate: '2024-01-01',
    });
    expect(created.statusCode).toBe(201);
    const membership = created.json() as Membership;
    expect(membership).toMatchObject({
      personName: 'Api Testesen',
      role: 'observer',
      endDate: null,
    });
    expect((await listOn(sbuId, '2024-06-01')).map((m) => m.id)).toContain(membership.id);

    const ended = await api(
      secretary,
      'PATCH',
      `/api/v1/organizations/${sbuId}/memberships/${membership.id}`,
      {
        endDate: '2024-03-31',
      },
    );
    expect(ended.statusCode).toBe(200);
    expect((await listOn(sbuId, '2024-06-01')).map((m) => m.id)).not.toContain(membership.id);
    expect((await listOn(sbuId, '2024-03-31')).map((m) => m.id)).toContain(membership.id);

    const deleted = await api(
      administrator,
      'DELETE',
      `/api/v1/organizations/${sbuId}/memberships/${membership.id}`,
    );
    expect(deleted.statusCode).toBe(204);
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, membership.id));
    expect(events.map((e) => e.action).sort()).toEqual([
      'membership.create',
      'membership.delete',
      'membership.update',
    ]);
    const again = await api(
      secretary,
      'DELETE',
      `/api/v1/organizations/${sbuId}/memberships/${membership.id}`,
    );
    expect(again.statusCode).toBe(404);
  });

  it('refuses bad memberships with a stable code and changes nothing', async () => {
    const person = await newPerson('Overlap Testesen');
    const first = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: person.id,
      role: 'member',
      startDate: '2024-01-01',
      endDate: '2024-12-31',
    });
    expect(first.statusCode).toBe(201);
    const before = await membershipCount();

    const overlap = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: person.id,
      role: 'member',
      startDate: '2024-12-31',
    });
    expect(overlap.statusCode).toBe(409);
    expect((overlap.json() as ErrorBody).error.code).toBe('MEMBERSHIP_OVERLAP');

    const backwards = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: person.id,
      role: 'member',
      startDate: '2025-05-01',
      endDate: '2025-04-30',
    });
    expect(backwards.statusCode).toBe(400);
    expect((backwards.json() as ErrorBody).error.code).toBe('MEMBERSHIP_ENDS_BEFORE_START');

    const unknown = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: '00000000-0000-4000-8000-000000000000',
      role: 'member',
      startDate: '2025-01-01',
    });
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorBody).error.details.map((d) => d.field)).toEqual(['personId']);

    const badRole = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: person.id,
      role: 'formand',
      startDate: '2025-01-01',
    });
    expect(badRole.statusCode).toBe(400);

    // A change that would overlap is refused too; another role in the same period is fine.
    const firstId = (first.json() as Membership).id;
    const second = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
      personId: person.id,
      role: 'member',
      startDate: '2025-01-01',
    });
    expect(second.statusCode).toBe(201);
    const stretch = await api(
      secretary,
      'PATCH',
      `/api/v1/organizations/${sbuId}/memberships/${firstId}`,
      {
        endDate: null,
      },
    );
    expect(stretch.statusCode).toBe(409);
    expect(await membershipCount()).toBe(before + 1);

    const byCaseOfficer = await api(
      caseOfficer,
      'POST',
      `/api/v1/organizations/${sbuId}/memberships`,
      {
        personId: person.id,
        role: 'observer',
        startDate: '2025-01-01',
      },
    );
    expect(byCaseOfficer.statusCode).toBe(403);
    expect(await membershipCount()).toBe(before + 1);
  });

  it('gives a member access to the meetings, a substitute by the membership alone none', async () => {
    const member = await newPerson('Adgang Medlemsen');
    const substitute = await newPerson('Adgang Stedfortrædersen');
    for (const [person, role] of [
      [member, 'member'],
      [substitute, 'substitute'],
    ] as const) {
      const response = await api(secretary, 'POST', `/api/v1/organizations/${sbuId}/memberships`, {
        personId: person.id,
        role,
        startDate: '2020-01-01',
      });
      expect(response.statusCode).toBe(201);
    }
    const memberUser = await createTestUser(t.database, 'participant', { personId: member.id });
    const substituteUser = await createTestUser(t.database, 'participant', {
      personId: substitute.id,
    });
    const titles = async (user: TestUser) =>
      (
        (await api(user, 'GET', '/api/v1/meetings?from=2020-01-01')).json() as {
          data: Array<{ organization: { id: string } }>;
        }
      ).data.map((m) => m.organization.id);
    expect(await titles(memberUser)).toContain(sbuId);
    expect(await titles(substituteUser)).not.toContain(sbuId);
  });

  it('never rewrites a held meeting’s attendance when memberships change', async () => {
    const meetings = (
      (await api(secretary, 'GET', '/api/v1/meetings?from=2020-01-01')).json() as {
        data: Array<{ id: string; organization: { id: string }; status: string; start: string }>;
      }
    ).data;
    const held = meetings.find(
      (m) =>
        m.organization.id === raadmandskredsId &&
        ['held', 'minutes_released', 'minutes_approved'].includes(m.status),
    )!;
    expect(held).toBeDefined();
    const attendance = async () =>
      (await api(secretary, 'GET', `/api/v1/meetings/${held.id}/attendance`)).json() as unknown;
    const before = await attendance();
    expect(JSON.stringify(before)).toContain('Eva Borchorst Mejnertz');

    const kreds = await listOn(raadmandskredsId, held.start.slice(0, 10));
    const eva = kreds.find((m) => m.personName === 'Eva Borchorst Mejnertz')!;
    const lotte = kreds.find((m) => m.personName === 'Lotte Henriksen')!;
    // Delete one membership, end another before the meeting, and add a member back-dated over it.
    expect(
      (
        await api(
          secretary,
          'DELETE',
          `/api/v1/organizations/${raadmandskredsId}/memberships/${eva.id}`,
        )
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await api(
          secretary,
          'PATCH',
          `/api/v1/organizations/${raadmandskredsId}/memberships/${lotte.id}`,
          {
            startDate: '2020-01-01',
            endDate: '2020-12-31',
          },
        )
      ).statusCode,
    ).toBe(200);
    const newcomer = await newPerson('Efterfølger Nyesen');
    expect(
      (
        await api(secretary, 'POST', `/api/v1/organizations/${raadmandskredsId}/memberships`, {
          personId: newcomer.id,
          role: 'chair',
          startDate: '2020-01-01',
        })
      ).statusCode,
    ).toBe(201);
    expect(await attendance()).toEqual(before);
  });

  describe('pages', () => {
    let browser: BrowserSession;
    beforeAll(async () => {
      browser = await signIn(t.app, secretary);
    });

    it('shows the members now and on a date, linked from the navigation', async () => {
      const list = await browser.get('/organisationer');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`href="/organisationer/${sbuId}/medlemmer"`);
      const page = await browser.get(`/organisationer/${sbuId}/medlemmer`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/organisationer"');
      const body = text(page.body);
      expect(body).toContain('Mette Eksempelsen');
      expect(body).toContain('Formand');
      expect(body).toContain('Stedfortræder');
      const before = text(
        (await browser.get(`/organisationer/${sbuId}/medlemmer?dato=2019-06-01`)).body,
      );
      expect(before).toContain('Ingen medlemmer på denne dato.');
    });

    it('adds, edits, ends and deletes a membership through the forms', async () => {
      const person = await newPerson('Formular Testesen');
      const base = `/organisationer/${sbuId}/medlemmer`;
      await browser.get(`${base}/ny`);
      const created = await browser.post(`${base}/ny`, {
        personId: person.id,
        role: 'member',
        startDate: '2024-02-01',
        endDate: '',
      });
      expect(created.statusCode).toBe(303);
      expect(created.headers.location).toBe(`${base}?besked=oprettet`);
      const row = (await listOn(sbuId, '2024-02-01')).find((m) => m.personId === person.id)!;

      const before = await membershipCount();
      await browser.get(`${base}/ny`);
      const overlap = await browser.post(`${base}/ny`, {
        personId: person.id,
        role: 'member',
        startDate: '2024-06-01',
        endDate: '',
      });
      expect(overlap.statusCode).toBe(409);
      expect(text(overlap.body)).toContain('Personen har allerede et medlemskab med samme rolle');
      const backwards = await browser.post(`${base}/ny`, {
        personId: person.id,
        role: 'observer',
        startDate: '2024-06-01',
        endDate: '2024-05-01',
      });
      expect(backwards.statusCode).toBe(400);
      expect(text(backwards.body)).toContain('Et medlemskab kan ikke slutte, før det begynder.');
      const noPerson = await browser.post(`${base}/ny`, {
        personId: '',
        role: 'member',
        startDate: '2024-06-01',
      });
      expect(noPerson.statusCode).toBe(400);
      expect(text(noPerson.body)).toContain('Vælg en person');
      expect(await membershipCount()).toBe(before);

      await browser.get(`${base}/${row.id}/rediger`);
      const edited = await browser.post(`${base}/${row.id}/rediger`, {
        role: 'vice_chair',
        startDate: '2024-02-01',
        endDate: '',
      });
      expect(edited.statusCode).toBe(303);
      await browser.get(`${base}/${row.id}/afslut`);
      const badEnd = await browser.post(`${base}/${row.id}/afslut`, { endDate: '2024-01-01' });
      expect(badEnd.statusCode).toBe(400);
      const ended = await browser.post(`${base}/${row.id}/afslut`, { endDate: '2024-08-31' });
      expect(ended.statusCode).toBe(303);
      const [stored] = await t.database.db
        .select()
        .from(memberships)
        .where(eq(memberships.id, row.id));
      expect(stored).toMatchObject({ role: 'vice_chair', endDate: '2024-08-31' });

      const confirm = await browser.get(`${base}/${row.id}/slet`);
      expect(text(confirm.body)).toContain('Slet medlemskabet');
      const deleted = await browser.post(`${base}/${row.id}/slet`, {});
      expect(deleted.statusCode).toBe(303);
      expect(
        await t.database.db.select().from(memberships).where(eq(memberships.id, row.id)),
      ).toEqual([]);
    });

    it('offers no changes to a case officer', async () => {
      const officer = await signIn(t.app, caseOfficer);
      const page = await officer.get(`/organisationer/${sbuId}/medlemmer`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('medlemmer/ny"');
      expect((await officer.get(`/organisationer/${sbuId}/medlemmer/ny`)).statusCode).toBe(403);
    });
  });

  describe('import of a committee list', () => {
    const upload = (
      user: TestUser,
      organizationId: string,
      fields: Record<string, string>,
      fileName: string,
      bytes: Uint8Array,
    ) => {
      const body = multipartBody(fields, [{ fileName, bytes }]);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/organizations/${organizationId}/membership-imports`,
        headers: { ...bearer(user), ...body.headers },
        payload: body.payload,
      });
    };
    let committeeId: string;

    beforeAll(async () => {
      // A committee of its own, so the demo committee's members do not meet the list.
      const magistrat = (
        (await api(secretary, 'GET', '/api/v1/organizations')).json() as {
          data: Array<{ id: string; name: string }>;
        }
      ).data.find((o) => o.name === 'Magistraten')!;
      committeeId = magistrat.id;
      await newPerson('Kendt Efternavn', 'kendt@example.org');
      await newPerson('Navne Kendtsen');
    });

    const csv = [
      '\uFEFFNavn;Titel;E-mail;Telefon;Parti;Rolle;Fra;Til',
      'Ny Importsen;Byrådsmedlem;ny@example.org;12345678;X;Formand;01-01-2022;',
      'Kendt Anden Stavning;;KENDT@example.org;;;næstformand;2022-01-01;',
      'Navne Kendtsen;;;;;Suppleant;1-1-2022;31-12-2025',
      '"Citat, Med ""Anførsel""";;;;;medlem;01.01.2022;',
      '=HYPERLINK("http://x");;;;;;01-01-2022;',
    ].join('\r\n');

    it('shows what would change in a dry run and saves nothing', async () => {
      const beforePersons = await personCount();
      const beforeMemberships = await membershipCount();
      const response = await upload(
        administrator,
        committeeId,
        { dryRun: 'true' },
        'udvalg.csv',
        Buffer.from(csv),
      );
      expect(response.statusCode).toBe(200);
      const plan = response.json() as Plan;
      expect(plan).toMatchObject({
        dryRun: true,
        newPersons: 3,
        matchedPersons: 2,
        newMemberships: 5,
        errorCount: 0,
      });
      expect(plan.rows.map((row) => row.person)).toEqual([
        { kind: 'new' },
        expect.objectContaining({ kind: 'matched', by: 'email' }),
        expect.objectContaining({ kind: 'matched', by: 'name' }),
        { kind: 'new' },
        { kind: 'new' },
      ]);
      expect(await personCount()).toBe(beforePersons);
      expect(await membershipCount()).toBe(beforeMemberships);
    });

    it('applies it all in one go, keeps formula-like text as text, and is idempotent', async () => {
      const beforePersons = await personCount();
      const response = await upload(administrator, committeeId, {}, 'udvalg.csv', Buffer.from(csv));
      expect(response.statusCode).toBe(200);
      expect(await personCount()).toBe(beforePersons + 3);
      const members = await listOn(committeeId, '2023-01-01');
      expect(members.map((m) => [m.personName, m.role])).toEqual(
        expect.arrayContaining([
          ['Ny Importsen', 'chair'],
          ['Kendt Efternavn', 'vice_chair'],
          ['Navne Kendtsen', 'substitute'],
          ['Citat, Med "Anførsel"', 'member'],
          ['=HYPERLINK("http://x")', 'member'],
        ]),
      );
      const again = (
        await upload(administrator, committeeId, { dryRun: 'true' }, 'udvalg.csv', Buffer.from(csv))
      ).json() as Plan;
      expect(again).toMatchObject({ newPersons: 0, newMemberships: 0, errorCount: 0 });
      expect(again.rows.every((row) => row.action === 'unchanged')).toBe(true);
    });

    it('reads XLSX, ends memberships the list no longer names, and refuses rows with errors whole', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Udvalg');
      sheet.addRow(['NAVN', 'e-mail', 'ROLLE', 'fra', 'til']);
      sheet.addRow([
        'Ny Importsen',
        'ny@example.org',
        'Formand',
        new Date(Date.UTC(2022, 0, 1)),
        null,
      ]);
      sheet.addRow([
        'Xlsx Nyhedsen',
        null,
        'Sekretær',
        '2024-01-01',
        { formula: '"2024-12-31"', result: '2024-12-31' },
      ]);
      const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
      const dry = (
        await upload(
          administrator,
          committeeId,
          { dryRun: 'true', endMissing: 'true' },
          'udvalg.xlsx',
          xlsx,
        )
      ).json() as Plan;
      expect(dry).toMatchObject({ newPersons: 1, newMemberships: 1, errorCount: 0 });
      expect(dry.endedMemberships.map((e) => e.personName).sort()).toEqual(
        // The substitute's membership ended on 31-12-2025 already.
        ['=HYPERLINK("http://x")', 'Citat, Med "Anførsel"', 'Kendt Efternavn'].sort(),
      );

      const broken = [
        'Navn;Rolle;Fra;Til',
        'God Række;medlem;01-01-2024;',
        ';medlem;01-01-2024;',
        'Dårlig Rolle;borgerrepræsentant;01-01-2024;',
        'Baglæns;medlem;01-01-2024;01-01-2023',
        'Ugyldig Dato;medlem;31-02-2024;',
      ].join('\n');
      const beforePersons = await personCount();
      const beforeMemberships = await membershipCount();
      const refused = await upload(
        administrator,
        committeeId,
        {},
        'udvalg.csv',
        Buffer.from(broken),
      );
      expect(refused.statusCode).toBe(422);
      const error = (refused.json() as ErrorBody).error;
      expect(error.code).toBe('IMPORT_INVALID');
      expect(error.message).toBe('Listen har fejl. Intet bliver gemt, før de er rettet.');
      expect(error.details.map((d) => d.field)).toEqual(['line 3', 'line 4', 'line 5', 'line 6']);
      expect(await personCount()).toBe(beforePersons);
      expect(await membershipCount()).toBe(beforeMemberships);
    });

    it('refuses broken files, other roles and other engines of harm', async () => {
      const broken = await upload(
        administrator,
        committeeId,
        {},
        'udvalg.xlsx',
        Buffer.from('PK\u0003\u0004 not really a zip'),
      );
      expect(broken.statusCode).toBe(422);
      expect((broken.json() as ErrorBody).error).toMatchObject({
        code: 'IMPORT_INVALID',
        message: 'Filen kan ikke læses som CSV eller XLSX.',
      });
      const noName = await upload(
        administrator,
        committeeId,
        {},
        'udvalg.csv',
        Buffer.from('Fornavn;Rolle\nA;medlem'),
      );
      expect(noName.statusCode).toBe(422);
      const huge = await upload(
        administrator,
        committeeId,
        {},
        'udvalg.csv',
        Buffer.alloc(3 * 1024 * 1024, 'a'),
      );
      expect(huge.statusCode).toBe(413);
      const tooMany = ['Navn', ...Array.from({ length: 1001 }, (_, i) => `Person ${i}`)].join('\n');
      expect(
        (await upload(administrator, committeeId, {}, 'udvalg.csv', Buffer.from(tooMany)))
          .statusCode,
      ).toBe(422);
      const bySecretary = await upload(
        secretary,
        committeeId,
        { dryRun: 'true' },
        'udvalg.csv',
        Buffer.from(csv),
      );
      expect(bySecretary.statusCode).toBe(403);
    });

    it('has a page with a dry run and the errors per line', async () => {
      const browser = await signIn(t.app, administrator);
      const page = await browser.get(`/organisationer/${committeeId}/medlemmer/import`);
      expect(page.statusCode).toBe(200);
      const dry = await browser.postMultipart(
        `/organisationer/${committeeId}/medlemmer/import`,
        { dryRun: 'on' },
        [
          {
            fileName: 'liste.csv',
            bytes: Buffer.from('Navn;Rolle\nSide Nyesen;medlem\nSide Fejl;kejser'),
          },
        ],
      );
      expect(dry.statusCode).toBe(200);
      const body = text(dry.body);
      expect(body).toContain('Listen har fejl');
      expect(body).toContain('Rollen "kejser" kendes ikke');
      const beforePersons = await personCount();
      const apply = await browser.postMultipart(
        `/organisationer/${committeeId}/medlemmer/import`,
        {},
        [
          {
            fileName: 'liste.csv',
            bytes: Buffer.from('Navn;Rolle\nSide Nyesen;medlem\nSide Fejl;kejser'),
          },
        ],
      );
      expect(apply.statusCode).toBe(422);
      expect(await personCount()).toBe(beforePersons);
      const good = await browser.postMultipart(
        `/organisationer/${committeeId}/medlemmer/import`,
        {},
        [{ fileName: 'liste.csv', bytes: Buffer.from('Navn;Rolle\nSide Nyesen;medlem') }],
      );
      expect(good.statusCode).toBe(200);
      expect(text(good.body)).toContain('Medlemslisten er importeret.');
      expect(await personCount()).toBe(beforePersons + 1);
    });
  });
});
