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
import { countQueries } from '../../../test/query-count';
import { eq } from 'drizzle-orm';
import { packageBuilds, packageInputKeysQuery } from '../packages/db-schema';
import { readPackageStates } from '../packages/index';

type Summary = { id: string; title: string; organization: { id: string; name: string } };

/** Visible text of an HTML page, tags removed and whitespace collapsed, for plain assertions. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

describe.skipIf(isEngineUnavailable())('meeting pages', () => {
  let t: TestApp;
  let secretary: TestUser;
  let browser: BrowserSession;
  let committee: Summary;
  let councilMeeting: Summary;

  beforeAll(async () => {
    // No package worker: the test sets the builds' states itself, and counts queries.
    t = await createTestApp({ demo: true, config: { backgroundWork: false } });
    secretary = await createTestUser(t.database, 'secretary');
    browser = await signIn(t.app, secretary);
    const list = await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) });
    const meetings = (list.json() as { data: Summary[] }).data;
    committee = meetings.find(
      (meeting) => meeting.title === 'Social- og Beskæftigelsesudvalgsmøde',
    )!;
    councilMeeting = meetings.findLast((meeting) => meeting.title === 'Rådmandsmøde')!;
  });
  afterAll(() => t.close());

  const itemIds = async (meetingId: string) =>
    (
      (
        await t.app.inject({ url: `/api/v1/meetings/${meetingId}`, headers: bearer(secretary) })
      ).json() as {
        items: Array<{ id: string; title: string; number: string }>;
      }
    ).items;

  it('lists meetings per organisation', async () => {
    const page = text((await browser.get('/moeder')).body);
    expect(page).toContain('Social- og Beskæftigelsesudvalget');
    expect(page).toContain('Rådmandskredsen for Sociale Forhold og Beskæftigelse');
    expect(page).toContain('15. november 2023');
    const filtered = text(
      (await browser.get(`/moeder?organisation=${committee.organization.id}`)).body,
    );
    expect(filtered).toContain('Social- og Beskæftigelsesudvalgsmøde');
    expect(filtered).not.toContain('Rådmandsmøde ');
  });

  it('shows the agenda with the time plan exactly as the seed prints it', async () => {
    const page = text((await browser.get(`/moeder/${committee.id}`)).body);
    for (const slot of [
      '18.15 – 18.18 (3 min.)',
      '18.18 – 18.20 (2 min.)',
      '18.20 – 18.40 (20 min.)',
      '19.35 – 19.40 (5 min.)',
      '19.40 – 19.42 (2 min.)',
      '19.42 – 19.45 (3 min.)',
    ]) {
      expect(page).toContain(slot);
    }
    expect(page).toContain('Rådhuset, lokale 398');
    expect(page).toContain('EMN-2023-009780');
    expect(page).toContain('Eva Borchorst Mejnertz/MTM');
  });

  it('prints the agenda in the committee layout', async () => {
    const page = text((await browser.get(`/moeder/${committee.id}/udskrift`)).body);
    expect(page).toContain('Mødedato: 15. november 2023');
    expect(page).toContain('Mødetid: Kl. 18.15 – 19.45');
    expect(page).toContain(
      '1. Godkendelse af dagsorden Baggrund/formål: Dagsordenen for mødet i Social- og Beskæftigelsesudvalget godkendes.',
    );
    expect(page).toContain(
      'Ansvarlig: Eva Borchorst Mejnertz Tid: 18.15 – 18.18 (3 min.) Bilag: Dagsorden til mødet',
    );
    expect(page).toContain('Metode: Mundtlig drøftelse, hvorefter der skal konkluderes på sagen');
    expect(page).toContain('A) Orientering om konkrete sager');
    expect(page).toContain('Punktet er dagsordensat efter aftale med forkvinden for udvalget.');
  });

  it('moves items with buttons that work without JavaScript', async () => {
    const before = await itemIds(committee.id);
    const third = before[2]!;
    await browser.get(`/moeder/${committee.id}`);
    const response = await browser.post(`/moeder/${committee.id}/punkter/${third.id}/flyt`, {
      position: '4',
    });
    expect(response.statusCode).toBe(303);
    const after = await itemIds(committee.id);
    expect(after[3]!.id).toBe(third.id);
    expect(after[2]!.title).toBe('Klimastrategi og handlingsplan');
    await browser.post(`/moeder/${committee.id}/punkter/${third.id}/flyt`, { position: '3' });
    expect((await itemIds(committee.id))[2]!.id).toBe(third.id);
  });

  it('creates a meeting from a template through the form', async () => {
    const form = await browser.get('/moeder/ny');
    expect(form.statusCode).toBe(200);
    const templateId = /<option value="([^"]+)"[^>]*>Rådmandskredsen[^<]*Rådmandsmøde/.exec(
      form.body,
    )?.[1];
    expect(templateId).toBeDefined();
    const response = await browser.post('/moeder/ny', {
      organizationId: councilMeeting.organization.id,
      templateId: templateId!,
      title: 'Rådmandsmøde',
      date: '2023-11-20',
      startTime: '09:00',
      endTime: '10:00',
      location: 'Jægergården, Værkmestergade 15 B',
      caseNumber: '',
      secretariatContactId: '',
    });
    expect(response.statusCode).toBe(303);
    const page = text((await browser.get(response.headers.location!)).body);
    expect(page).toContain('mandag den 20. november 2023');
    expect(page).toContain('Orientering fra Magistraten');
    expect(page).toContain('09.00 – 09.05 (5 min.)');
    expect(page).toContain('Tidsplanen slutter 45 min. før mødets sluttidspunkt.');
  });

  it('re-renders the form with Danish messages and writes nothing on bad input', async () => {
    const countBefore = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: unknown[] };
    await browser.get('/moeder/ny');
    const response = await browser.post('/moeder/ny', {
      organizationId: committee.organization.id,
      title: '',
      date: '2023-02-30',
      startTime: '19:00',
      endTime: '18:00',
    });
    expect(response.statusCode).toBe(400);
    const page = text(response.body);
    expect(page).toContain('Nogle felter er ikke udfyldt korrekt.');
    expect(page).toContain('Skal udfyldes.');
    expect(page).toContain('Skal være en gyldig dato');

    const endsBeforeStart = await browser.post('/moeder/ny', {
      organizationId: committee.organization.id,
      title: 'Møde',
      date: '2023-12-01',
      startTime: '19:00',
      endTime: '18:00',
    });
    expect(endsBeforeStart.statusCode).toBe(400);
    expect(text(endsBeforeStart.body)).toContain(
      'Sluttidspunktet skal ligge efter starttidspunktet.',
    );
    const countAfter = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: unknown[] };
    expect(countAfter.data).toHaveLength(countBefore.data.length);
  });

  it('adds, edits and deletes an item through the forms, with a warning when the plan overruns', async () => {
    await browser.get(`/moeder/${committee.id}/punkter/ny`);
    const bad = await browser.post(`/moeder/${committee.id}/punkter/ny`, {
      title: 'Nyt punkt',
      durationMinutes: '-3',
    });
    expect(bad.statusCode).toBe(400);
    expect(text(bad.body)).toContain('Skal være et helt antal minutter mellem 0 og 600.');
    expect(await itemIds(committee.id)).toHaveLength(13);

    const created = await browser.post(`/moeder/${committee.id}/punkter/ny`, {
      title: 'Nyt punkt',
      durationMinutes: '10',
      responsible: 'Lotte Henriksen\nMTM',
      attachments: 'Notat om sagen',
      isPublic: 'on',
    });
    expect(created.statusCode).toBe(303);
    const page = text((await browser.get(`/moeder/${committee.id}`)).body);
    expect(page).toContain('19.45 – 19.55 (10 min.)');
    expect(page).toContain('Tidsplanen går 10 min. ud over mødets sluttidspunkt.');
    expect(page).toContain('Lotte Henriksen/MTM');

    const item = (await itemIds(committee.id)).at(-1)!;
    await browser.get(`/moeder/${committee.id}/punkter/${item.id}/rediger`);
    const closing = {
      title: 'Nyt punkt (lukket)',
      durationMinutes: '0',
      publicTitle: 'Personalesag',
    };
    // Styrelsesloven § 10: closing needs a reason from the organization's list.
    const withoutReason = await browser.post(
      `/moeder/${committee.id}/punkter/${item.id}/rediger`,
      closing,
    );
    expect(withoutReason.statusCode).toBe(400);
    expect(text(withoutReason.body)).toContain('Vælg en grund fra organisationens liste.');
    expect((await itemIds(committee.id)).at(-1)).toMatchObject({ title: 'Nyt punkt' });
    const edited = await browser.post(`/moeder/${committee.id}/punkter/${item.id}/rediger`, {
      ...closing,
      closedReasonCode: 'personnel',
      closedReasonText: 'Ansættelse af en ny leder.',
    });
    expect(edited.statusCode).toBe(303);
    expect(text((await browser.get(`/moeder/${committee.id}`)).body)).toContain(
      'Lukket: Personsag (ansættelse, afsked og andre personaleforhold). Ansættelse af en ny leder.',
    );
    expect(text((await browser.get(`/moeder/${committee.id}`)).body)).not.toContain(
      'ud over mødets sluttidspunkt',
    );

    const deleted = await browser.post(`/moeder/${committee.id}/punkter/${item.id}/slet`, {});
    expect(deleted.statusCode).toBe(303);
    expect(await itemIds(committee.id)).toHaveLength(13);
  });

  it('rejects a state-changing form without the CSRF token', async () => {
    const first = (await itemIds(committee.id))[0]!;
    const response = await browser.post(
      `/moeder/${committee.id}/punkter/${first.id}/slet`,
      {},
      { withCsrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(await itemIds(committee.id)).toHaveLength(13);
  });

  it('shows the state of the meeting package: none, being built, ready, stale, failed', async () => {
    const { id } = committee;
    const url = `/moeder/${id}`;
    const packageSection = async () => {
      const body = (await browser.get(url)).body;
      const start = body.indexOf('<section aria-labelledby="package-heading"');
      expect(start).toBeGreaterThan(-1);
      return body.slice(start, body.indexOf('</section>', start));
    };
    const db = t.database.db;
    await db.delete(packageBuilds).where(eq(packageBuilds.meetingId, id));
    expect(text(await packageSection())).toContain('Mødepakken er ikke bygget endnu.');

    const [build] = await db
      .insert(packageBuilds)
      .values({ meetingId: id, audience: 'full', requestedByLabel: 'test' })
      .returning();
    expect(text(await packageSection())).toContain('Mødepakken bygges.');

    const [current] = await packageInputKeysQuery(db, [id]);
    const finishedAt = new Date('2026-01-05T08:30:00Z');
    await db
      .update(packageBuilds)
      .set({ status: 'done', finishedAt, inputKey: current!.inputKey })
      .where(eq(packageBuilds.id, build!.id));
    const ready = await packageSection();
    expect(text(ready)).toContain('Mødepakken er klar, bygget 5. januar 2026 kl. 09.30.');
    // Opens in the browser: the plain address serves it inline, ?download=1 would save it.
    expect(ready).toContain(`<a href="/moeder/${id}/pakke/full.pdf">Åbn mødepakken (PDF)</a>`);

    await db
      .update(packageBuilds)
      .set({ inputKey: 'before the agenda changed' })
      .where(eq(packageBuilds.id, build!.id));
    await db
      .insert(packageBuilds)
      .values({ meetingId: id, audience: 'full', requestedByLabel: 'test' });
    const stale = text(await packageSection());
    expect(stale).toContain('Forældet — bygges igen');
    expect(stale).toContain('Åbn mødepakken (PDF)');

    await db
      .update(packageBuilds)
      .set({ status: 'failed', error: 'x', finishedAt: new Date() })
      .where(eq(packageBuilds.status, 'queued'));
    expect(text(await packageSection())).toContain('Mødepakken kunne ikke bygges.');

    // A coming meeting whose agenda was just released: its packages are on their way.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: committee.organization.id,
        title: 'Udvalgsmøde lige frigivet',
        start: '2099-03-02T16:00:00+01:00',
        end: '2099-03-02T18:00:00+01:00',
      },
    });
    const comingId = (created.json() as { id: string }).id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${comingId}/items`,
      headers: bearer(secretary),
      payload: { title: 'Budget', durationMinutes: 15 },
    });
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${comingId}/agenda-releases`,
      headers: bearer(secretary),
      payload: {},
    });
    expect(released.statusCode).toBe(201);
    const coming = (await browser.get(`/moeder/${comingId}`)).body;
    expect(text(coming)).toContain('Mødepakken bygges.');
  });

  it('reads package states for many meetings in a fixed number of queries, only those the actor sees', async () => {
    const list = (
      (await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })).json() as {
        data: Summary[];
      }
    ).data;
    const secretaryActor = {
      kind: 'user' as const,
      userId: '00000000-0000-4000-8000-000000000001',
      email: secretary.email,
      name: 'Sekretær',
      role: 'secretary' as const,
      personId: null,
      organizationIds: [],
    };
    const read = (meetingIds: string[]) =>
      countQueries(t.database.db, () =>
        readPackageStates({ actor: secretaryActor, tx: t.database.db, meetingIds }),
      );
    const one = await read([committee.id]);
    const all = await read(list.map((meeting) => meeting.id));
    expect(all.result.size).toBe(list.length);
    expect(all.queries).toBe(one.queries);
    // Someone in no organization sees none of them: nothing is told about their packages.
    const outsider = { ...secretaryActor, role: 'participant' as const };
    const hidden = await readPackageStates({
      actor: outsider,
      tx: t.database.db,
      meetingIds: list.map((meeting) => meeting.id),
    });
    expect(hidden.size).toBe(0);
  });

  it('answers unknown meetings with a Danish 404 page', async () => {
    const response = await browser.get('/moeder/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(text(response.body)).toContain('Siden eller data findes ikke');
    expect((await browser.get('/moeder/ikke-et-id')).statusCode).toBe(404);
  });
});

describe.skipIf(isEngineUnavailable())('who may see and change what', () => {
  let t: TestApp;
  let committeeId: string;
  let committeeOrganizationId: string;
  let closedItemId: string;
  let admin: TestUser;
  let secretary: TestUser;
  let reader: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'reader');
    const list = (
      await t.app.inject({
        url: '/api/v1/meetings?from=2023-11-15&to=2023-11-15',
        headers: bearer(secretary),
      })
    ).json() as {
      data: Summary[];
    };
    committeeId = list.data[0]!.id;
    committeeOrganizationId = list.data[0]!.organization.id;
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeId}/items`,
      headers: bearer(secretary),
      payload: {
        title: 'Sag om borger CANARY-7c1e',
        publicTitle: 'Personsag',
        isPublic: false,
        closedReasonCode: 'personnel',
        durationMinutes: 5,
        purpose: 'Fortroligt CANARY-7c1e',
        attachments: ['Bilag CANARY-7c1e'],
      },
    });
    closedItemId = (closed.json() as { id: string }).id;
    // The demo committee meeting's agenda is released: members see the item once it is again.
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeId}/agenda-releases`,
      headers: bearer(secretary),
      payload: {
        changeNote: 'Et lukket punkt er tilføjet.',
        lateReason: 'Testens møde ligger før fristen.',
      },
    });
    expect(released.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("lets readers read their organisations' meetings but not write", async () => {
    const memberReader = await createTestUser(t.database, 'reader', {
      personId: await personIdOf('Eva Borchorst Mejnertz'),
    });
    const write = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${councilMeetingId()}/items`,
      headers: bearer(memberReader),
      payload: { title: 'X', durationMinutes: 1 },
    });
    expect(write.statusCode).toBe(403);
    expect((write.json() as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const session = await signIn(t.app, memberReader);
    expect((await session.get('/moeder/ny')).statusCode).toBe(403);
    const page = await session.get(`/moeder/${councilMeetingId()}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Orientering om vinterhjælp til økonomisk trængte');
    expect(page.body).not.toContain('Flyt ned');
    // Another organisation's meeting does not exist for this reader.
    expect((await session.get(`/moeder/${committeeId}`)).statusCode).toBe(404);
  });

  it('shows a closed item only by its neutral title to those who may not read it', async () => {
    // A reader without memberships sees no meetings at all.
    const readerView = await t.app.inject({
      url: `/api/v1/meetings/${committeeId}`,
      headers: bearer(reader),
    });
    expect(readerView.statusCode).toBe(404);

    const memberPersonId = await personIdOf('Eva Borchorst Mejnertz');
    const insider = await createTestUser(t.database, 'participant', { personId: memberPersonId });
    const outsider = await createTestUser(t.database, 'reader', { personId: memberPersonId });

    const seenByParticipant = await t.app.inject({
      url: `/api/v1/meetings/${councilMeetingId()}`,
      headers: bearer(insider),
    });
    expect(seenByParticipant.statusCode).toBe(200);
    // Eva is not a member of the committee: its meeting does not exist for her.
    expect(
      (await t.app.inject({ url: `/api/v1/meetings/${committeeId}`, headers: bearer(insider) }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        (await t.app.inject({ url: '/api/v1/meetings', headers: bearer(outsider) })).json() as {
          data: Summary[];
        }
      ).data.map((m) => m.title),
    ).toEqual(['Rådmandsmøde', 'Rådmandsmøde']);

    const secretaryView = await t.app.inject({
      url: `/api/v1/meetings/${committeeId}`,
      headers: bearer(secretary),
    });
    expect(secretaryView.body).toContain('CANARY-7c1e');
    const caseOfficer = await createTestUser(t.database, 'case_officer');
    const caseOfficerView = await t.app.inject({
      url: `/api/v1/meetings/${committeeId}`,
      headers: bearer(caseOfficer),
    });
    expect(caseOfficerView.statusCode).toBe(200);
    expect(caseOfficerView.body).not.toContain('CANARY-7c1e');
    const redacted = (
      caseOfficerView.json() as {
        items: Array<{ id: string; title: string; attachments: unknown[] }>;
      }
    ).items.find((item) => item.id === closedItemId)!;
    expect(redacted.title).toBe('Personsag');
    expect(redacted.attachments).toEqual([]);
    const session = await signIn(t.app, caseOfficer);
    for (const url of [`/moeder/${committeeId}`, `/moeder/${committeeId}/udskrift`]) {
      const page = await session.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('CANARY-7c1e');
      expect(page.body).toContain('Personsag');
    }
  });

  it('shows the audit log with before and after to administrators only', async () => {
    const events = (
      await t.app.inject({ url: '/api/v1/audit-events', headers: bearer(admin) })
    ).json() as {
      data: Array<{
        action: string;
        entityId: string;
        actor: string;
        after: { title?: string } | null;
      }>;
    };
    const created = events.data.find(
      (event) => event.action === 'agendaItem.create' && event.entityId === closedItemId,
    )!;
    expect(created.actor).toBe(secretary.email);
    expect(created.after?.title).toBe('Sag om borger CANARY-7c1e');
    expect(
      (await t.app.inject({ url: '/api/v1/audit-events', headers: bearer(secretary) })).statusCode,
    ).toBe(404);
    const adminSession = await signIn(t.app, admin);
    const page = await adminSession.get('/admin/haendelser');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('agendaItem.create');
    const secretarySession = await signIn(t.app, secretary);
    expect((await secretarySession.get('/admin/haendelser')).statusCode).toBe(404);
  });

  it('records before and after of an update', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${committeeId}`,
      headers: bearer(secretary),
      payload: { caseNumber: 'EMN-2023-009781' },
    });
    const events = (
      await t.app.inject({ url: '/api/v1/audit-events', headers: bearer(admin) })
    ).json() as {
      data: Array<{
        action: string;
        before: { caseNumber: string };
        after: { caseNumber: string };
      }>;
    };
    const update = events.data.find((event) => event.action === 'meeting.update')!;
    expect(update.before.caseNumber).toBe('EMN-2023-009780');
    expect(update.after.caseNumber).toBe('EMN-2023-009781');
  });

  it('publishes an OpenAPI document with the meeting routes', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json', headers: bearer(reader) });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/meetings',
        '/api/v1/meetings/{id}',
        '/api/v1/meetings/{id}/items/{itemId}/move',
      ]),
    );
    expect(committeeOrganizationId).toBeTruthy();
  });

  let councilId = '';
  function councilMeetingId() {
    return councilId;
  }
  beforeAll(async () => {
    const list = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Summary[] };
    councilId = list.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
  });

  async function personIdOf(name: string): Promise<string> {
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(secretary) })
    ).json() as {
      data: Array<{ id: string }>;
    };
    for (const organization of organizations.data) {
      const detail = (
        await t.app.inject({
          url: `/api/v1/organizations/${organization.id}`,
          headers: bearer(secretary),
        })
      ).json() as {
        memberships: Array<{ personId: string; personName: string }>;
      };
      const membership = detail.memberships.find((candidate) => candidate.personName === name);
      if (membership) return membership.personId;
    }
    throw new Error(`no person ${name}`);
  }
});
