import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type BrowserSession,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { auditEvents } from '../../platform/audit/db-schema';
import { annualPlanTopics, plannedTreatments } from './db-schema';

type Organization = { id: string; name: string };
type Topic = { id: string; title: string; month: number; year: number; recursYearly: boolean };
type Plan = { year: number; months: Array<{ month: number; name: string; topics: Topic[] }> };
type Item = { id: string; title: string; purpose: string | null };
type ErrorBody = { error: { code: string; details: Array<{ field: string }> } };

/** Visible text of an HTML page, tags removed and whitespace collapsed. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

describe.skipIf(isEngineUnavailable())('annual plan (årshjul) and cases to the council', () => {
  let t: TestApp;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let participant: TestUser;
  let reader: TestUser;
  let browser: BrowserSession;
  let sbu: Organization;
  let magistrat: Organization;
  let committeeMeetingId: string;
  let memoId: string;

  const topicCount = async () =>
    (await t.database.db.select({ n: count() }).from(annualPlanTopics))[0]!.n;
  const treatmentCount = async () =>
    (await t.database.db.select({ n: count() }).from(plannedTreatments))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    participant = await createTestUser(t.database, 'participant');
    reader = await createTestUser(t.database, 'reader');
    browser = await signIn(t.app, secretary);
    const organizations = (
      (await t.app.inject({ url: '/api/v1/organizations', headers: bearer(secretary) })).json() as {
        data: Organization[];
      }
    ).data;
    sbu = organizations.find((o) => o.name === 'Social- og Beskæftigelsesudvalget')!;
    magistrat = organizations.find((o) => o.name === 'Magistraten')!;
    const meetings = (
      (await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })).json() as {
        data: Array<{ id: string; title: string }>;
      }
    ).data;
    committeeMeetingId = meetings.find(
      (m) => m.title === 'Social- og Beskæftigelsesudvalgsmøde',
    )!.id;
    const papers = (
      (await t.app.inject({ url: '/api/v1/papers', headers: bearer(secretary) })).json() as {
        data: Array<{ id: string; title: string }>;
      }
    ).data;
    memoId = papers.find((p) => p.title === 'Orientering om vinterhjælp til økonomisk trængte')!.id;
  });
  afterAll(() => t.close());

  const getPlan = async (year: number, user = secretary, organizationId = sbu.id) =>
    t.app.inject({
      url: `/api/v1/organizations/${organizationId}/annual-plan?year=${year}`,
      headers: bearer(user),
    });

  describe('API', () => {
    it('gives the demo årshjul month by month, with yearly topics repeated in later years', async () => {
      const response = await getPlan(2023);
      expect(response.statusCode).toBe(200);
      const plan = response.json() as Plan;
      expect(plan.months).toHaveLength(12);
      expect(plan.months[10]!.name).toBe('november');
      expect(plan.months[10]!.topics.map((topic) => topic.title)).toEqual([
        'Status på beskæftigelsesindsatsen',
      ]);
      expect(plan.months[11]!.topics).toHaveLength(1);
      const later = (await getPlan(2025)).json() as Plan;
      expect(later.months[10]!.topics.map((topic) => topic.title)).toEqual([
        'Status på beskæftigelsesindsatsen',
      ]);
      expect(later.months[11]!.topics).toEqual([]);
    });

    it('creates, changes and deletes a topic, auditing each write', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/organizations/${sbu.id}/annual-plan`,
        headers: bearer(secretary),
        payload: { title: 'Handicappolitik', month: 3, year: 2024, responsible: 'MSB' },
      });
      expect(created.statusCode).toBe(201);
      const topic = created.json() as Topic;
      expect(topic).toMatchObject({ title: 'Handicappolitik', month: 3, recursYearly: false });

      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/annual-plan/topics/${topic.id}`,
        headers: bearer(secretary),
        payload: { month: 5, recursYearly: true },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ month: 5, recursYearly: true });
      const plan = (await getPlan(2026)).json() as Plan;
      expect(plan.months[4]!.topics.map((x) => x.title)).toContain('Handicappolitik');

      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/annual-plan/topics/${topic.id}`,
        headers: bearer(secretary),
      });
      expect(deleted.statusCode).toBe(204);
      const gone = await t.app.inject({
        url: `/api/v1/annual-plan/topics/${topic.id}`,
        headers: bearer(secretary),
      });
      expect(gone.statusCode).toBe(404);

      const events = await t.database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, topic.id));
      expect(events.map((event) => event.action)).toEqual([
        'annualPlanTopic.create',
        'annualPlanTopic.update',
        'annualPlanTopic.delete',
      ]);
    });

    it('rejects bad input with a stable code and writes nothing', async () => {
      const before = await topicCount();
      for (const payload of [
        { title: 'X', month: 13, year: 2024 },
        { title: 'X', month: 1, year: 1999 },
        { title: '  ', month: 1, year: 2024 },
        { title: 'X', month: 1.5, year: 2024 },
      ]) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/organizations/${sbu.id}/annual-plan`,
          headers: bearer(secretary),
          payload,
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect((response.json() as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      }
      expect((await getPlan(1999)).statusCode).toBe(400);
      expect(await topicCount()).toBe(before);
    });

    it('lets only the secretariat manage, and hides organizations the actor cannot see', async () => {
      const before = await topicCount();
      const post = (user: TestUser, organizationId = sbu.id) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/organizations/${organizationId}/annual-plan`,
          headers: bearer(user),
          payload: { title: 'Uvedkommende', month: 1, year: 2024 },
        });
      expect((await getPlan(2023, caseOfficer)).statusCode).toBe(200);
      expect((await post(caseOfficer)).statusCode).toBe(403);
      // A participant who is no member of the committee does not see its årshjul at all.
      expect((await getPlan(2023, participant)).statusCode).toBe(404);
      expect((await post(participant)).statusCode).toBe(404);
      expect((await getPlan(2023, reader)).statusCode).toBe(403);
      expect((await post(reader)).statusCode).toBe(403);
      expect((await post(secretary, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      const topic = ((await getPlan(2023)).json() as Plan).months[10]!.topics[0]!;
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/annual-plan/topics/${topic.id}`,
        headers: bearer(caseOfficer),
        payload: { title: 'Kapret' },
      });
      expect(patch.statusCode).toBe(403);
      expect(await topicCount()).toBe(before);
    });

    it("plans a paper's treatments and lists those on their way to the council", async () => {
      const list = await t.app.inject({
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
      });
      expect(
        (list.json() as { data: Array<{ plannedDate: string }> }).data.map((x) => x.plannedDate),
      ).toEqual(['2023-11-13', '2023-11-20', '2023-11-29']);

      const before = await treatmentCount();
      const bad = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
        payload: { organizationId: magistrat.id, plannedDate: '2024-02-30' },
      });
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      const unknownBody = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
        payload: {
          organizationId: '00000000-0000-4000-8000-000000000000',
          plannedDate: '2024-02-01',
        },
      });
      expect(unknownBody.statusCode).toBe(400);
      const byReader = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(reader),
        payload: { organizationId: magistrat.id, plannedDate: '2024-02-01' },
      });
      // The reader is no member of the rådmandskreds, so the paper does not exist for them.
      expect(byReader.statusCode).toBe(404);
      expect(await treatmentCount()).toBe(before);

      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
        payload: { organizationId: magistrat.id, plannedDate: '2024-02-05', note: 'Genoptages' },
      });
      expect(created.statusCode).toBe(201);
      const treatment = created.json() as { id: string; organization: { classification: string } };
      expect(treatment.organization.classification).toBe('magistrat');

      const cases = await t.app.inject({
        url: '/api/v1/cases-to-council?from=2023-11-21',
        headers: bearer(secretary),
      });
      expect(
        (
          cases.json() as {
            data: Array<{ plannedDate: string; organization: { name: string } }>;
          }
        ).data.map((x) => `${x.plannedDate} ${x.organization.name}`),
      ).toEqual(['2023-11-29 Aarhus Byråd', '2024-02-05 Magistraten']);

      const byMeeting = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
        payload: { meetingId: committeeMeetingId },
      });
      expect(byMeeting.statusCode).toBe(201);
      expect(byMeeting.json()).toMatchObject({
        plannedDate: '2023-11-15',
        organization: { id: sbu.id, classification: 'udvalg' },
      });
      const neither = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
        payload: { note: 'Hvornår?' },
      });
      expect(neither.statusCode).toBe(400);
      expect((neither.json() as ErrorBody).error.details.map((d) => d.field).sort()).toEqual([
        'organizationId',
        'plannedDate',
      ]);
      const unknownMeeting = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${memoId}/planned-treatments`,
        headers: bearer(caseOfficer),
        payload: { meetingId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(unknownMeeting.statusCode).toBe(400);
      expect((unknownMeeting.json() as ErrorBody).error.details[0]!.field).toBe('meetingId');
      await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/planned-treatments/${(byMeeting.json() as { id: string }).id}`,
        headers: bearer(caseOfficer),
      });

      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/planned-treatments/${treatment.id}`,
        headers: bearer(caseOfficer),
      });
      expect(deleted.statusCode).toBe(204);
      expect(await treatmentCount()).toBe(before);
      expect(
        (await t.app.inject({ url: '/api/v1/cases-to-council', headers: bearer(reader) }))
          .statusCode,
      ).toBe(403);
    });
  });

  it('keeps planned topics and the standing item to those who may see and write the agenda', async () => {
    const topic = ((await getPlan(2023)).json() as Plan).months[10]!.topics[0]!;
    const items = async () =>
      (
        (
          await t.app.inject({
            url: `/api/v1/meetings/${committeeMeetingId}`,
            headers: bearer(secretary),
          })
        ).json() as { items: Item[] }
      ).items;
    const before = await items();
    const as = (user: TestUser, method: 'GET' | 'POST', url: string) =>
      t.app.inject({ method, url, headers: bearer(user) });
    const topics = `/api/v1/meetings/${committeeMeetingId}/planned-topics`;
    expect((await as(participant, 'GET', topics)).statusCode).toBe(404);
    expect((await as(participant, 'POST', `${topics}/${topic.id}`)).statusCode).toBe(404);
    expect((await as(caseOfficer, 'POST', `${topics}/${topic.id}`)).statusCode).toBe(403);
    const fill = `/api/v1/meetings/${committeeMeetingId}/cases-to-council`;
    expect((await as(caseOfficer, 'POST', fill)).statusCode).toBe(403);
    expect((await as(participant, 'POST', fill)).statusCode).toBe(404);
    const otherTopic = ((await getPlan(2023)).json() as Plan).months[3]!.topics[0]!;
    const wrongMonth = await as(secretary, 'POST', `${topics}/${otherTopic.id}`);
    expect(wrongMonth.statusCode).toBe(400);
    expect((wrongMonth.json() as ErrorBody).error.code).toBe('VALIDATION_FAILED');
    expect(await items()).toEqual(before);
    expect(
      (await as(reader, 'GET', `/api/v1/papers/${memoId}/planned-treatments`)).statusCode,
    ).toBe(404);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json', headers: bearer(reader) });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/organizations/{id}/annual-plan',
        '/api/v1/annual-plan/topics/{id}',
        '/api/v1/meetings/{id}/planned-topics/{topicId}',
        '/api/v1/papers/{id}/planned-treatments',
        '/api/v1/cases-to-council',
      ]),
    );
  });

  describe('pages', () => {
    it('shows the year as a list by month and as a wheel with a text alternative', async () => {
      const response = await browser.get(`/aarshjul?organisation=${sbu.id}&aar=2023`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="aarshjul-titel/);
      expect(response.body).toContain('<title id="aarshjul-titel">');
      expect(response.body).toMatch(/data-month="11" data-count="1"/);
      const page = text(response.body);
      expect(page).toContain('Årshjul 2023: Social- og Beskæftigelsesudvalget');
      expect(page).toContain('november 2023 Status på beskæftigelsesindsatsen');
      expect(page).toContain('Tilføj emne');
    });

    it('adds, edits and deletes a topic with forms, and re-shows the form on bad input', async () => {
      await browser.get(`/aarshjul?organisation=${sbu.id}&aar=2024`);
      const before = await topicCount();
      const bad = await browser.post('/aarshjul/emner', {
        organizationId: sbu.id,
        title: 'Ældrepolitik',
        month: '13',
        year: '2024',
      });
      expect(bad.statusCode).toBe(400);
      expect(text(bad.body)).toContain('Skal være en måned fra 1 til 12.');
      expect(await topicCount()).toBe(before);

      const noCsrf = await browser.post(
        '/aarshjul/emner',
        { organizationId: sbu.id, title: 'Ældrepolitik', month: '2', year: '2024' },
        { withCsrf: false },
      );
      expect(noCsrf.statusCode).toBe(403);

      const created = await browser.post('/aarshjul/emner', {
        organizationId: sbu.id,
        title: 'Ældrepolitik',
        month: '2',
        year: '2024',
        recursYearly: 'on',
        responsible: 'Fagligt Sekretariat',
      });
      expect(created.statusCode).toBe(303);
      expect(created.headers.location).toBe(`/aarshjul?organisation=${sbu.id}&aar=2024#maaned-2`);
      const page = await browser.get(`/aarshjul?organisation=${sbu.id}&aar=2025`);
      expect(text(page.body)).toContain(
        'februar 2025 Ældrepolitik (Fagligt Sekretariat, hvert år)',
      );
      const topicId = /\/aarshjul\/emner\/([0-9a-f-]{36})\/rediger/.exec(
        page.body.slice(page.body.indexOf('Ældrepolitik') - 2000),
      )?.[1];
      const editForm = await browser.get(`/aarshjul/emner/${topicId}/rediger`);
      expect(editForm.statusCode).toBe(200);
      const edited = await browser.post(`/aarshjul/emner/${topicId}/rediger`, {
        title: 'Ældre- og handicappolitik',
        month: '3',
        year: '2024',
      });
      expect(edited.statusCode).toBe(303);
      const deleted = await browser.post(`/aarshjul/emner/${topicId}/slet`, {});
      expect(deleted.statusCode).toBe(303);
      expect(await topicCount()).toBe(before);
    });

    it('keeps readers out and hides invisible organizations', async () => {
      const readerBrowser = await signIn(t.app, reader);
      expect((await readerBrowser.get('/aarshjul')).statusCode).toBe(403);
      const participantBrowser = await signIn(t.app, participant);
      expect(
        (await participantBrowser.get(`/aarshjul?organisation=${sbu.id}&aar=2023`)).statusCode,
      ).toBe(404);
      const caseOfficerBrowser = await signIn(t.app, caseOfficer);
      const page = await caseOfficerBrowser.get(`/aarshjul?organisation=${sbu.id}&aar=2023`);
      expect(page.statusCode).toBe(200);
      expect(text(page.body)).not.toContain('Tilføj emne');
    });

    it("offers the meeting month's topics once and puts one on the agenda", async () => {
      const page = await browser.get(`/moeder/${committeeMeetingId}/planlagte-emner`);
      expect(page.statusCode).toBe(200);
      const before = text(page.body);
      expect(before).toContain('Planlagte emner for november 2023');
      expect(before).toContain('Status på beskæftigelsesindsatsen');
      const topic = ((await getPlan(2023)).json() as Plan).months[10]!.topics[0]!;
      const added = await browser.post(
        `/moeder/${committeeMeetingId}/planlagte-emner/${topic.id}`,
        {},
      );
      expect(added.statusCode).toBe(303);
      const items = (
        (
          await t.app.inject({
            url: `/api/v1/meetings/${committeeMeetingId}`,
            headers: bearer(secretary),
          })
        ).json() as { items: Item[] }
      ).items;
      expect(items.at(-1)!.title).toBe('Status på beskæftigelsesindsatsen');
      const after = text((await browser.get(`/moeder/${committeeMeetingId}/planlagte-emner`)).body);
      expect(after).toContain('Ingen planlagte emner mangler at komme på dagsordenen.');
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${committeeMeetingId}/planned-topics/${topic.id}`,
        headers: bearer(secretary),
      });
      expect(again.statusCode).toBe(409);
      expect((again.json() as ErrorBody).error.code).toBe('CONFLICT');
      const byCaseOfficer = await t.app.inject({
        url: `/api/v1/meetings/${committeeMeetingId}/planned-topics`,
        headers: bearer(caseOfficer),
      });
      expect(byCaseOfficer.statusCode).toBe(200);
    });

    it("fills the meeting's standing item with the cases on their way to the council", async () => {
      const page = text((await browser.get(`/moeder/${committeeMeetingId}/planlagte-emner`)).body);
      expect(page).toContain('20. november 2023 Magistraten');
      expect(page).toContain(
        'Udfyld punktet "Kurser og konferencer samt sager på vej til byrådet" med listen',
      );
      const filled = await browser.post(`/moeder/${committeeMeetingId}/sager-paa-vej`, {});
      expect(filled.statusCode).toBe(303);
      const items = (
        (
          await t.app.inject({
            url: `/api/v1/meetings/${committeeMeetingId}`,
            headers: bearer(secretary),
          })
        ).json() as { items: Item[] }
      ).items;
      const standing = items.find((item) => item.title.includes('sager på vej til byrådet'))!;
      expect(standing.purpose).toBe(
        [
          '20. november 2023, Magistraten: Orientering om vinterhjælp til økonomisk trængte (EMN-2023-012026)',
          '29. november 2023, Aarhus Byråd: Orientering om vinterhjælp til økonomisk trængte (EMN-2023-012026)',
        ].join('\n\n'),
      );
    });

    it("shows a paper's planned treatments and the cases on their way to the council", async () => {
      const treatments = await browser.get(`/sager/${memoId}/behandlinger`);
      expect(treatments.statusCode).toBe(200);
      expect(text(treatments.body)).toContain('29. november 2023 Aarhus Byråd (Byråd)');
      const bad = await browser.post(`/sager/${memoId}/behandlinger`, {
        organizationId: magistrat.id,
        plannedDate: 'i morgen',
      });
      expect(bad.statusCode).toBe(400);
      expect(text(bad.body)).toContain('Skal være en gyldig dato');
      const before = await treatmentCount();
      const byMeeting = await browser.post(`/sager/${memoId}/behandlinger`, {
        organizationId: '',
        plannedDate: '',
        meetingId: committeeMeetingId,
        note: '',
      });
      expect(byMeeting.statusCode).toBe(303);
      const page2 = await browser.get(`/sager/${memoId}/behandlinger`);
      expect(text(page2.body)).toContain(
        '15. november 2023 Social- og Beskæftigelsesudvalget (Udvalg)',
      );
      const treatmentId = new RegExp(`/sager/${memoId}/behandlinger/([0-9a-f-]{36})/slet`).exec(
        page2.body.slice(page2.body.indexOf('15. november 2023')),
      )?.[1];
      expect(
        (await browser.post(`/sager/${memoId}/behandlinger/${treatmentId}/slet`, {})).statusCode,
      ).toBe(303);
      expect(await treatmentCount()).toBe(before);
      const cases = await browser.get('/sager-paa-vej?fra=2023-11-01');
      expect(cases.statusCode).toBe(200);
      const page = text(cases.body);
      expect(page).toContain('Sager på vej til byrådet');
      expect(page).toContain('20. november 2023 Magistraten Orientering om vinterhjælp');
      expect(page).not.toContain('13. november 2023');
    });
  });
});
