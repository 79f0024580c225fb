import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { engineUnderTest, isEngineUnavailable, openTestDatabase } from '../../../test/database';
import { runCliInProcess } from '../../../test/processes';
import { auditEvents } from '../../platform/audit/db-schema';
import type { Actor } from '../../platform/auth/policy';
import { inTransaction } from '../../platform/db/transaction';
import { da } from '../../platform/i18n/da';
import { mailOutbox } from '../../platform/mail/index';
import { sessions } from '../accounts/db-schema';
import { agendaItems, followUps, meetings } from '../meetings/db-schema';
import { meetingAttendance, minutesSignOffs } from '../minutes/db-schema';
import { addMembership, createPerson } from '../organizations/index';
import { persons } from '../organizations/db-schema';
import { papers } from '../papers/db-schema';
import { retentionSettings } from './db-schema';
import { startRetentionTimer } from './retention-timer';
import { runRetention } from './service';

const system: Actor = { kind: 'system', label: 'test' };

type Settings = {
  draftPaperMonths: number | null;
  departedPersonMonths: number | null;
  sessionAndMailDays: number | null;
  auditEventYears: number | null;
  lastRunAt: string | null;
};
type ErrorBody = { error: { code: string; details: Array<{ field: string; message: string }> } };
type Export = {
  beskrivelse: Record<string, string>;
  person: { id: string; name: string };
  memberships: Array<{ organizationName: string; role: string }>;
  userAccounts: Array<{ email: string; hasPassword: boolean }>;
  sessionCount: number;
  attendance: Array<{ meetingId: string; status: string }>;
  minutesSignOffs: Array<{ meetingId: string }>;
  papersAsCaseOfficer: Array<{ id: string }>;
  auditEvents: Array<{ action: string }>;
};

