import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf } from '../../../test/file-factories';
import { pdfText, qpdfCheck } from '../../../test/pdf-tools';
import { strFromU8, unzipSync } from 'fflate';
import { startSmtpServer } from '../../../test/smtp-server';
import type { Actor } from '../../platform/auth/policy';
import { inTransaction } from '../../platform/db/transaction';
import {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
} from '../organizations/index';

type Item = {
  id: string;
  number: string;
  title: string;
  minutes: string | null;
  decision: string | null;
  minutesRevision: number;
  actualStart?: string;
  actualEnd?: string;
  followUps: Array<{ text: string; status: string; owner: { name: string } }>;
  isPublic: boolean;
  paperId: string | null;
};
type Meeting = { id: string; status: string; items: Item[] };

const system: Actor = { kind: 'system', label: 'test' };

describe.skipIf(isEngineUnavailable())('holding a meeting and keeping its minutes', () => {
  let t: TestApp;
  let secretary: TestUser;
  let chair: TestUser;
  let member: TestUser;
  let reader: TestUser;
  let chairPersonId: string;
  let memberPersonId: string;
  let guestPersonId: string;
  let organizationId: string;
  let first: Meeting;
  let second: Meeting;
  let third: Meeting;

  const api = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: bearer(user), payload });

  const meeting = async (id: string, user = secretary) =>
    (await api(user, 'GET', `/api/v1/meetings/${id}`)).json() as Meeting;

  const createMeeting = async (title: string, day: string, items: string[]) => {
    const created = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId,
      title,
      start: `${day}T18:15:00+01:00`,
      end: `${day}T19:45:00+01:00`,
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    for (const title of items) {
      const added = await api(secretary, 'POST', `/api/v1/meetings/${id}/items`, {
        title,
        durationMinutes: 15,
      });
      expect(added.statusCode).toBe(201);
    }
    return meeting(id);
  };

  /** Rows of a raw query; both engines' drivers answer with `rows`. */
  const query = async <T>(statement: SQL) =>
    ((await t.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const countRows = async (table: string) =>
    (await query<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp();
    const ids = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      const organization = await createOrganization({
        ...ctx,
        input: {
          bodyId: body.id,
          name: 'Testudvalget',
          classification: 'udvalg',
        },
      });
      const chairPerson = await createPerson({
        ...ctx,
        input: { name: 'Anna Formand', email: 'anna@test.dk' },
      });
      const memberPerson = await createPerson({
        ...ctx,
        input: { name: 'Bo Medlem', email: 'bo@test.dk' },
      });
      const guestPerson = await createPerson({ ...ctx, input: { name: 'Gitte Gæst' } });
      for (const person of [chairPerson, memberPerson]) {
        await addMembership({
          ...ctx,
          input: {
            personId: person.id,
            organizationId: organization.id,
            role: 'member',
          },
        });
      }
      return {
        organizationId: organization.id,
        chair: chairPerson.id,
        member: memberPerson.id,
        guest: guestPerson.id,
      };
    });
    organizationId = ids.organizationId;
    chairPersonId = ids.chair;
    memberPersonId = ids.member;
    guestPersonId = ids.guest;
    secretary = await createTestUser(t.database, 'secretary');
    chair = await createTestUser(t.database, 'participant', { personId: chairPersonId });
    member = await createTestUser(t.database, 'participant', { personId: memberPersonId });
    reader = await createTestUser(t.database, 'reader');
    first = await createMeeting('Udvalgsmøde 1', '2023-11-01', ['Budget', 'Evt.']);
    second = await createMeeting('Udvalgsmøde 2', '2023-11-15', [
      'Referat',
      'Opfølgning',
      'Skoleudbygning',
    ]);
    third = await createMeeting('Udvalgsmøde 3', '2023-12-06', ['Evt.']);
  });
  afterAll(() => t?.close());

  it('releases the agenda in versions; a second release needs a change note and mails the members', async () => {
    const mailsBefore = await countRows('mail_outbox');
    const released = await api(secretary, 'POST', `/api/v1/meetings/${first.id}/agenda-releases`, {
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(released.statusCode).toBe(201);
    expect(released.json()).toMatchObject({ version: 1, changeNote: null });
    expect((await meeting(first.id)).status).toBe('agenda_released');

    const withoutNote = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/agenda-releases`,
      { lateReason: 'Testens møde ligger før fristen.' },
    );
    expect(withoutNote.statusCode).toBe(400);
    expect(withoutNote.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'changeNote' }] },
    });
    const again = await api(secretary, 'POST', `/api/v1/meetings/${first.id}/agenda-releases`, {
      changeNote: 'Punkt 2 er tilføjet.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(again.json()).toMatchObject({ version: 2, changeNote: 'Punkt 2 er tilføjet.' });

    const mails = await query<{ recipients: string[]; subject: string; body: string }>(
      sql`select recipients, subject, body from mail_outbox order by id`,
    );
    expect(mails.length - mailsBefore).toBe(2);
    const last = mails.at(-1)!;
    expect([...last.recipients].sort()).toEqual(['anna@test.dk', 'bo@test.dk']);
    expect(last.subject).toContain('Ændret dagsorden: Udvalgsmøde 1');
    expect(last.body).toContain('Punkt 2 er tilføjet.');
    expect(last.body).toContain(`/moeder/${first.id}`);

    const page = await (await signIn(t.app, member)).get(`/moeder/${first.id}`);
    expect(page.body).toContain('Version 2, udsendt');
    expect(page.body).toContain('Punkt 2 er tilføjet.');
  });

  it('shows members the released version until the secretary releases a change', async () => {
    const evt = first.items[1]!;
    const url = `/api/v1/meetings/${first.id}/items/${evt.id}`;
    await api(secretary, 'PATCH', url, { title: 'Evt. og budgetopfølgning' });
    const added = await api(secretary, 'POST', `/api/v1/meetings/${first.id}/items`, {
      title: 'Nyt punkt efter udsendelsen',
      durationMinutes: 5,
    });
    const titles = async (user: TestUser) =>
      (await meeting(first.id, user)).items.map((item) => item.title);
    expect(await titles(member)).toEqual(['Budget', 'Evt.']);
    expect(await titles(secretary)).toEqual([
      'Budget',
      'Evt. og budgetopfølgning',
      'Nyt punkt efter udsendelsen',
    ]);
    await api(secretary, 'POST', `/api/v1/meetings/${first.id}/agenda-releases`, {
      changeNote: 'Punkt 2 har fået ny titel, og punkt 3 er tilføjet.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(await titles(member)).toEqual([
      'Budget',
      'Evt. og budgetopfølgning',
      'Nyt punkt efter udsendelsen',
    ]);
    const addedId = (added.json() as { id: string }).id;
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/meetings/${first.id}/items/${addedId}`,
      headers: bearer(secretary),
    });
    await api(secretary, 'PATCH', url, { title: 'Evt.' });
    await api(secretary, 'POST', `/api/v1/meetings/${first.id}/agenda-releases`, {
      changeNote: 'Punkt 3 er taget af igen.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(await titles(member)).toEqual(['Budget', 'Evt.']);
  });

  it('refuses steps out of order, and lets only the secretariat conduct the meeting', async () => {
    const early = await api(secretary, 'POST', `/api/v1/meetings/${second.id}/start`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'MEETING_STATUS_INVALID' } });
    const byMember = await api(member, 'POST', `/api/v1/meetings/${first.id}/start`);
    expect(byMember.statusCode).toBe(403);
    const byReader = await api(reader, 'POST', `/api/v1/meetings/${first.id}/agenda-releases`, {
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(byReader.statusCode).toBe(404);
  });

  it('runs the meeting live and stores each item’s actual start and end', async () => {
    expect((await api(secretary, 'POST', `/api/v1/meetings/${first.id}/start`)).statusCode).toBe(
      200,
    );
    const [budget, evt] = first.items;
    const started = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/items/${budget!.id}/start`,
    );
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', currentItemId: budget!.id });
    await api(secretary, 'POST', `/api/v1/meetings/${first.id}/items/${evt!.id}/start`);
    const live = (await api(member, 'GET', `/api/v1/meetings/${first.id}/live`)).json() as {
      currentItemId: string;
      delayText: string;
      items: Array<{ id: string; state: string }>;
    };
    expect(live.currentItemId).toBe(evt!.id);
    expect(live.items.find((item) => item.id === budget!.id)?.state).toBe('done');
    expect(live.delayText).toMatch(/^(\d+ (dag|dage|t|min) ?)+ (bagud|foran)$|^Til tiden$/);
  });

  it('keeps two secretaries from overwriting each other’s minutes (optimistic locking)', async () => {
    const budget = first.items[0]!;
    const url = `/api/v1/meetings/${first.id}/items/${budget.id}/minutes`;
    const a = await api(secretary, 'PUT', url, {
      minutes: 'Udvalget drøftede budgettet.',
      decision: 'Taget til efterretning.',
      expectedRevision: 0,
    });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ minutesRevision: 1, decision: 'Taget til efterretning.' });
    const b = await api(secretary, 'PUT', url, {
      minutes: 'Noget helt andet.',
      decision: null,
      expectedRevision: 0,
    });
    expect(b.statusCode).toBe(409);
    expect(b.json()).toMatchObject({ error: { code: 'MINUTES_CONFLICT' } });
    const huge = await api(secretary, 'PUT', url, {
      minutes: 'x',
      decision: null,
      expectedRevision: Number.MAX_SAFE_INTEGER,
    });
    expect(huge.statusCode).toBe(400);
    expect((b.json() as { error: { message: string } }).error.message).toContain('genindlæs');
    const saved = (await meeting(first.id)).items[0]!;
    expect(saved.minutes).toBe('Udvalget drøftede budgettet.');

    const session = await signIn(t.app, secretary);
    const form = await session.get(`/moeder/${first.id}/punkter/${budget.id}/referat`);
    expect(form.body).toContain('Taget til efterretning.');
    const conflict = await session.post(`/moeder/${first.id}/punkter/${budget.id}/referat`, {
      minutes: 'Min tekst, som ikke må gå tabt.',
      decision: '',
      revision: '0',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Min tekst, som ikke må gå tabt.');
    expect(conflict.body).toContain('Udvalget drøftede budgettet.');
  });

  it('lets exactly one of two simultaneous saves from the same revision through', async () => {
    const evt = first.items[1]!;
    const url = `/api/v1/meetings/${first.id}/items/${evt.id}/minutes`;
    const revision = (await meeting(first.id)).items[1]!.minutesRevision;
    const [a, b] = await Promise.all(
      ['Anden sekretærs tekst', 'Tredje sekretærs tekst'].map((minutes) =>
        api(secretary, 'PUT', url, { minutes, decision: null, expectedRevision: revision }),
      ),
    );
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    const winner = a!.statusCode === 200 ? 'Anden sekretærs tekst' : 'Tredje sekretærs tekst';
    const saved = (await meeting(first.id)).items[1]!;
    expect(saved).toMatchObject({ minutes: winner, minutesRevision: revision + 1 });
  });

  it('lets the secretariat set the organization’s standard phrases, offered in the minutes form', async () => {
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/referat/formuleringer/${organizationId}`);
    expect(page.body).toContain('Taget til efterretning.');
    const saved = await session.post(`/referat/formuleringer/${organizationId}`, {
      phrases: 'Godkendt.\r\n\r\nUdsat til næste møde.\r\n',
    });
    expect(saved.statusCode).toBe(303);
    const phrases = await api(
      secretary,
      'GET',
      `/api/v1/organizations/${organizationId}/minutes-phrases`,
    );
    // The default approving phrase is no longer in the list, so none approves.
    expect(phrases.json()).toEqual({
      phrases: ['Godkendt.', 'Udsat til næste møde.'],
      approvingPhrase: null,
    });
    const form = await session.get(`/moeder/${first.id}/punkter/${first.items[0]!.id}/referat`);
    expect(form.body).toContain('data-phrase="Udsat til næste møde."');
    expect(
      (await api(member, 'GET', `/api/v1/organizations/${organizationId}/minutes-phrases`))
        .statusCode,
    ).toBe(404);
    const memberSession = await signIn(t.app, member);
    expect((await memberSession.get(`/referat/formuleringer/${organizationId}`)).statusCode).toBe(
      404,
    );
  });

  it('hides draft minutes from members until they are released', async () => {
    expect((await meeting(first.id, member)).items[0]!.minutes).toBeNull();
    expect((await meeting(first.id, member)).items[0]!.decision).toBeNull();
  });

  it('creates a follow-up that its owner finds under "Mine opfølgninger"', async () => {
    const budget = first.items[0]!;
    const created = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/items/${budget.id}/follow-ups`,
      {
        ownerPersonId: memberPersonId,
        dueDate: '2023-11-10',
        text: 'Send budgetnotatet til udvalget',
      },
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'overdue', owner: { name: 'Bo Medlem' } });
    const bad = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/items/${budget.id}/follow-ups`,
      {
        ownerPersonId: memberPersonId,
        dueDate: '2023-02-30',
        text: 'x',
      },
    );
    expect(bad.statusCode).toBe(400);
    const mine = (await api(member, 'GET', '/api/v1/me/follow-ups')).json() as {
      data: Array<{ text: string }>;
    };
    expect(mine.data.map((row) => row.text)).toEqual(['Send budgetnotatet til udvalget']);
    expect(
      ((await api(chair, 'GET', '/api/v1/me/follow-ups')).json() as { data: unknown[] }).data,
    ).toEqual([]);
    const page = await (await signIn(t.app, member)).get('/opfoelgninger');
    expect(page.body).toContain('Send budgetnotatet til udvalget');
    expect(page.body).toContain('Overskredet');
  });

  it('records attendance with regrets and a guest for a named item', async () => {
    const budget = first.items[0]!;
    const saved = await api(secretary, 'PUT', `/api/v1/meetings/${first.id}/attendance`, {
      data: [
        { personId: chairPersonId, status: 'attending' },
        { personId: memberPersonId, status: 'sent_regrets' },
        { personId: guestPersonId, status: 'guest', itemIds: [budget.id] },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const rows = (
      saved.json() as { data: Array<{ name: string; status: string; isMember: boolean }> }
    ).data;
    expect(rows.map((row) => [row.name, row.status, row.isMember])).toEqual([
      ['Anna Formand', 'attending', true],
      ['Bo Medlem', 'sent_regrets', true],
      ['Gitte Gæst', 'guest', false],
    ]);
    const twice = await api(secretary, 'PUT', `/api/v1/meetings/${first.id}/attendance`, {
      data: [
        { personId: chairPersonId, status: 'attending' },
        { personId: chairPersonId, status: 'absent' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    const wrongItem = await api(secretary, 'PUT', `/api/v1/meetings/${first.id}/attendance`, {
      data: [{ personId: guestPersonId, status: 'guest', itemIds: [second.items[0]!.id] }],
    });
    expect(wrongItem.statusCode).toBe(400);
    const still = (
      await api(secretary, 'GET', `/api/v1/meetings/${first.id}/attendance`)
    ).json() as {
      data: unknown[];
    };
    expect(still.data).toHaveLength(3);
  });

  it('ends the meeting: fremmøde and decisions are locked, the text is not, corrections are addenda', async () => {
    const ended = await api(secretary, 'POST', `/api/v1/meetings/${first.id}/end`);
    expect(ended.json()).toMatchObject({ status: 'held' });
    const detail = await meeting(first.id);
    for (const item of detail.items) {
      expect(item.actualStart).toMatch(/^2\d{3}-/);
      expect(item.actualEnd).toMatch(/^2\d{3}-/);
    }
    const board = await (await signIn(t.app, member)).get(`/moeder/${first.id}/live`);
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Planlagt slut');

    const attendanceUrl = `/api/v1/meetings/${first.id}/attendance`;
    const attendanceBefore = (await api(secretary, 'GET', attendanceUrl)).json() as unknown;
    const attendance = await api(secretary, 'PUT', attendanceUrl, {
      data: [{ personId: memberPersonId, status: 'attending' }],
    });
    expect(attendance.statusCode).toBe(409);
    expect(attendance.json()).toMatchObject({ error: { code: 'MEETING_LOCKED' } });
    expect((attendance.json() as { error: { message: string } }).error.message).toContain(
      'tilføjelse',
    );
    expect((await api(secretary, 'GET', attendanceUrl)).json()).toEqual(attendanceBefore);

    const budget = first.items[0]!;
    const url = `/api/v1/meetings/${first.id}/items/${budget.id}/minutes`;
    const revision = (await meeting(first.id)).items[0]!.minutesRevision;
    const decision = await api(secretary, 'PUT', url, {
      minutes: 'Udvalget drøftede budgettet.',
      decision: 'Godkendt.',
      expectedRevision: revision,
    });
    expect(decision.statusCode).toBe(409);
    expect(decision.json()).toMatchObject({ error: { code: 'MEETING_LOCKED' } });
    expect((await meeting(first.id)).items[0]).toMatchObject({
      decision: 'Taget til efterretning.',
      minutesRevision: revision,
    });

    // The minutes text is still the secretariat's draft, through the API and the form.
    const text = await api(secretary, 'PUT', url, {
      minutes: 'Udvalget drøftede budgettet grundigt.',
      decision: 'Taget til efterretning.',
      expectedRevision: revision,
    });
    expect(text.statusCode).toBe(200);
    const session = await signIn(t.app, secretary);
    const formPath = `/moeder/${first.id}/punkter/${budget.id}/referat`;
    const form = await session.get(formPath);
    expect(form.body).toContain('beslutningen er låst');
    expect(form.body).not.toContain('name="decision"');
    expect(form.body).toContain(`/punkter/${budget.id}/tilfoejelser`);
    const posted = await session.post(formPath, {
      minutes: 'Udvalget drøftede budgettet.',
      revision: String(revision + 1),
    });
    expect(posted.statusCode).toBe(303);
    expect((await meeting(first.id)).items[0]).toMatchObject({
      minutes: 'Udvalget drøftede budgettet.',
      decision: 'Taget til efterretning.',
    });
    const attendancePage = await session.get(`/moeder/${first.id}/fremmoede`);
    expect(attendancePage.body).toContain('fremmødet kan ikke længere ændres');
    expect(attendancePage.body).not.toContain('action="/moeder/' + first.id + '/fremmoede"');

    const addendum = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/items/${budget.id}/addenda`,
      { text: 'Rettelse: Bo Medlem deltog under punkt 1.' },
    );
    expect(addendum.statusCode).toBe(201);
    const audit = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'minutesAddendum.create'`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('releases the minutes: members read them and attending participants sign them off', async () => {
    const released = await api(secretary, 'POST', `/api/v1/meetings/${first.id}/minutes-release`);
    expect(released.json()).toMatchObject({ status: 'minutes_released' });
    expect((await meeting(first.id, member)).items[0]!.minutes).toBe(
      'Udvalget drøftede budgettet.',
    );

    expect(
      (await api(chair, 'POST', `/api/v1/meetings/${first.id}/minutes-sign-offs`)).statusCode,
    ).toBe(204);
    // Bo sent regrets, so he did not take part and cannot sign off.
    expect(
      (await api(member, 'POST', `/api/v1/meetings/${first.id}/minutes-sign-offs`)).statusCode,
    ).toBe(403);
    const signOffs = (
      await api(secretary, 'GET', `/api/v1/meetings/${first.id}/minutes-sign-offs`)
    ).json() as {
      data: Array<{ name: string; signedAt: string }>;
    };
    expect(signOffs.data.map((row) => row.name)).toEqual(['Anna Formand']);

    const page = await (await signIn(t.app, member)).get(`/moeder/${first.id}/referat`);
    expect(page.body).toContain('Punkt 1: Budget');
    expect(page.body).toContain('Udvalget drøftede budgettet.');
    expect(page.body).toContain('Gitte Gæst (punkt 1)');
    expect(page.body).toContain('Anna Formand,');
  });

  it('approves the previous minutes through the next meeting’s "Referat" item, and locks them', async () => {
    await api(secretary, 'POST', `/api/v1/meetings/${second.id}/agenda-releases`, {
      lateReason: 'Testens møde ligger før fristen.',
    });
    const referat = second.items[0]!;
    const approve = {
      minutes: null,
      decision: 'Referatet blev godkendt.',
      expectedRevision: 0,
      approvesPreviousMinutes: true,
    };
    const referatUrl = `/api/v1/meetings/${second.id}/items/${referat.id}/minutes`;
    // Not before the meeting has begun.
    const early = await api(secretary, 'PUT', referatUrl, approve);
    expect(early.statusCode).toBe(400);
    expect((await meeting(second.id)).items[0]!.minutesRevision).toBe(0);
    await api(secretary, 'POST', `/api/v1/meetings/${second.id}/start`);
    const notReferat = await api(
      secretary,
      'PUT',
      `/api/v1/meetings/${second.id}/items/${second.items[2]!.id}/minutes`,
      {
        minutes: null,
        decision: 'Referatet blev godkendt.',
        expectedRevision: 0,
        approvesPreviousMinutes: true,
      },
    );
    expect(notReferat.statusCode).toBe(400);
    const approved = await api(
      secretary,
      'PUT',
      `/api/v1/meetings/${second.id}/items/${referat.id}/minutes`,
      {
        minutes: null,
        decision: 'Referatet blev godkendt.',
        expectedRevision: 0,
        approvesPreviousMinutes: true,
      },
    );
    expect(approved.statusCode).toBe(200);
    expect((await meeting(first.id)).status).toBe('minutes_approved');

    const budget = first.items[0]!;
    const locked = await api(
      secretary,
      'PUT',
      `/api/v1/meetings/${first.id}/items/${budget.id}/minutes`,
      {
        minutes: 'Rettet bagefter',
        decision: null,
        expectedRevision: 1,
      },
    );
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ error: { code: 'MINUTES_LOCKED' } });

    // Nothing else of the approved minutes changes either.
    const lateFollowUp = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/items/${budget.id}/follow-ups`,
      { ownerPersonId: memberPersonId, dueDate: '2023-12-01', text: 'For sent' },
    );
    expect(lateFollowUp.statusCode).toBe(409);
    const lateAttendance = await api(secretary, 'PUT', `/api/v1/meetings/${first.id}/attendance`, {
      data: [],
    });
    expect(lateAttendance.json()).toMatchObject({ error: { code: 'MEETING_LOCKED' } });

    const addendum = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${first.id}/items/${budget.id}/addenda`,
      {
        text: 'Rettelse: beløbet var 2 mio. kr.',
      },
    );
    expect(addendum.statusCode).toBe(201);
    const audit = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'minutesAddendum.create'`,
    );
    expect(audit[0]!.n).toBe(2);
    const page = await (await signIn(t.app, member)).get(`/moeder/${first.id}/referat`);
    expect(page.body).toContain('Rettelse: beløbet var 2 mio. kr.');
    expect(page.body).toContain(
      'Referatet blev godkendt på mødet Udvalgsmøde 2, 15. november 2023.',
    );
  });

  it('writes the minutes as a tagged PDF and as Word with the items as headings', async () => {
    const pdf = await api(member, 'GET', `/api/v1/meetings/${first.id}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('Referat Udvalgsm');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Punkt 1: Budget (15 min)');
    expect(text).toContain('Udvalget drøftede budgettet.');
    expect(text).toContain('Beslutning: Taget til efterretning.');
    expect(text).toContain('side 1 / 1');
    expect(qpdfCheck(pdf.rawPayload)).toContain('No syntax or stream encoding errors');

    const docx = await api(member, 'GET', `/api/v1/meetings/${first.id}/minutes.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>.*Punkt 1: Budget \(15 min\)/s);

    // Draft minutes of a meeting not yet released are not there for members.
    expect((await api(member, 'GET', `/api/v1/meetings/${second.id}/minutes.pdf`)).statusCode).toBe(
      404,
    );
  });

  it('lists open follow-ups of earlier meetings under the next meeting’s follow-up item', async () => {
    const page = await (await signIn(t.app, secretary)).get(`/moeder/${second.id}/referat`);
    expect(page.body).toContain('Opfølgning fra tidligere møder');
    expect(page.body).toContain('Send budgetnotatet til udvalget');
  });

  it('postpones an item to a later meeting and keeps its history and its bilag files', async () => {
    const item = second.items[2]!;
    const pdf = await makePdf(['Skoleudbygningens tidsplan']);
    const body = multipartBody({ title: 'Tidsplan' }, [{ fileName: 'Tidsplan.pdf', bytes: pdf }]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${second.id}/items/${item.id}/attachments`,
      headers: { ...bearer(secretary), ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const moved = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${second.id}/items/${item.id}/carry-over`,
      {
        targetMeetingId: third.id,
        mode: 'postpone',
      },
    );
    expect(moved.statusCode).toBe(201);
    const backwards = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${third.id}/items/${(moved.json() as { itemId: string }).itemId}/carry-over`,
      {
        targetMeetingId: first.id,
        mode: 'repeat',
      },
    );
    expect(backwards.statusCode).toBe(400);
    const copyId = (moved.json() as { itemId: string }).itemId;
    const history = (
      await api(member, 'GET', `/api/v1/meetings/${third.id}/items/${copyId}/history`)
    ).json() as {
      data: Array<{ meeting: { title: string }; isPostponed: boolean }>;
    };
    expect(history.data.map((row) => [row.meeting.title, row.isPostponed])).toEqual([
      ['Udvalgsmøde 2', true],
      ['Udvalgsmøde 3', false],
    ]);
    const copy = (await meeting(third.id)).items.find((candidate) => candidate.id === copyId);
    expect(copy).toMatchObject({ title: 'Skoleudbygning', carriedFromItemId: item.id });
    // The copy lists the bilag with its file, which downloads as the same bytes.
    const copied = (
      await api(secretary, 'GET', `/api/v1/meetings/${third.id}/items/${copyId}/attachments`)
    ).json() as { data: Array<{ title: string; fileName: string | null; url: string | null }> };
    const tidsplan = copied.data.find((row) => row.title === 'Tidsplan');
    expect(tidsplan).toMatchObject({ fileName: 'Tidsplan.pdf' });
    const download = await api(secretary, 'GET', tidsplan!.url!);
    expect(Buffer.compare(download.rawPayload, Buffer.from(pdf))).toBe(0);
  });

  it('keeps a closed item from a member who is inhabil in it', async () => {
    const closed = await api(secretary, 'POST', `/api/v1/meetings/${third.id}/items`, {
      title: 'Personalesag: Hemmelig Person',
      durationMinutes: 10,
      isPublic: false,
      closedReasonCode: 'personnel',
      publicTitle: 'Personalesag',
    });
    const id = (closed.json() as { id: string }).id;
    await api(secretary, 'PATCH', `/api/v1/meetings/${third.id}/items/${id}`, {
      disqualifiedPersonIds: [memberPersonId],
    });
    const seenByMember = (await meeting(third.id, member)).items.find((item) => item.id === id);
    expect(seenByMember?.title).toBe('Personalesag');
    const seenByChair = (await meeting(third.id, chair)).items.find((item) => item.id === id);
    expect(seenByChair?.title).toBe('Personalesag: Hemmelig Person');
  });

  it('keeps draft decisions and inhabil items out of histories, follow-ups and carried-over copies', async () => {
    const school = second.items[2]!;
    const saved = await api(
      secretary,
      'PUT',
      `/api/v1/meetings/${second.id}/items/${school.id}/minutes`,
      {
        minutes: null,
        decision: 'Udsat, hemmeligt udkast',
        expectedRevision: 0,
      },
    );
    expect(saved.statusCode).toBe(200);
    const copy = (await meeting(third.id)).items.find((item) => item.title === 'Skoleudbygning')!;
    const history = (
      await api(member, 'GET', `/api/v1/meetings/${third.id}/items/${copy.id}/history`)
    ).json() as {
      data: Array<{ decision: string | null }>;
    };
    expect(JSON.stringify(history)).not.toContain('hemmeligt udkast');

    const closed = (await meeting(third.id)).items.find((item) =>
      item.title.startsWith('Personalesag'),
    )!;
    const fourth = (
      await api(secretary, 'POST', '/api/v1/meetings', {
        organizationId,
        title: 'Udvalgsmøde 4',
        start: '2024-01-10T18:15:00+01:00',
        end: '2024-01-10T19:45:00+01:00',
      })
    ).json() as { id: string };
    const moved = await api(
      secretary,
      'POST',
      `/api/v1/meetings/${third.id}/items/${closed.id}/carry-over`,
      {
        targetMeetingId: fourth.id,
        mode: 'repeat',
      },
    );
    expect(moved.statusCode).toBe(201);
    const seen = (await meeting(fourth.id, member)).items.map((item) => item.title);
    expect(seen).toEqual(['Personalesag']);
    expect((await meeting(fourth.id, chair)).items.map((item) => item.title)).toEqual([
      'Personalesag: Hemmelig Person',
    ]);
  });

  it('tells a live viewer within a second when an item starts (Server-Sent Events)', async () => {
    await api(secretary, 'POST', `/api/v1/meetings/${third.id}/agenda-releases`, {
      lateReason: 'Testens møde ligger før fristen.',
    });
    await api(secretary, 'POST', `/api/v1/meetings/${third.id}/start`);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/moeder/${third.id}/live/events`, {
      headers: bearer(member),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const sawChange = (async () => {
      while (!received.includes('event: change')) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
      return received.includes('event: change');
    })();
    const startedAt = Date.now();
    await api(secretary, 'POST', `/api/v1/meetings/${third.id}/items/${third.items[0]!.id}/start`);
    expect(await sawChange).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(1000);
    controller.abort();
  });
  describe('mødeafvikling, approving phrase and the release warning', () => {
    let fourth: Meeting;
    let fifth: Meeting;
    const lateReason = 'Testens møde ligger før fristen.';

    beforeAll(async () => {
      fourth = await createMeeting('Udvalgsmøde 4', '2024-01-10', ['Budget', 'Evt.']);
      fifth = await createMeeting('Udvalgsmøde 5', '2024-01-24', ['Referat', 'Evt.']);
      for (const id of [fourth.id, fifth.id]) {
        await api(secretary, 'POST', `/api/v1/meetings/${id}/agenda-releases`, { lateReason });
        await api(secretary, 'POST', `/api/v1/meetings/${id}/start`);
      }
    });

    it('refuses to release minutes with empty items until the secretary confirms, listing them', async () => {
      await api(
        secretary,
        'PUT',
        `/api/v1/meetings/${fourth.id}/items/${fourth.items[0]!.id}/minutes`,
        { minutes: 'Drøftet.', decision: 'Taget til efterretning.', expectedRevision: 0 },
      );
      await api(secretary, 'POST', `/api/v1/meetings/${fourth.id}/end`);
      const refused = await api(secretary, 'POST', `/api/v1/meetings/${fourth.id}/minutes-release`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        error: {
          code: 'MINUTES_INCOMPLETE',
          details: [{ field: `items.${fourth.items[1]!.id}`, message: 'Punkt 2: Evt.' }],
        },
      });
      const session = await signIn(t.app, secretary);
      await session.get(`/moeder/${fourth.id}/referat`);
      const page = await session.post(`/moeder/${fourth.id}/udsend-referat`, {});
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('Punkt 2: Evt.');
      expect(page.body).toContain('name="confirmIncomplete"');
      expect((await meeting(fourth.id)).status).toBe('held');
      const confirmed = await session.post(`/moeder/${fourth.id}/udsend-referat`, {
        confirmIncomplete: '1',
      });
      expect(confirmed.statusCode).toBe(303);
      expect((await meeting(fourth.id)).status).toBe('minutes_released');
    });

    it('approves the previous minutes when the approving phrase is the "Referat" item’s decision', async () => {
      const set = await api(
        secretary,
        'PUT',
        `/api/v1/organizations/${organizationId}/minutes-phrases`,
        {
          phrases: ['Taget til efterretning.', 'Referatet blev godkendt.'],
          approvingPhrase: 'Referatet blev godkendt.',
        },
      );
      expect(set.json()).toMatchObject({ approvingPhrase: 'Referatet blev godkendt.' });
      const unlisted = await api(
        secretary,
        'PUT',
        `/api/v1/organizations/${organizationId}/minutes-phrases`,
        { phrases: ['Taget til efterretning.'], approvingPhrase: 'Referatet blev godkendt.' },
      );
      expect(unlisted.statusCode).toBe(400);

      const session = await signIn(t.app, secretary);
      const screen = await session.get(`/moeder/${fifth.id}/afvikling`);
      expect(screen.statusCode).toBe(200);
      expect(screen.body).toContain('som beslutning, godkendes forrige mødes referat');
      // The phrase button, as a browser without JavaScript sends it.
      const saved = await session.post(`/moeder/${fifth.id}/afvikling`, {
        itemId: fifth.items[0]!.id,
        minutes: '',
        decision: '',
        phrase: 'Referatet blev godkendt.',
        revision: '0',
      });
      expect(saved.statusCode).toBe(303);
      expect((await meeting(fifth.id)).items[0]!.decision).toBe('Referatet blev godkendt.');
      expect((await meeting(fourth.id)).status).toBe('minutes_approved');
      const audit = await query<{ n: number }>(
        sql`select count(*)::int as n from audit_events where action = 'meeting.approveMinutes' and entity_id = ${fourth.id}`,
      );
      expect(audit[0]!.n).toBe(1);
    });

    it('saves as you go with optimistic locking and moves to the next item, starting it', async () => {
      const session = await signIn(t.app, secretary);
      await session.get(`/moeder/${fifth.id}/afvikling`);
      const evt = fifth.items[1]!;
      const json = { accept: 'application/json' };
      const first = await session.post(
        `/moeder/${fifth.id}/afvikling`,
        { itemId: evt.id, minutes: 'Intet.', decision: '', revision: '0' },
        json,
      );
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ revision: 1 });
      // The same text again (a blur after the pause's save) writes nothing.
      const again = await session.post(
        `/moeder/${fifth.id}/afvikling`,
        { itemId: evt.id, minutes: 'Intet.', decision: '', revision: '1' },
        json,
      );
      expect(again.json()).toMatchObject({ revision: 1 });
      const stale = await session.post(
        `/moeder/${fifth.id}/afvikling`,
        { itemId: evt.id, minutes: 'En anden sekretærs tekst', decision: '', revision: '0' },
        json,
      );
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ error: { code: 'MINUTES_CONFLICT' } });
      const page = await session.post(`/moeder/${fifth.id}/afvikling`, {
        itemId: evt.id,
        minutes: 'En anden sekretærs tekst',
        decision: '',
        revision: '0',
      });
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('En anden sekretærs tekst');
      expect((await meeting(fifth.id)).items[1]!.minutes).toBe('Intet.');

      const referat = fifth.items[0]!;
      const revision = String((await meeting(fifth.id)).items[0]!.minutesRevision);
      const next = await session.post(`/moeder/${fifth.id}/afvikling`, {
        itemId: referat.id,
        minutes: 'Ingen bemærkninger.',
        decision: 'Referatet blev godkendt.',
        revision,
        next: '1',
      });
      expect(next.statusCode).toBe(303);
      expect(next.headers.location).toBe(`/moeder/${fifth.id}/afvikling?punkt=${evt.id}`);
      const after = await meeting(fifth.id);
      expect(after.items[0]!.minutes).toBe('Ingen bemærkninger.');
      expect(after.items[1]!.actualStart).toBeTruthy();
    });
  });
});

describe.skipIf(isEngineUnavailable())('mail on release, through SMTP', () => {
  it('mails the members the agenda and, later, the minutes', async () => {
    const smtp = await startSmtpServer();
    const t = await createTestApp({
      config: { mail: { smtpUrl: smtp.url, from: 'Dagsorden <dagsorden@kommune.dk>' } },
    });
    try {
      const organizationId = await inTransaction(t.database.db, async (tx) => {
        const ctx = { actor: system, tx };
        const body = await createBody({ ...ctx, input: { name: 'Mailkommune' } });
        const organization = await createOrganization({
          ...ctx,
          input: {
            bodyId: body.id,
            name: 'Mailudvalget',
            classification: 'udvalg',
          },
        });
        const person = await createPerson({
          ...ctx,
          input: { name: 'Åse Ørn', email: 'aase@test.dk' },
        });
        await addMembership({
          ...ctx,
          input: {
            personId: person.id,
            organizationId: organization.id,
            role: 'member',
          },
        });
        return organization.id;
      });
      const secretary = await createTestUser(t.database, 'secretary');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: bearer(secretary),
        payload: {
          organizationId,
          title: 'Møde om æbler',
          start: '2023-11-15T18:15:00+01:00',
          end: '2023-11-15T19:00:00+01:00',
        },
      });
      const id = (created.json() as { id: string }).id;
      const post = (url: string) =>
        t.app.inject({
          method: 'POST',
          url,
          headers: bearer(secretary),
          payload: { lateReason: 'Testens møde ligger før fristen.' },
        });
      await post(`/api/v1/meetings/${id}/agenda-releases`);
      await post(`/api/v1/meetings/${id}/start`);
      await post(`/api/v1/meetings/${id}/end`);
      await post(`/api/v1/meetings/${id}/minutes-release`);
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(2);
      const [agenda, minutes] = [...smtp.received].sort((a, b) =>
        (a.subject ?? '').localeCompare(b.subject ?? ''),
      );
      expect(agenda!.subject).toBe('Dagsorden: Møde om æbler 15. november 2023 kl. 18.15');
      expect(agenda!.to).toMatchObject({ text: 'aase@test.dk' });
      expect(agenda!.text).toContain(`http://localhost:3000/moeder/${id}`);
      expect(minutes!.subject).toContain('Referat: Møde om æbler');
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

describe.skipIf(isEngineUnavailable())('the seed’s minutes in the demo data', () => {
  let t: TestApp;
  let secretary: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
  });
  afterAll(() => t?.close());

  it('has both rådmandsmøder minuted, the first approved under the second’s "Referat"', async () => {
    const list = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string; start: string; status: string }> };
    const councils = list.data.filter((meeting) => meeting.title === 'Rådmandsmøde');
    expect(councils.map((meeting) => [meeting.start.slice(0, 10), meeting.status])).toEqual([
      ['2023-11-06', 'minutes_approved'],
      ['2023-11-13', 'minutes_released'],
    ]);
    const detail = async (id: string) =>
      (
        await t.app.inject({ url: `/api/v1/meetings/${id}`, headers: bearer(secretary) })
      ).json() as Meeting;
    const earlier = await detail(councils[0]!.id);
    expect(earlier.items.map((item) => [item.number, item.decision ?? item.minutes])).toEqual([
      ['1', 'Dagsordnen blev godkendt uden bemærkninger.'],
      ['2', 'Referatet blev godkendt.'],
      ['3', null],
      ['4', expect.stringContaining('klimahandlinsplanen')],
      ['5', 'Det kommende udvalgsmøde blev drøftet kort, intet til referat.'],
      ['6', expect.stringContaining('gensidig orientering')],
    ]);
    const later = await detail(councils[1]!.id);
    expect(later.items[2]!.minutes).toMatch(/^Der er ca\. tre uger til vinteren/);
    expect(later.items[3]!.minutes?.split('\n\n')).toHaveLength(4);
    // Releasing the minutes marks the papers treated there as "behandlet".
    for (const item of later.items.filter((candidate) => candidate.paperId !== null)) {
      const paper = (
        await t.app.inject({ url: `/api/v1/papers/${item.paperId}`, headers: bearer(secretary) })
      ).json() as { status: string };
      expect(paper.status, item.title).toBe('treated');
    }
    const committee = list.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!;
    expect(committee.status).toBe('agenda_released');

    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${councils[1]!.id}/referat`);
    expect(page.body).toContain(
      'Punkt 3: Orientering om vinterhjælp til økonomisk trængte (15 min)',
    );
    expect(page.body).toContain('Punkt 2: Referat');
  });
});
