import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { pdfText } from '../../../test/pdf-tools';
import type { Actor } from '../../platform/auth/policy';
import { inTransaction } from '../../platform/db/transaction';
import {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
} from '../organizations/index';

type Ref = { personId: string; name: string } | null;
type Entry = {
  personId: string;
  name: string;
  isMember: boolean;
  status: string;
  reason: string | null;
  substituteFor: Ref;
  substitute: Ref;
};
type ApiError = { error: { code: string; message: string } };

const system: Actor = { kind: 'system', label: 'test' };

/**
 * Afbud and stedfortræder (issue 18): a member sends afbud, the secretariat calls in a
 * stedfortræder, who then reads the meeting and its closed items and signs off the minutes; the
 * absent member still reads the meeting; the minutes say who stood in for whom.
 */
describe.skipIf(isEngineUnavailable())('afbud and stedfortræder', () => {
  let t: TestApp;
  let secretary: TestUser;
  let chair: TestUser;
  let member: TestUser;
  let substitute: TestUser;
  let outsider: TestUser;
  let ids: {
    organizationId: string;
    chair: string;
    member: string;
    substitute: string;
    suppleant: string;
    stedfortraeder: string;
  };
  let meetingId: string;
  let closedItemId: string;

  const api = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: bearer(user), payload });
  const attendance = async () =>
    (
      (await api(secretary, 'GET', `/api/v1/meetings/${meetingId}/attendance`)).json() as {
        data: Entry[];
      }
    ).data;
  const entryOf = async (personId: string) =>
    (await attendance()).find((entry) => entry.personId === personId);
  const query = async <T>(statement: SQL) =>
    ((await t.database.db.execute(statement)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    t = await createTestApp();
    ids = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      const organization = await createOrganization({
        ...ctx,
        input: { bodyId: body.id, name: 'Afbudsudvalget', classification: 'udvalg' },
      });
      const person = (name: string) => createPerson({ ...ctx, input: { name } });
      const [chairPerson, memberPerson, substitutePerson, suppleantPerson] = [
        await person('Anna Formand'),
        await person('Bo Medlem'),
        await person('Sara Stedfortræder'),
        await person('Åge Suppleant'),
      ];
      for (const one of [chairPerson, memberPerson]) {
        await addMembership({
          ...ctx,
          input: { personId: one.id, organizationId: organization.id, role: 'member' },
        });
      }
      // The organization's own stedfortræder (suppleant), offered first when calling one in.
      const ownSubstitute = await person('Åse Suppleant');
      await addMembership({
        ...ctx,
        input: { personId: ownSubstitute.id, organizationId: organization.id, role: 'substitute' },
      });
      // A participant of another committee: no stedfortræder here, and not let in.
      const other = await createOrganization({
        ...ctx,
        input: { bodyId: body.id, name: 'Andet udvalg', classification: 'udvalg' },
      });
      await addMembership({
        ...ctx,
        input: { personId: suppleantPerson.id, organizationId: other.id, role: 'member' },
      });
      return {
        organizationId: organization.id,
        chair: chairPerson.id,
        member: memberPerson.id,
        substitute: substitutePerson.id,
        suppleant: suppleantPerson.id,
        stedfortraeder: ownSubstitute.id,
      };
    });
    secretary = await createTestUser(t.database, 'secretary');
    chair = await createTestUser(t.database, 'participant', { personId: ids.chair });
    member = await createTestUser(t.database, 'participant', { personId: ids.member });
    substitute = await createTestUser(t.database, 'participant', { personId: ids.substitute });
    outsider = await createTestUser(t.database, 'participant', { personId: ids.suppleant });
    const created = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId: ids.organizationId,
      title: 'Afbudsmøde',
      start: '2024-05-06T16:00:00+02:00',
      end: '2024-05-06T18:00:00+02:00',
    });
    meetingId = (created.json() as { id: string }).id;
    await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Budget',
      durationMinutes: 30,
    });
    const closed = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Personsag: Hemmelig Person',
      durationMinutes: 10,
      isPublic: false,
      publicTitle: 'Personsag',
      closedReasonCode: 'personnel',
    });
    expect(closed.statusCode).toBe(201);
    closedItemId = (closed.json() as { id: string }).id;
    const released = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      lateReason: 'Mødet er indkaldt med kort varsel.',
    });
    expect(released.statusCode).toBe(201);
  });
  afterAll(() => t?.close());

  it('lets a member send afbud with a reason, and no one else', async () => {
    const sent = await api(member, 'POST', `/api/v1/meetings/${meetingId}/regrets`, {
      reason: 'Sygdom',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent_regrets', reason: 'Sygdom' });
    expect(await entryOf(ids.member)).toMatchObject({ status: 'sent_regrets', reason: 'Sygdom' });
    const notMember = await api(substitute, 'POST', `/api/v1/meetings/${meetingId}/regrets`, {});
    expect(notMember.statusCode).toBe(404);
    const [audit] = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'meeting.sendRegrets'`,
    );
    expect(audit!.n).toBe(1);
  });

  it('refuses a stedfortræder for someone without afbud, a participant, or a second one, changing nothing', async () => {
    const url = `/api/v1/meetings/${meetingId}/substitutes`;
    const before = await attendance();
    const noRegrets = await api(secretary, 'POST', url, {
      forPersonId: ids.chair,
      personId: ids.substitute,
    });
    expect(noRegrets.statusCode).toBe(400);
    expect(JSON.stringify(noRegrets.json())).toContain('meldt afbud');
    const participant = await api(secretary, 'POST', url, {
      forPersonId: ids.member,
      personId: ids.chair,
    });
    expect(participant.statusCode).toBe(409);
    expect((participant.json() as ApiError).error.message).toContain('deltager allerede');
    const byMember = await api(member, 'POST', url, {
      forPersonId: ids.member,
      personId: ids.substitute,
    });
    expect(byMember.statusCode).toBe(403);
    expect(await attendance()).toEqual(before);
  });

  it('calls in a stedfortræder, who then sees the meeting and its closed items', async () => {
    expect((await api(substitute, 'GET', `/api/v1/meetings/${meetingId}`)).statusCode).toBe(404);
    const called = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/substitutes`, {
      forPersonId: ids.member,
      personId: ids.substitute,
    });
    expect(called.statusCode).toBe(200);
    expect(await entryOf(ids.member)).toMatchObject({
      status: 'sent_regrets',
      substitute: { personId: ids.substitute, name: 'Sara Stedfortræder' },
    });
    expect(await entryOf(ids.substitute)).toMatchObject({
      status: 'attending',
      substituteFor: { personId: ids.member, name: 'Bo Medlem' },
    });
    const second = await api(secretary, 'PUT', `/api/v1/meetings/${meetingId}/attendance`, {
      data: [
        { personId: ids.member, status: 'sent_regrets' },
        { personId: ids.substitute, status: 'attending', substituteForPersonId: ids.member },
        { personId: ids.suppleant, status: 'attending', substituteForPersonId: ids.member },
      ],
    });
    expect(second.statusCode).toBe(400);

    const seen = await api(substitute, 'GET', `/api/v1/meetings/${meetingId}`);
    expect(seen.statusCode).toBe(200);
    const items = (seen.json() as { items: Array<{ id: string; title: string }> }).items;
    expect(items.find((item) => item.id === closedItemId)?.title).toBe(
      'Personsag: Hemmelig Person',
    );
    const list = (await api(substitute, 'GET', '/api/v1/meetings')).json() as {
      data: Array<{ id: string }>;
    };
    expect(list.data.map((row) => row.id)).toEqual([meetingId]);
    expect(
      (await api(substitute, 'GET', `/api/v1/meetings/${meetingId}/packages`)).statusCode,
    ).toBe(200);
    // The member with afbud remains a member and still reads the meeting.
    expect((await api(member, 'GET', `/api/v1/meetings/${meetingId}`)).statusCode).toBe(200);
    // Another participant of another committee does not.
    expect((await api(outsider, 'GET', `/api/v1/meetings/${meetingId}`)).statusCode).toBe(404);

    const withdrawn = await api(member, 'DELETE', `/api/v1/meetings/${meetingId}/regrets`);
    expect(withdrawn.statusCode).toBe(409);
    expect((withdrawn.json() as ApiError).error.message).toContain('Sara Stedfortræder');
  });

  it('shows afbud, reason and stedfortræder on the attendance page, keeping them on save', async () => {
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${meetingId}/fremmoede`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Sygdom"');
    // The organization's stedfortræder is the first choice offered.
    const firstChoice =
      /name="substitute"[^>]*>\s*<option value(?:="")?[^>]*>Ingen<\/option>\s*<option value="([^"]+)"[^>]*>([^<]+)</.exec(
        page.body,
      );
    expect(firstChoice?.slice(1)).toEqual([ids.stedfortraeder, 'Åse Suppleant (stedfortræder)']);
    // The members, who take part already, are not offered.
    const choices = page.body.slice(page.body.indexOf('name="substitute"')).split('</select>')[0];
    expect(choices).not.toContain(ids.chair);
    expect(choices).toContain(ids.suppleant);
    expect(page.body).toMatch(
      new RegExp(`<option value="${ids.substitute}" selected[^>]*>Sara Stedfortræder</option>`),
    );
    const form = {
      personId: [ids.chair, ids.member, ''],
      status: ['attending', 'sent_regrets', 'guest'],
      guestItems: ['', '', ''],
      reason: ['', 'Sygdom', ''],
      substitute: ['', ids.substitute, ''],
    };
    const saved = await session.post(`/moeder/${meetingId}/fremmoede`, form);
    expect(saved.statusCode).toBe(303);
    expect(await entryOf(ids.substitute)).toMatchObject({
      substituteFor: { personId: ids.member },
    });
    const bad = await session.post(`/moeder/${meetingId}/fremmoede`, {
      ...form,
      substitute: [ids.suppleant, ids.substitute, ''],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('meldt afbud');
    expect(await entryOf(ids.suppleant)).toBeUndefined();
  });

  it('lets the stedfortræder, not the absent member, sign off; the minutes name both', async () => {
    for (const step of ['start', 'end']) {
      expect(
        (await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/${step}`)).statusCode,
      ).toBe(200);
    }
    // Held: fremmøde is the meeting's record, so no stedfortræder is called in any more.
    const heldCallIn = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/substitutes`, {
      forPersonId: ids.member,
      personId: ids.suppleant,
    });
    expect(heldCallIn.statusCode).toBe(409);
    expect((heldCallIn.json() as ApiError).error.code).toBe('MEETING_LOCKED');
    expect((heldCallIn.json() as ApiError).error.message).toContain('tilføjelse');
    expect(await entryOf(ids.suppleant)).toBeUndefined();
    const heldPage = await (await signIn(t.app, secretary)).get(`/moeder/${meetingId}/fremmoede`);
    expect(heldPage.body).toContain('Mødet er afholdt, så fremmødet kan ikke længere ændres.');
    expect(heldPage.body).not.toContain('name="substitute"');
    expect(heldPage.body).not.toContain('Gem fremmøde');
    expect(
      (
        await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/minutes-release`, {
          confirmIncomplete: true,
        })
      ).statusCode,
    ).toBe(200);
    const signOff = `/api/v1/meetings/${meetingId}/minutes-sign-offs`;
    expect((await api(substitute, 'POST', signOff)).statusCode).toBe(204);
    expect((await api(member, 'POST', signOff)).statusCode).toBe(403);
    expect((await api(chair, 'POST', signOff)).statusCode).toBe(204);

    const minutes = await (await signIn(t.app, substitute)).get(`/moeder/${meetingId}/referat`);
    expect(minutes.statusCode).toBe(200);
    expect(minutes.body).toMatch(/<dt>Afbud<\/dt>\s*<dd>Bo Medlem<\/dd>/);
    expect(minutes.body).toMatch(
      /<dt>Stedfortræder<\/dt>\s*<dd>Sara Stedfortræder \(for Bo Medlem\)<\/dd>/,
    );
    expect(minutes.body).not.toContain('Sygdom');
    const pdf = await api(substitute, 'GET', `/api/v1/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Afbud: Bo Medlem');
    expect(text).toContain('Stedfortræder: Sara Stedfortræder (for Bo Medlem)');

    // Nor do released minutes; the page shows the record.
    const locked = await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/substitutes`, {
      forPersonId: ids.member,
      personId: ids.suppleant,
    });
    expect(locked.statusCode).toBe(409);
    const page = await (await signIn(t.app, secretary)).get(`/moeder/${meetingId}/fremmoede`);
    expect(page.body).toContain('Bo Medlem: Afbud (Sygdom) – stedfortræder: Sara Stedfortræder');
    expect(page.body).not.toContain('name="substitute"');
  });

  it('lets a member send and take back afbud from the meeting page', async () => {
    const next = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId: ids.organizationId,
      title: 'Næste møde',
      start: '2024-06-03T16:00:00+02:00',
      end: '2024-06-03T18:00:00+02:00',
    });
    const nextId = (next.json() as { id: string }).id;
    const session = await signIn(t.app, chair);
    const meetingPage = await session.get(`/moeder/${nextId}`);
    expect(meetingPage.body).toContain(`href="/moeder/${nextId}/afbud"`);
    const form = await session.get(`/moeder/${nextId}/afbud`);
    expect(form.body).toContain('Meld afbud');
    const tooLong = await session.post(`/moeder/${nextId}/afbud`, { reason: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('Må højst være 500 tegn.');
    const sent = await session.post(`/moeder/${nextId}/afbud`, { reason: 'Ferie' });
    expect(sent.statusCode).toBe(303);
    const after = await session.get(`/moeder/${nextId}/afbud`);
    expect(after.body).toContain('Du har meldt afbud til mødet.');
    expect(after.body).toContain('Ferie');
    expect((await session.post(`/moeder/${nextId}/afbud/tilbage`, {})).statusCode).toBe(303);
    expect((await session.get(`/moeder/${nextId}/afbud`)).body).toContain('Meld afbud');
    // Only the organization's members send afbud; others do not see the meeting at all.
    const outsiderPage = await (await signIn(t.app, outsider)).get(`/moeder/${nextId}/afbud`);
    expect(outsiderPage.statusCode).toBe(404);
  });
});