describe.skipIf(isEngineUnavailable())('personal data: retention and export', () => {
  let t: TestApp;
  let admin: TestUser;
  let secretary: TestUser;
  let evaId: string;
  let meetingId: string;
  let organizationId: string;

  const db = () => t.database.db;
  const api = (user: TestUser, method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(user), payload });

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    const [eva] = await db()
      .select()
      .from(persons)
      .where(eq(persons.name, 'Eva Borchorst Mejnertz'));
    evaId = eva!.id;
    const [meeting] = await db().select().from(meetings).limit(1);
    meetingId = meeting!.id;
    organizationId = meeting!.organizationId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the conservative defaults until an administrator changes them', async () => {
    const response = await api(admin, 'GET', '/api/v1/privacy/retention');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      draftPaperMonths: null,
      departedPersonMonths: null,
      sessionAndMailDays: 90,
      auditEventYears: 10,
      lastRunAt: null,
    });
  });

  it('saves the settings through the API, audited, and refuses invalid ones in Danish', async () => {
    const invalid = await api(admin, 'PUT', '/api/v1/privacy/retention', {
      draftPaperMonths: 0,
      departedPersonMonths: 'tolv',
      sessionAndMailDays: 1.5,
      auditEventYears: 101,
    });
    expect(invalid.statusCode).toBe(400);
    const details = (invalid.json() as ErrorBody).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'draftPaperMonths', message: da.privacy.range(1, 120) },
        { field: 'departedPersonMonths', message: da.privacy.range(1, 240) },
        { field: 'sessionAndMailDays', message: da.privacy.range(1, 3650) },
        { field: 'auditEventYears', message: da.privacy.range(1, 100) },
      ]),
    );
    expect(da.privacy.range(1, 120)).toBe('Skal være et helt tal mellem 1 og 120, eller tomt.');
    const missing = await api(admin, 'PUT', '/api/v1/privacy/retention', { draftPaperMonths: 3 });
    expect(missing.statusCode).toBe(400);

    const wanted = {
      draftPaperMonths: 12,
      departedPersonMonths: 24,
      sessionAndMailDays: 30,
      auditEventYears: 10,
    };
    const saved = await api(admin, 'PUT', '/api/v1/privacy/retention', wanted);
    expect(saved.statusCode).toBe(200);
    expect((await api(admin, 'GET', '/api/v1/privacy/retention')).json()).toMatchObject(wanted);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'retention.updateSettings'));
    expect(audit).toMatchObject({ actorLabel: admin.email, after: wanted });
  });

  it('edits the settings on the page without JavaScript, with errors beside the field', async () => {
    const session = await signIn(t.app, admin);
    const page = await session.get('/admin/persondata');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label class="form-label" for="draftPaperMonths">');
    expect(page.body).toContain('value="12"');

    const invalid = await session.post('/admin/persondata', {
      draftPaperMonths: 'mange',
      departedPersonMonths: '24',
      sessionAndMailDays: '30',
      auditEventYears: '10',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('id="draftPaperMonths-error"');
    expect(invalid.body).toContain(da.privacy.range(1, 120));
    expect(invalid.body).toContain('aria-invalid="true"');
    expect(invalid.body).toContain('value="mange"');

    const saved = await session.post('/admin/persondata', {
      draftPaperMonths: '6',
      departedPersonMonths: '',
      sessionAndMailDays: '30',
      auditEventYears: '10',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/persondata?gemt=1');
    const settings = (await api(admin, 'GET', '/api/v1/privacy/retention')).json() as Settings;
    expect(settings.draftPaperMonths).toBe(6);
    expect(settings.departedPersonMonths).toBeNull();
  });

  it('answers 404 to everyone but administrators, before looking at the body', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/privacy/retention', undefined],
      ['PUT', '/api/v1/privacy/retention', { draftPaperMonths: 'x' }],
      ['GET', `/api/v1/persons/${evaId}/personal-data`, undefined],
      ['GET', '/api/v1/persons/not-a-uuid/personal-data', undefined],
    ] as const) {
      const response = await api(secretary, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const session = await signIn(t.app, secretary);
    expect((await session.get('/admin/persondata')).statusCode).toBe(404);
    expect((await session.get(`/admin/persondata/personer/${evaId}`)).statusCode).toBe(404);
    expect(
      (await session.get(`/admin/persondata/personer/${evaId}/persondata.json`)).statusCode,
    ).toBe(404);
    expect((await session.get('/moeder')).body).not.toContain('href="/admin/persondata"');
  });

  it('exports everything about a demo person, audited, without password or token hashes', async () => {
    const eva = await createTestUser(t.database, 'participant', {
      email: 'eva@aarhus.dk',
      personId: evaId,
    });
    await signIn(t.app, eva);
    // The demo's held rådmandsmøder keep their attendance as rows (Eva's among them).
    await db()
      .insert(meetingAttendance)
      .values({ meetingId, personId: evaId, status: 'attending' })
      .onConflictDoNothing();
    await db().insert(minutesSignOffs).values({ meetingId, personId: evaId });
    const attendedMeetings = await db().$count(
      meetingAttendance,
      eq(meetingAttendance.personId, evaId),
    );

    const response = await api(admin, 'GET', `/api/v1/persons/${evaId}/personal-data`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json() as Export;
    expect(data.person).toMatchObject({ id: evaId, name: 'Eva Borchorst Mejnertz' });
    expect(data.memberships.map((m) => m.role)).toEqual(['member', 'member']);
    expect(data.memberships).toHaveLength(2);
    expect(data.attendance).toHaveLength(attendedMeetings);
    expect(data.attendance).toContainEqual(
      expect.objectContaining({ meetingId, status: 'attending' }),
    );
    expect(data.minutesSignOffs).toEqual([expect.objectContaining({ meetingId })]);
    // Eva has the demo's participant login as well.
    expect(data.userAccounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'eva@aarhus.dk', hasPassword: true }),
        expect.objectContaining({ email: 'deltager@dagsorden.local' }),
      ]),
    );
    expect(data.sessionCount).toBeGreaterThanOrEqual(1);
    expect(data.auditEvents.map((event) => event.action)).toContain('user.create');
    expect(data.beskrivelse.attendance).toBe(da.privacy.description.attendance);
    expect(response.body).not.toMatch(/passwordHash|tokenHash|\$argon2/);

    const [exported] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'person.exportPersonalData'));
    expect(exported).toMatchObject({
      actorLabel: admin.email,
      entityType: 'person',
      entityId: evaId,
    });

    const session = await signIn(t.app, admin);
    const page = await session.get(`/admin/persondata/personer/${evaId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(da.privacy.download);
    const download = await session.get(`/admin/persondata/personer/${evaId}/persondata.json`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((JSON.parse(download.body) as Export).attendance).toHaveLength(attendedMeetings);
    expect(
      (await api(admin, 'GET', `/api/v1/persons/${crypto.randomUUID()}/personal-data`)).statusCode,
    ).toBe(404);
  });

  it('deletes old drafts, anonymises people who left and removes old logs; a dry run changes nothing', async () => {
    const saved = await api(admin, 'PUT', '/api/v1/privacy/retention', {
      draftPaperMonths: 12,
      departedPersonMonths: 24,
      sessionAndMailDays: 30,
      auditEventYears: 10,
    });
    expect(saved.statusCode).toBe(200);

    const paper = async (title: string) => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/papers',
        headers: bearer(admin),
        payload: { organizationId, title, paperDate: '2020-01-01' },
      });
      expect(created.statusCode).toBe(201);
      return created.json() as { id: string };
    };
    const oldDraft = await paper('Gammel kladde');
    const recentDraft = await paper('Ny kladde');
    const oldSubmitted = await paper('Gammel indsendt sag');
    const age = async (id: string) => {
      await db().execute(
        sql`UPDATE papers SET updated_at = now() - interval '3 years' WHERE id = ${id}`,
      );
      await db().execute(
        sql`UPDATE paper_versions SET created_at = now() - interval '3 years' WHERE paper_id = ${id}`,
      );
    };
    await age(oldDraft.id);
    await age(oldSubmitted.id);
    await db().update(papers).set({ status: 'submitted' }).where(eq(papers.id, oldSubmitted.id));

    const departed = await inTransaction(db(), async (tx) => {
      const person = await createPerson({
        actor: system,
        tx,
        input: {
          name: 'Gitte Gammelmedlem',
          email: 'gitte@example.dk',
          phone: '12345678',
          unit: 'Jobcenter',
          party: 'Venstre',
        },
      });
      await addMembership({
        actor: system,
        tx,
        input: {
          personId: person.id,
          organizationId,
          role: 'member',
          startDate: '2018-01-01',
          endDate: '2021-12-31',
        },
      });
      return person;
    });
    await db()
      .update(persons)
      .set({ updatedAt: sql`now() - interval '3 years'` })
      .where(eq(persons.id, departed.id));
    await db()
      .insert(meetingAttendance)
      .values({ meetingId, personId: departed.id, status: 'sent_regrets' });
    const itemsBefore = await db().$count(agendaItems, eq(agendaItems.meetingId, meetingId));
    // Just as old and without membership, but still owes an open follow-up: not departed.
    const stillAtWork = await inTransaction(db(), (tx) =>
      createPerson({ actor: system, tx, input: { name: 'Ole Opfølger', email: 'ole@example.dk' } }),
    );
    await db()
      .update(persons)
      .set({ updatedAt: sql`now() - interval '3 years'` })
      .where(eq(persons.id, stillAtWork.id));
    const [anyItem] = await db()
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))
      .limit(1);
    await db().insert(followUps).values({
      agendaItemId: anyItem!.id,
      ownerPersonId: stillAtWork.id,
      dueDate: '2030-01-01',
      text: 'Følg op på klagen',
    });

    await db()
      .insert(sessions)
      .values([
        { id: 'old-session', data: {}, expiresAt: sql`now() - interval '40 days'` },
        { id: 'live-session', data: {}, expiresAt: sql`now() + interval '1 hour'` },
      ]);
    await db()
      .insert(mailOutbox)
      .values([
        {
          recipients: ['a@example.dk'],
          subject: 'gammel',
          body: 'x',
          sentAt: sql`now() - interval '40 days'`,
        },
        {
          recipients: ['b@example.dk'],
          subject: 'ny',
          body: 'x',
          sentAt: sql`now() - interval '2 days'`,
        },
        {
          recipients: ['c@example.dk'],
          subject: 'ikke sendt',
          body: 'x',
          createdAt: sql`now() - interval '40 days'`,
        },
      ]);
    await db()
      .insert(auditEvents)
      .values([
        {
          actorLabel: 'gammel',
          action: 'old',
          entityType: 'x',
          entityId: '1',
          at: sql`now() - interval '11 years'`,
        },
        {
          actorLabel: 'nyere',
          action: 'kept',
          entityType: 'x',
          entityId: '2',
          at: sql`now() - interval '9 years'`,
        },
      ]);

    const dryRun = await runRetention({ actor: system, db: db(), dryRun: true });
    expect(dryRun).toEqual({
      ran: true,
      dryRun: true,
      counts: {
        draftPapers: 1,
        departedPersons: 1,
        sessions: 1,
        loginThrottles: 0,
        sentMails: 1,
        auditEvents: 1,
      },
    });
    expect(await db().$count(papers, eq(papers.id, oldDraft.id))).toBe(1);
    const [untouched] = await db().select().from(persons).where(eq(persons.id, departed.id));
    expect(untouched!.name).toBe('Gitte Gammelmedlem');
    expect(await db().$count(sessions, eq(sessions.id, 'old-session'))).toBe(1);

    const run = await runRetention({ actor: system, db: db() });
    expect(run).toEqual({ ...dryRun, dryRun: false });
    expect(await db().$count(papers, eq(papers.id, oldDraft.id))).toBe(0);
    expect(await db().$count(papers, eq(papers.id, recentDraft.id))).toBe(1);
    expect(await db().$count(papers, eq(papers.id, oldSubmitted.id))).toBe(1);
    const [anonymised] = await db().select().from(persons).where(eq(persons.id, departed.id));
    expect(anonymised).toMatchObject({
      name: 'Tidligere medlem',
      email: null,
      phone: null,
      unit: null,
      party: null,
    });
    const [kept] = await db().select().from(persons).where(eq(persons.id, stillAtWork.id));
    expect(kept).toMatchObject({ name: 'Ole Opfølger', email: 'ole@example.dk' });
    // The history that names them stays: attendance, the meeting and its items.
    expect(await db().$count(meetingAttendance, eq(meetingAttendance.personId, departed.id))).toBe(
      1,
    );
    expect(await db().$count(agendaItems, eq(agendaItems.meetingId, meetingId))).toBe(itemsBefore);
    expect(await db().$count(sessions, eq(sessions.id, 'live-session'))).toBe(1);
    expect(await db().$count(sessions, eq(sessions.id, 'old-session'))).toBe(0);
    expect(
      (await db().select({ subject: mailOutbox.subject }).from(mailOutbox))
        .map((m) => m.subject)
        // The demo's own mails to the committee's members are not this test's.
        .filter((subject) => !subject.startsWith('Dagsorden: '))
        .sort(),
    ).toEqual(['ikke sendt', 'ny']);
    expect(await db().$count(auditEvents, eq(auditEvents.action, 'old'))).toBe(0);
    expect(await db().$count(auditEvents, eq(auditEvents.action, 'kept'))).toBe(1);
    const applied = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'retention.apply'));
    expect(applied.map((event) => [event.entityId, event.after])).toEqual(
      expect.arrayContaining([
        ['draftPapers', { count: 1, period: 12 }],
        ['departedPersons', { count: 1, period: 24 }],
      ]),
    );

    // Idempotent: a second run finds nothing more.
    const again = await runRetention({ actor: system, db: db() });
    expect(again.ran && Object.values(again.counts)).toEqual([0, 0, 0, 0, 0, 0]);
    // The daily timer's run is not due again so soon, and a held lease blocks a second run.
    expect(await runRetention({ actor: system, db: db(), onlyIfDue: true })).toEqual({
      ran: false,
    });
    await db()
      .update(retentionSettings)
      .set({ runStartedAt: sql`now()` });
    expect(await runRetention({ actor: system, db: db() })).toEqual({ ran: false });
    await db().update(retentionSettings).set({ runStartedAt: null });
    const settings = (await api(admin, 'GET', '/api/v1/privacy/retention')).json() as Settings;
    expect(settings.lastRunAt).not.toBeNull();
  });

  it('runs once when two runs start together, and the daily timer runs when a day has passed', async () => {
    const [first, second] = await Promise.all([
      runRetention({ actor: system, db: db() }),
      runRetention({ actor: system, db: db() }),
    ]);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);

    await db()
      .update(retentionSettings)
      .set({ lastRunAt: sql`now() - interval '2 days'` });
    await db()
      .insert(sessions)
      .values({ id: 'timer-session', data: {}, expiresAt: sql`now() - interval '40 days'` });
    const logged: unknown[] = [];
    const timer = startRetentionTimer(
      db(),
      {
        info: (entry: unknown) => logged.push(entry),
        error: (entry: unknown) => logged.push(entry),
      },
      { firstAfterMs: 1, everyMs: 60_000 },
    );
    try {
      await expect
        .poll(() => db().$count(sessions, eq(sessions.id, 'timer-session')), { timeout: 10_000 })
        .toBe(0);
    } finally {
      await timer.stop();
    }
    const [row] = await db().select().from(retentionSettings);
    expect(row!.lastRunAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(row!.runStartedAt).toBeNull();
    const [timerEvent] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'retention.apply'), eq(auditEvents.actorLabel, 'retention')),
      );
    expect(timerEvent).toMatchObject({ entityId: 'sessions', after: { count: 1, period: 30 } });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const response = await api(admin, 'GET', '/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = (response.json() as { paths: Record<string, Record<string, unknown>> }).paths;
    expect(Object.keys(paths['/api/v1/privacy/retention']!).sort()).toEqual(['get', 'put']);
    expect(paths['/api/v1/persons/{id}/personal-data']).toHaveProperty('get');
  });

  it('prints the counts of a dry run from the command line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dagsorden-retention-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, DEMO: '0' };
    const postgres = engineUnderTest() === 'postgresql' ? await openTestDatabase() : undefined;
    try {
      if (postgres) {
        await postgres.database.close();
        env.DATABASE_URL = postgres.url!;
      }
      const dry = await runCliInProcess(['retention', '--dry-run'], env);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(da.privacy.cli.dryRun);
      expect(dry.stdout).toContain(`${da.privacy.cli.labels.draftPapers}: ${da.privacy.cli.off}`);
      expect(dry.stdout).toContain(`${da.privacy.cli.labels.sessions}: 0`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      if (postgres) await postgres.drop().catch(() => undefined);
    }
  });

  it('lists people to export on the page, linked from the navigation', async () => {
    const session = await signIn(t.app, admin);
    const page = await session.get('/admin/persondata');
    expect(page.body).toContain('href="/admin/persondata"');
    expect(page.body).toContain(`href="/admin/persondata/personer/${evaId}"`);
    const found = await session.get('/admin/persondata?q=mejnertz');
    expect(found.body).toContain(`href="/admin/persondata/personer/${evaId}"`);
    expect(found.body).not.toContain('Lotte Henriksen');
    const none = await session.get('/admin/persondata?q=%25_ingen');
    expect(none.body).toContain(da.privacy.noPersons);
  });
});
