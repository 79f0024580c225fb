import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
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
import { actorForToken } from '../accounts/index';
import { parseSearchQuery } from './query-parser';
import { sampleGroupCount } from './repository';
import type { SearchResponse } from './schemas';
import { search } from './service';

const system: Actor = { kind: 'system', label: 'test' };

/** Words that occur nowhere else, so each assertion is about one planted text. */
const secret = 'Zebrafinkesagen';
const draftWord = 'Pelikanreden';
const otherWord = 'Odderfamilien';

describe.skipIf(isEngineUnavailable())('search', () => {
  let t: TestApp;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let member: TestUser;
  let inhabilMember: TestUser;
  let reader: TestUser;
  let outsider: TestUser;
  let organizationId: string;
  let meetingId: string;
  let paperId: string;
  let openItemId: string;
  let closedItemId: string;

  const api = async (
    user: TestUser,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) => {
    const response = await t.app.inject({ method, url, headers: bearer(user), payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as Record<string, unknown>;
  };
  const find = async (user: TestUser, query: Record<string, string>) => {
    const response = await t.app.inject({
      url: `/api/v1/search?${new URLSearchParams(query).toString()}`,
      headers: bearer(user),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SearchResponse;
  };
  const titles = async (user: TestUser, q: string) =>
    (await find(user, { q })).results.map((result) => result.title);

  beforeAll(async () => {
    t = await createTestApp();
    const people = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      const committee = await createOrganization({
        ...ctx,
        input: {
          bodyId: body.id,
          name: 'Kultur- og Fritidsudvalget',
          classification: 'udvalg',
        },
      });
      const other = await createOrganization({
        ...ctx,
        input: {
          bodyId: body.id,
          name: 'Teknisk Udvalg',
          classification: 'udvalg',
        },
      });
      const person = async (name: string, organization: string) => {
        const row = await createPerson({ ...ctx, input: { name } });
        await addMembership({
          ...ctx,
          input: {
            personId: row.id,
            organizationId: organization,
            role: 'member',
          },
        });
        return row.id;
      };
      return {
        committee: committee.id,
        other: other.id,
        member: await person('Jens Rasmussen', committee.id),
        inhabil: await person('Karen Inhabil', committee.id),
        reader: await person('Lone Læser', committee.id),
        outsider: await person('Ole Udenfor', other.id),
      };
    });
    organizationId = people.committee;
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    member = await createTestUser(t.database, 'participant', { personId: people.member });
    inhabilMember = await createTestUser(t.database, 'participant', { personId: people.inhabil });
    reader = await createTestUser(t.database, 'reader', { personId: people.reader });
    outsider = await createTestUser(t.database, 'participant', { personId: people.outsider });

    const meeting = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId,
      title: 'Udvalgsmøde om kultur',
      start: '2024-03-05T16:00:00+01:00',
      end: '2024-03-05T18:00:00+01:00',
    });
    meetingId = String(meeting.id);
    const item = (payload: object) =>
      api(secretary, 'POST', `/api/v1/meetings/${meetingId}/items`, {
        durationMinutes: 10,
        ...payload,
      });
    openItemId = String(
      (
        await item({
          title: 'Status for beskæftigelsesområdet',
          purpose: 'Udvalget skal drøfte nye bevillinger til idrætsforeningerne.',
          method: 'Drøftelse af én bevilling ad gangen',
        })
      ).id,
    );
    closedItemId = String(
      (
        await item({
          title: `Personsag om ${secret}`,
          publicTitle: 'Personsag',
          isPublic: false,
          closedReasonCode: 'personnel',
          purpose: `Fortroligt: ${secret} og hans sag`,
        })
      ).id,
    );
    await api(secretary, 'PATCH', `/api/v1/meetings/${meetingId}/items/${closedItemId}`, {
      disqualifiedPersonIds: [people.inhabil],
    });
    const paper = await api(secretary, 'POST', '/api/v1/papers', {
      organizationId,
      kind: 'notat',
      paperDate: '2024-02-20',
      title: `Udkast om ${draftWord}`,
    });
    paperId = String(paper.id);
    // A meeting of another organization, which the committee's members do not see.
    const otherMeeting = await api(secretary, 'POST', '/api/v1/meetings', {
      organizationId: people.other,
      title: `Møde om ${otherWord}`,
      start: '2023-06-01T10:00:00+02:00',
      end: '2023-06-01T11:00:00+02:00',
    });
    expect(otherMeeting.id).toBeDefined();
    await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      changeNote: 'Dagsordenen er klar.',
      lateReason: 'Testens møde ligger før fristen.',
    });
  });
  afterAll(() => t?.close());

  it('stems Danish: "bevillinger" finds "bevilling", and the singular finds the plural', async () => {
    const plural = await find(secretary, { q: 'bevillinger', type: 'item' });
    expect(plural.results.map((result) => result.title)).toEqual([
      'Status for beskæftigelsesområdet',
    ]);
    expect(await titles(secretary, 'bevilling')).toContain('Status for beskæftigelsesområdet');
  });

  it('finds compound words by their first part', async () => {
    expect(await titles(secretary, 'beskæftigelse')).toContain('Status for beskæftigelsesområdet');
    expect(await titles(secretary, 'idræt')).toContain('Status for beskæftigelsesområdet');
  });

  it('matches "exact phrases" in order only', async () => {
    expect(await titles(secretary, '"nye bevillinger"')).toContain(
      'Status for beskæftigelsesområdet',
    );
    expect(await titles(secretary, '"bevillinger nye"')).toEqual([]);
  });

  it('finds every document with a phrase through the word-pair index, also around stopwords', async () => {
    const phrases = [
      '"nye bevillinger"',
      '"drøfte nye bevillinger"',
      '"bevillinger til idrætsforeningerne"',
      '"udvalget skal drøfte"',
      '"Status for beskæftigelsesområdet"',
    ];
    for (const q of phrases) {
      const { tsquery } = parseSearchQuery(q);
      const counted = await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM search_documents
          WHERE audience = 'internal' AND tsv @@ to_tsquery('danish', ${tsquery})`,
      );
      const expected = (counted as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
      expect(expected, q).toBeGreaterThan(0);
      expect((await find(secretary, { q })).total, q).toBe(expected);
    }
  });

  it('excludes with - and combines with OR', async () => {
    expect(await titles(secretary, 'bevillinger -idrætsforeningerne')).toEqual([]);
    const either = await titles(secretary, `${otherWord} OR ${draftWord}`);
    expect(either).toEqual(
      expect.arrayContaining([`Møde om ${otherWord}`, `Udkast om ${draftWord}`]),
    );
    expect(await titles(secretary, `${otherWord} ${draftWord}`)).toEqual([]);
  });

  it('finds nothing (rather than everything else) for stopwords with an exclusion', async () => {
    expect((await find(secretary, { q: 'bevillinger' })).total).toBeGreaterThan(0);
    expect((await find(secretary, { q: 'og -bevillinger' })).total).toBe(0);
  });

  it('checks phrases and excluded phrases on the documents, not only their words', async () => {
    expect(await titles(secretary, '"nye bevillinger" -"bevillinger nye"')).toContain(
      'Status for beskæftigelsesområdet',
    );
    expect(await titles(secretary, 'bevillinger -"nye bevillinger"')).not.toContain(
      'Status for beskæftigelsesområdet',
    );
  });

  it('highlights matches in an escaped snippet and ranks a title match first', async () => {
    const found = await find(secretary, { q: 'bevillinger' });
    const first = found.results[0]!;
    expect(first.snippet).toContain('<mark>bevillinger</mark>');
    expect(first.url).toBe(`/moeder/${meetingId}#punkt-${openItemId}`);
    expect(first.meeting).toEqual({
      id: meetingId,
      title: 'Udvalgsmøde om kultur',
      date: '2024-03-05',
    });
    expect(first.score).toBeGreaterThan(0);
  });

  it('counts facets by organisation, year and type on the filtered set', async () => {
    const all = await find(secretary, { q: `${otherWord} OR beskæftigelse` });
    expect(all.total).toBe(2);
    expect(all.facets.year).toEqual([
      { year: 2024, count: 1 },
      { year: 2023, count: 1 },
    ]);
    expect(all.facets.organization.map((facet) => facet.count)).toEqual([1, 1]);
    expect(all.facets.type).toEqual(
      expect.arrayContaining([
        { type: 'item', count: 1 },
        { type: 'meeting', count: 1 },
      ]),
    );
    const filtered = await find(secretary, {
      q: `${otherWord} OR beskæftigelse`,
      organization: organizationId,
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(filtered.total).toBe(1);
    expect(filtered.facets.organization).toEqual([
      { id: organizationId, name: 'Kultur- og Fritidsudvalget', count: 1 },
    ]);
    expect(
      (await find(secretary, { q: `${otherWord} OR beskæftigelse`, type: 'meeting' })).total,
    ).toBe(1);
  });

  it('finds people and organisations by names spelt wrong', async () => {
    const people = await find(secretary, { q: 'Jens Rasmusen' });
    expect(people.results.map((result) => [result.type, result.title])).toContainEqual([
      'person',
      'Jens Rasmussen',
    ]);
    expect(await titles(member, 'Kultur Fritidsudvalg')).toContain('Kultur- og Fritidsudvalget');
  });

  it('finds people by name for a member of other organisations, once each', async () => {
    const found = await find(outsider, { q: 'Jens Rasmussen' });
    expect(found.results.filter((r) => r.type === 'person').map((r) => r.title)).toEqual([
      'Jens Rasmussen',
    ]);
    expect(found.facets.type).toContainEqual({ type: 'person', count: 1 });
  });

  it('estimates the counts of many matches from a sample, with the same results as counting', async () => {
    // With every document in the sample and estimates from the first match on, the estimated
    // path (sample counts, candidates in date order) must give exactly what counting gives.
    const sampling = { groups: sampleGroupCount, above: 0 };
    for (const user of [secretary, member, reader, inhabilMember, outsider]) {
      const actor = (await actorForToken(t.database.db, user.token, 'test'))!;
      for (const q of ['beskæftigelse', 'udvalg', '"nye bevillinger"', 'Jens Rasmusen', secret]) {
        const exact = await search({ actor, tx: t.database.db }, { q, page: 1 });
        const estimated = await search({ actor, tx: t.database.db }, { q, page: 1 }, { sampling });
        expect(exact.estimated).toBe(false);
        expect(estimated.estimated, `${user.role}: ${q}`).toBe(exact.total > 0);
        expect({ ...estimated, estimated: false }, `${user.role}: ${q}`).toEqual(exact);
      }
    }
  });

  it('shows closed content only to those who may read it, and never to an inhabil member', async () => {
    expect(await titles(secretary, secret)).toContain(`Personsag om ${secret}`);
    expect(await titles(member, secret)).toContain(`Personsag om ${secret}`);
    for (const user of [reader, inhabilMember, outsider]) {
      const found = await find(user, { q: secret });
      expect(found.total, user.role).toBe(0);
      expect(JSON.stringify(found)).not.toContain(secret);
    }
    // Those who may not read it find the item by its neutral title, without a snippet.
    const neutral = await find(reader, { q: 'personsag' });
    const closed = neutral.results.find((result) => result.url.endsWith(closedItemId))!;
    expect(closed.title).toBe('Personsag');
    expect(closed.snippet).toBeNull();
    expect(JSON.stringify(neutral)).not.toContain(secret);
    expect(JSON.stringify(await find(reader, { q: 'Fortroligt' }))).not.toContain(secret);
  });

  it('shows drafts only to roles that read drafts, and meetings only of visible organisations', async () => {
    expect(await titles(secretary, draftWord)).toContain(`Udkast om ${draftWord}`);
    expect(await titles(caseOfficer, draftWord)).toContain(`Udkast om ${draftWord}`);
    expect(await titles(member, draftWord)).toEqual([]);
    expect(await titles(reader, draftWord)).toEqual([]);
    expect(await titles(member, otherWord)).toEqual([]);
    expect(await titles(outsider, otherWord)).toEqual([`Møde om ${otherWord}`]);
    expect(await titles(outsider, 'beskæftigelse')).toEqual([]);
  });

  it('hides items added after the release from members until the next release', async () => {
    await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Efterrationeret punkt om Hvalrosserne',
      durationMinutes: 5,
    });
    expect(await titles(secretary, 'Hvalrosserne')).toHaveLength(1);
    expect(await titles(member, 'Hvalrosserne')).toEqual([]);
  });

  it('hides an item edited after the release from members until the next release', async () => {
    await api(secretary, 'PATCH', `/api/v1/meetings/${meetingId}/items/${openItemId}`, {
      note: 'Ikkefrigivet udkast om Kaskelothvalerne',
    });
    expect(await titles(secretary, 'Kaskelothvalerne')).toHaveLength(1);
    expect(await titles(member, 'Kaskelothvalerne')).toEqual([]);
    await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {
      changeNote: 'Formålet er uddybet.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(await titles(member, 'Kaskelothvalerne')).toHaveLength(1);
  });

  it('finds a save at once (the index is kept in the same transaction)', async () => {
    await api(secretary, 'PUT', `/api/v1/papers/${paperId}/sections`, {
      sections: [
        { heading: 'Sagsfremstilling', html: '<p>Planen om <b>Flamingoflokken</b> &amp; mere</p>' },
      ],
    });
    const found = await find(secretary, { q: 'flamingoflok' });
    expect(found.results.map((result) => [result.type, result.url])).toEqual([
      ['paper', `/sager/${paperId}`],
    ]);
    expect(found.results[0]!.snippet).toContain('<mark>Flamingoflokken</mark> &amp; mere');
  });

  it('refuses empty, too long, date-less or only-excluding queries with 400', async () => {
    for (const query of [
      '',
      'q=',
      `q=${'a'.repeat(501)}`,
      'q=skole&from=2024-13-45',
      'q=skole&from=2024-02-01&to=2024-01-01',
      'q=skole&type=whatever',
      'q=-skole',
    ]) {
      const response = await t.app.inject({
        url: `/api/v1/search?${query}`,
        headers: bearer(reader),
      });
      expect(response.statusCode, query).toBe(400);
      expect((response.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('renders /soeg with marked snippets, facets as links and no closed content for a reader', async () => {
    const login = { headers: { ...bearer(reader), accept: 'text/html' } };
    const page = await t.app.inject({ url: '/soeg?q=bevillinger', ...login });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<mark>bevillinger</mark>');
    expect(page.body).toContain('for="search-q"');
    expect(page.body).toMatch(/href="\/soeg\?q=bevillinger&amp;type=item"/);
    const closedPage = await t.app.inject({ url: `/soeg?q=${secret}`, ...login });
    expect(closedPage.body.replaceAll(`value="${secret}"`, '')).not.toContain(secret);
    const bad = await t.app.inject({ url: '/soeg?q=-kun', ...login });
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('Skriv mindst ét ord');
  });

  it('lets the portal find published public content only', async () => {
    const portal = (q: string) =>
      t.app.inject({
        url: `/offentlig/soeg?q=${encodeURIComponent(q)}`,
        headers: { accept: 'text/html' },
      });
    expect((await portal('beskæftigelse')).body).not.toContain('Status for beskæftigelsesområdet');
    await api(secretary, 'POST', `/api/v1/meetings/${meetingId}/publications/agenda`);
    const published = await portal('beskæftigelse');
    expect(published.body).toContain(`/offentlig/moeder/${meetingId}/punkter/${openItemId}`);
    expect((await portal('idrætsforeningerne')).body).toContain('<mark>idrætsforeningerne</mark>');
    for (const hidden of [secret, 'Fortroligt', draftWord, otherWord, 'Jens Rasmusen']) {
      const response = await portal(hidden);
      expect(response.body, hidden).toContain('0 resultater');
      expect(response.body.replaceAll(`value="${hidden}"`, ''), hidden).not.toContain(secret);
    }
    // The closed item is found by its neutral title and leads to the meeting, not to a page of its own.
    const neutral = await portal('Personsag');
    expect(neutral.body).toContain(`href="/offentlig/moeder/${meetingId}"`);
    expect(neutral.body).not.toContain(`/punkter/${closedItemId}`);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/meetings/${meetingId}/publications/agenda`,
      headers: bearer(secretary),
    });
    expect((await portal('beskæftigelse')).body).toContain('0 resultater');
  });

  it('turns any input into a query the database accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), async (input) => {
        const { tsquery } = parseSearchQuery(input);
        if (tsquery === undefined) return;
        await t.database.db.execute(
          sql`SELECT count(*) FROM search_documents WHERE tsv @@ to_tsquery('danish', ${tsquery})`,
        );
      }),
      { numRuns: 40 },
    );
  });
});
