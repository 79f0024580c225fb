import { sql } from 'drizzle-orm';
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
import type { Actor } from '../../platform/auth/policy';
import { inTransaction } from '../../platform/db/transaction';
import {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
} from '../organizations/index';

const system: Actor = { kind: 'system', label: 'test' };
const lateReason = 'Testens møde ligger før fristen.';

type Preview = {
  version: number | null;
  recipients: Array<{ name: string; email: string }>;
  subject: string;
  body: string;
};

describe.skipIf(isEngineUnavailable())('previewing a release mail', () => {
  let t: TestApp;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let meetingId: string;

  const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(user), payload });
  const rows = async <T>(statement: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const outbox = () =>
    rows<{ recipients: string[]; subject: string; body: string }>(
      sql`select recipients, subject, body from mail_outbox order by id`,
    );
  const releaseCount = async () =>
    (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from agenda_releases where meeting_id = ${meetingId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      const organization = await createOrganization({
        ...ctx,
        input: { bodyId: body.id, name: 'Testudvalget', classification: 'udvalg' },
      });
      for (const [name, email] of [
        ['Anna Formand', 'anna@test.dk'],
        ['Bo Medlem', 'bo@test.dk'],
      ] as const) {
        const person = await createPerson({ ...ctx, input: { name, email } });
        await addMembership({
          ...ctx,
          input: { personId: person.id, organizationId: organization.id, role: 'member' },
        });
      }
      return organization.id;
    });
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const created = await call(secretary, 'POST', '/api/v1/meetings', {
      organizationId,
      title: 'Udvalgsmøde',
      start: '2023-11-01T18:15:00+01:00',
      end: '2023-11-01T19:45:00+01:00',
    });
    meetingId = (created.json() as { id: string }).id;
  });
  afterAll(() => t?.close());

  it('shows the mail the release then sends, word for word, and sends nothing itself', async () => {
    const first = await call(
      secretary,
      'GET',
      `/api/v1/meetings/${meetingId}/agenda-releases/preview`,
    );
    expect(first.statusCode).toBe(200);
    const preview = first.json() as Preview;
    expect(preview.version).toBe(1);
    expect(preview.recipients.map((recipient) => recipient.name).sort()).toEqual([
      'Anna Formand',
      'Bo Medlem',
    ]);

    const browser = await signIn(t.app, secretary);
    const page = await browser.get(`/moeder/${meetingId}/udsend/forhaandsvisning`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Anna Formand');
    expect(page.body).not.toContain('anna@test.dk');
    expect(page.body).toContain(preview.subject);
    expect(await outbox()).toEqual([]);
    expect(await releaseCount()).toBe(0);

    const released = await call(
      secretary,
      'POST',
      `/api/v1/meetings/${meetingId}/agenda-releases`,
      {
        lateReason,
      },
    );
    expect(released.statusCode).toBe(201);
    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      recipients: preview.recipients.map((recipient) => recipient.email),
      subject: preview.subject,
      body: preview.body,
    });
  });

  it('previews a changed agenda with its change note, as the second release sends it', async () => {
    const changeNote = 'Punkt 3 er tilføjet.';
    const preview = (
      await call(
        secretary,
        'GET',
        `/api/v1/meetings/${meetingId}/agenda-releases/preview?changeNote=${encodeURIComponent(changeNote)}`,
      )
    ).json() as Preview;
    expect(preview.version).toBe(2);
    expect(preview.body).toContain(changeNote);
    expect(await outbox()).toHaveLength(1);
    await call(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      changeNote,
      lateReason,
    });
    const sent = (await outbox()).at(-1)!;
    expect({ subject: sent.subject, body: sent.body }).toEqual({
      subject: preview.subject,
      body: preview.body,
    });
  });

  it('shows the public page as citizens will see it, closed items by neutral title, without publishing', async () => {
    for (const payload of [
      { title: 'Budgetopfølgning', durationMinutes: 10 },
      {
        title: 'Personsag: Hemmelig Hansen',
        publicTitle: 'Personsag',
        isPublic: false,
        closedReasonCode: 'personnel',
        durationMinutes: 10,
      },
    ]) {
      await call(secretary, 'POST', `/api/v1/meetings/${meetingId}/items`, payload);
    }
    await call(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      changeNote: 'To punkter er tilføjet.',
      lateReason,
    });
    const browser = await signIn(t.app, secretary);
    const page = await browser.get(`/moeder/${meetingId}/offentliggoerelse/forhaandsvisning`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Budgetopfølgning');
    expect(page.body).toContain('Personsag');
    expect(page.body).not.toContain('Hemmelig');
    const published = await rows<{ n: number }>(
      sql`select count(*)::int as n from meeting_publications where meeting_id = ${meetingId}`,
    );
    expect(published[0]!.n).toBe(0);
    expect((await t.app.inject({ url: `/offentlig/moeder/${meetingId}` })).statusCode).toBe(404);
  });

  it('is for the secretariat only', async () => {
    const response = await call(
      caseOfficer,
      'GET',
      `/api/v1/meetings/${meetingId}/agenda-releases/preview`,
    );
    expect(response.statusCode).toBe(403);
  });
});
