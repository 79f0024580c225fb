import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import type { Actor } from '../../platform/auth/policy';
import { weekdayDeadline } from '../../platform/calendar/danish-holidays';
import { inTransaction } from '../../platform/db/transaction';
import { toIsoWithOffset } from '../../platform/i18n/format';
import {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
} from '../organizations/index';

/**
 * Styrelsesloven § 8 (a late release needs a reason, kept and shown) and § 10 (a closed item
 * needs a reason from the organization's list, shown to those who may read it, never in public).
 */
const system: Actor = { kind: 'system', label: 'test' };
const secretReason = 'Sagen angår en navngiven medarbejders helbred';
const dayMs = 86_400_000;

describe.skipIf(isEngineUnavailable())('the law’s deadlines and reasons', () => {
  let t: TestApp;
  let organizationId: string;
  let secretary: TestUser;
  let member: TestUser;
  let memberReader: TestUser;
  let caseOfficer: TestUser;

  const api = async (user: TestUser, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(user),
      ...(payload ? { payload } : {}),
    });
  const query = async <T>(statement: SQL) =>
    ((await t.database.db.execute(statement)) as unknown as { rows: T[] }).rows;

  /** A meeting `days` days from now at 16:00 UTC, with one open item. */
  const createMeeting = async (title: string, days: number) => {
    const start = new Date(Math.floor(Date.now() / dayMs) * dayMs + days * dayMs + 16 * 3600_000);
    const created = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId,
      title,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3600_000).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const item = await api(secretary, 'POST', `/api/v1/meetings/${id}/items`, {
      title: 'Budgetopfølgning',
      durationMinutes: 10,
    });
    expect(item.statusCode).toBe(201);
    return { id, start, itemId: (item.json() as { id: string }).id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ids = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      const organization = await createOrganization({
        ...ctx,
        input: { bodyId: body.id, name: 'Lovudvalget', classification: 'udvalg' },
      });
      const persons = [];
      for (const name of ['Mona Medlem', 'Rasmus Læser']) {
        const person = await createPerson({ ...ctx, input: { name } });
        await addMembership({
          ...ctx,
          input: { personId: person.id, organizationId: organization.id, role: 'member' },
        });
        persons.push(person.id);
      }
      return { organizationId: organization.id, persons };
    });
    organizationId = ids.organizationId;
    secretary = await createTestUser(t.database, 'secretary');
    member = await createTestUser(t.database, 'participant', { personId: ids.persons[0] });
    memberReader = await createTestUser(t.database, 'reader', { personId: ids.persons[1] });
    caseOfficer = await createTestUser(t.database, 'case_officer');
  });
  afterAll(() => t?.close());

  describe('organization settings', () => {
    it('has the law’s defaults: 4 and 3 weekdays and the § 10 reasons', async () => {
      const response = await api(member, 'GET', `/api/v1/organizations/${organizationId}/settings`);
      expect(response.statusCode).toBe(200);
      const settings = response.json() as {
        agendaDeadlineWeekdays: number;
        materialDeadlineWeekdays: number;
        closureReasons: Array<{ code: string; label: string }>;
        closureReasonsAreDefault: boolean;
      };
      expect(settings).toMatchObject({
        agendaDeadlineWeekdays: 4,
        materialDeadlineWeekdays: 3,
        closureReasonsAreDefault: true,
      });
      expect(settings.closureReasons.map((reason) => reason.code)).toEqual(
        expect.arrayContaining(['personnel', 'finances', 'negotiation']),
      );
    });

    it('refuses bad input and other roles, changing nothing', async () => {
      const url = `/api/v1/organizations/${organizationId}/settings`;
      for (const payload of [
        { agendaDeadlineWeekdays: 0 },
        { materialDeadlineWeekdays: 31 },
        { closureReasons: [] },
        {
          closureReasons: [
            { code: 'a', label: 'A' },
            { code: 'a', label: 'B' },
          ],
        },
        { closureReasons: [{ code: 'Med Mellemrum', label: 'X' }] },
        { closureReasons: [{ code: 'x', label: '  ' }] },
      ]) {
        const response = await api(secretary, 'PATCH', url, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect((response.json() as { error: { code: string } }).error.code).toBe(
          'VALIDATION_FAILED',
        );
      }
      expect((await api(caseOfficer, 'PATCH', url, { agendaDeadlineWeekdays: 5 })).statusCode).toBe(
        403,
      );
      expect((await api(member, 'PATCH', url, { agendaDeadlineWeekdays: 5 })).statusCode).toBe(403);
      expect((await api(member, 'GET', url)).json()).toMatchObject({ agendaDeadlineWeekdays: 4 });
    });

    it('lets the secretariat change them through the page, audited', async () => {
      const browser = await signIn(t.app, secretary);
      const page = await browser.get(`/admin/moederegler/${organizationId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Frister for udsendelse (§ 8)');
      const bad = await browser.post(`/admin/moederegler/${organizationId}`, {
        agendaDeadlineWeekdays: 'fire',
        materialDeadlineWeekdays: '3',
        code: 'personnel',
        label: 'Personsag',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Skal være et helt antal hverdage mellem 1 og 30.');
      const saved = await browser.post(`/admin/moederegler/${organizationId}`, {
        agendaDeadlineWeekdays: '5',
        materialDeadlineWeekdays: '3',
        code: 'own_reason',
        label: 'Egen grund',
      });
      expect(saved.statusCode).toBe(303);
      const settings = (
        await api(member, 'GET', `/api/v1/organizations/${organizationId}/settings`)
      ).json() as unknown;
      expect(settings).toMatchObject({
        agendaDeadlineWeekdays: 5,
        closureReasonsAreDefault: false,
        closureReasons: [{ code: 'own_reason', label: 'Egen grund' }],
      });
      const audit = await query<{ n: number }>(
        sql`select count(*)::int as n from audit_events where action = 'organizationSettings.update'`,
      );
      expect(audit[0]!.n).toBe(1);
      // Back to the defaults for the tests below.
      const restored = await api(
        secretary,
        'PATCH',
        `/api/v1/organizations/${organizationId}/settings`,
        { agendaDeadlineWeekdays: 4, closureReasons: null },
      );
      expect(restored.json()).toMatchObject({
        agendaDeadlineWeekdays: 4,
        closureReasonsAreDefault: true,
      });
    });
  });

  describe('§ 8: releasing the agenda', () => {
    it('releases on time without a reason, holding the release to the agenda’s deadline', async () => {
      const meeting = await createMeeting('Møde i god tid', 60);
      const browser = await signIn(t.app, secretary);
      const page = await browser.get(`/moeder/${meeting.id}`);
      expect(page.body).toContain('Dagsorden skal udsendes senest');
      expect(page.body).toContain('Materiale skal udsendes senest');
      expect(page.body).not.toContain('name="lateReason"');
      const released = await api(
        secretary,
        'POST',
        `/api/v1/meetings/${meeting.id}/agenda-releases`,
        {},
      );
      expect(released.statusCode).toBe(201);
      expect(released.json()).toMatchObject({
        version: 1,
        isLate: false,
        lateReason: null,
        dueAt: toIsoWithOffset(weekdayDeadline(meeting.start, 4)),
      });
    });

    it('refuses a late release without a reason, and keeps and shows the reason given', async () => {
      const meeting = await createMeeting('Hastemøde', 1);
      const url = `/api/v1/meetings/${meeting.id}/agenda-releases`;
      const without = await api(secretary, 'POST', url, { lateReason: '   ' });
      expect(without.statusCode).toBe(400);
      const error = (without.json() as { error: { code: string; message: string } }).error;
      expect(error).toMatchObject({
        code: 'LATE_RELEASE_REASON_REQUIRED',
        details: [{ field: 'lateReason' }],
      });
      expect(error.message).toContain('Fristen for udsendelse er overskredet');
      const meetingNow = (
        await api(secretary, 'GET', `/api/v1/meetings/${meeting.id}`)
      ).json() as unknown;
      expect(meetingNow).toMatchObject({ status: 'planned' });

      const reason = 'Sagen om vinterberedskab kom først fra staten i går';
      const released = await api(secretary, 'POST', url, { lateReason: reason });
      expect(released.statusCode).toBe(201);
      expect(released.json()).toMatchObject({ version: 1, isLate: true, lateReason: reason });
      const listed = (await api(member, 'GET', url)).json() as { data: unknown[] };
      expect(listed.data).toEqual([expect.objectContaining({ isLate: true, lateReason: reason })]);

      const audit = await query<{ after: { lateReason: string; isLate: boolean } }>(
        sql`select after from audit_events where action = 'agendaRelease.create' and entity_id = ${meeting.id}`,
      );
      expect(audit.map((row) => row.after)).toEqual([
        expect.objectContaining({ isLate: true, lateReason: reason }),
      ]);
      const memberBrowser = await signIn(t.app, member);
      for (const path of [`/moeder/${meeting.id}`, `/moeder/${meeting.id}/udskrift`]) {
        const page = await memberBrowser.get(path);
        expect(page.body, path).toContain('Udsendt efter fristen');
        expect(page.body, path).toContain(reason);
      }
      const docx = await api(member, 'GET', `/api/v1/meetings/${meeting.id}/agenda.docx`);
      expect(strFromU8(unzipSync(docx.rawPayload)['word/document.xml']!)).toContain(reason);
      const publicDocx = await api(
        member,
        'GET',
        `/api/v1/meetings/${meeting.id}/agenda.docx?audience=public`,
      );
      expect(strFromU8(unzipSync(publicDocx.rawPayload)['word/document.xml']!)).not.toContain(
        reason,
      );
    });

    it('sends the form back to the reason field when it was left out', async () => {
      const meeting = await createMeeting('Hastemøde via formularen', 1);
      const browser = await signIn(t.app, secretary);
      const page = await browser.get(`/moeder/${meeting.id}`);
      expect(page.body).toContain('Fristen er overskredet');
      expect(page.body).toContain('name="lateReason"');
      const without = await browser.post(`/moeder/${meeting.id}/udsend`, { lateReason: '' });
      expect(without.statusCode).toBe(303);
      expect(without.headers.location).toBe(`/moeder/${meeting.id}?fejl=lateReason#udsend`);
      const again = await browser.get(`/moeder/${meeting.id}?fejl=lateReason`);
      expect(again.body).toContain('Fristen er overskredet: skriv en begrundelse.');
      const released = await browser.post(`/moeder/${meeting.id}/udsend`, {
        lateReason: 'Mødet blev indkaldt med kort varsel.',
      });
      expect(released.statusCode).toBe(303);
      expect(released.headers.location).toBe(`/moeder/${meeting.id}`);
      expect((await browser.get(`/moeder/${meeting.id}`)).body).toContain(
        'Mødet blev indkaldt med kort varsel.',
      );
    });
  });

  describe('§ 10: closing an item', () => {
    let meeting: { id: string; itemId: string };
    let closedId: string;

    beforeAll(async () => {
      meeting = await createMeeting('Møde med lukket punkt', 60);
    });

    it('refuses a closed item without a reason from the list, writing nothing', async () => {
      const url = `/api/v1/meetings/${meeting.id}/items`;
      const closed = { title: 'Personsag: N.N.', publicTitle: 'Personsag', isPublic: false };
      for (const payload of [
        closed,
        { ...closed, closedReasonCode: null },
        { ...closed, closedReasonCode: 'no_such_reason' },
      ]) {
        const response = await api(secretary, 'POST', url, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json()).toMatchObject({
          error: {
            code: 'CLOSED_REASON_REQUIRED',
            details: [{ field: 'closedReasonCode' }],
          },
        });
      }
      const items = (await api(secretary, 'GET', `/api/v1/meetings/${meeting.id}`)).json() as {
        items: unknown[];
      };
      expect(items.items).toHaveLength(1);

      const closing = await api(secretary, 'PATCH', `${url}/${meeting.itemId}`, {
        isPublic: false,
        publicTitle: 'Økonomi',
      });
      expect(closing.statusCode).toBe(400);
      expect((closing.json() as { error: { code: string } }).error.code).toBe(
        'CLOSED_REASON_REQUIRED',
      );
      const item = (await api(secretary, 'GET', `/api/v1/meetings/${meeting.id}`)).json() as {
        items: Array<{ isPublic: boolean }>;
      };
      expect(item.items[0]!.isPublic).toBe(true);
    });

    it('keeps the reason and shows it to those who may read the item, not to the others', async () => {
      const created = await api(secretary, 'POST', `/api/v1/meetings/${meeting.id}/items`, {
        title: 'Personsag: N.N.',
        publicTitle: 'Personsag',
        isPublic: false,
        closedReasonCode: 'personnel',
        closedReasonText: secretReason,
      });
      expect(created.statusCode).toBe(201);
      closedId = (created.json() as { id: string }).id;
      const find = async (user: TestUser) =>
        (
          (await api(user, 'GET', `/api/v1/meetings/${meeting.id}`)).json() as {
            items: Array<{ id: string; closedReason: unknown }>;
          }
        ).items.find((item) => item.id === closedId);
      const reason = {
        code: 'personnel',
        label: 'Personsag (ansættelse, afsked og andre personaleforhold)',
        text: secretReason,
      };
      expect((await find(secretary))?.closedReason).toEqual(reason);
      expect((await find(member))?.closedReason).toEqual(reason);
      expect((await find(memberReader))?.closedReason).toBeNull();
      const readerView = await api(memberReader, 'GET', `/api/v1/meetings/${meeting.id}`);
      expect(readerView.body).not.toContain(secretReason);
      const readerPage = await (await signIn(t.app, memberReader)).get(`/moeder/${meeting.id}`);
      expect(readerPage.body).not.toContain(secretReason);
      expect(readerPage.body).not.toContain('personaleforhold');
      const memberPage = await (await signIn(t.app, member)).get(`/moeder/${meeting.id}/udskrift`);
      expect(memberPage.body).toContain(secretReason);
      // The internal minutes say why the item was closed.
      const minutes = await (await signIn(t.app, secretary)).get(`/moeder/${meeting.id}/referat`);
      expect(minutes.body).toContain(secretReason);
    });

    it('lets a closed item be edited without naming its reason again, and clears it when opened', async () => {
      const url = `/api/v1/meetings/${meeting.id}/items/${closedId}`;
      // A closed item from before the rule (demo, imports) has no reason and stays valid.
      await t.database.db.execute(
        sql`update agenda_items set closed_reason_code = null, closed_reason_label = null, closed_reason_text = null where id = ${closedId}`,
      );
      const retitled = await api(secretary, 'PATCH', url, { title: 'Personsag: N.N. (ny titel)' });
      expect(retitled.statusCode).toBe(200);
      expect(retitled.json()).toMatchObject({ isPublic: false, closedReason: null });
      const given = await api(secretary, 'PATCH', url, { closedReasonCode: 'finances' });
      expect(given.json()).toMatchObject({ closedReason: { code: 'finances', text: null } });
      const opened = await api(secretary, 'PATCH', url, { isPublic: true });
      expect(opened.json()).toMatchObject({ isPublic: true, closedReason: null });
    });

    it('never shows the reason in the public agenda package', async () => {
      await api(secretary, 'PATCH', `/api/v1/meetings/${meeting.id}/items/${closedId}`, {
        isPublic: false,
        closedReasonCode: 'personnel',
        closedReasonText: secretReason,
      });
      const document = async (audience: string) =>
        strFromU8(
          unzipSync(
            (
              await api(
                secretary,
                'GET',
                `/api/v1/meetings/${meeting.id}/agenda.docx?audience=${audience}`,
              )
            ).rawPayload,
          )['word/document.xml']!,
        );
      expect(await document('full')).toContain(secretReason);
      const publicAgenda = await document('public');
      expect(publicAgenda).not.toContain(secretReason);
      expect(publicAgenda).not.toContain('personaleforhold');
    });
  });
});
