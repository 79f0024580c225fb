import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf } from '../../../test/file-factories';
import { actorForToken } from '../accounts/index';
import { sampleGroupCount } from './repository';
import type { SearchResponse } from './schemas';
import { search } from './service';

type Result = SearchResponse['results'][number];

/** Words that occur nowhere in the demo, so each assertion is about one planted text. */
const openFile = 'Snegleplan-2099.pdf';
const openText = 'Sneglebekæmpelsen i Rådhusparken';
const closedTitle = 'Afskedigelse af Gøgeungen';
const closedFile = 'Gogeunge-aftale.pdf';
const closedText = 'Gøgeungeaftalen om fratrædelse';

/**
 * Issue 19: "punkt 4" finds agenda item 4 of the meetings the actor may read, first; the bilag
 * uploaded straight to an item are found by their file name and text, as closed as their item.
 */
describe.skipIf(isEngineUnavailable())('search for item numbers and item bilag', () => {
  let t: TestApp;
  let administrator: TestUser;
  let secretary: TestUser;
  let reader: TestUser;
  let organizationId: string;
  let meetingId: string;
  let openItemId: string;
  let closedItemId: string;

  const api = async (method: 'POST' | 'DELETE', url: string, payload?: object) => {
    const response = await t.app.inject({ method, url, headers: bearer(secretary), payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.body === '' ? {} : (response.json() as Record<string, unknown>);
  };
  const upload = async (
    inMeeting: string,
    itemId: string,
    fileName: string,
    title: string,
    text: string,
  ) => {
    const body = multipartBody({ title }, [{ fileName, bytes: await makePdf([text]) }]);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${inMeeting}/items/${itemId}/attachments`,
      headers: { ...bearer(secretary), ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  const find = async (user: TestUser, q: string): Promise<Result[]> => {
    const response = await t.app.inject({
      url: `/api/v1/search?${new URLSearchParams({ q }).toString()}`,
      headers: bearer(user),
    });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as SearchResponse).results;
  };
  const portal = (q: string) =>
    t.app.inject({
      url: `/offentlig/soeg?q=${encodeURIComponent(q)}`,
      headers: { accept: 'text/html' },
    });

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    administrator = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    // A member of the rådmandskreds, which holds the demo's closed item (Punkt 3, Personalesag).
    const found = (await t.database.db.execute(sql`
      SELECT m.organization_id AS organization_id,
        (SELECT person_id FROM memberships ms WHERE ms.organization_id = m.organization_id
          AND ms.role <> 'substitute' LIMIT 1) AS member_id
      FROM meetings m WHERE m.title = 'Rådmandsmøde' LIMIT 1`)) as {
      rows: Array<{ organization_id: string; member_id: string }>;
    };
    const { organization_id: organization, member_id: memberId } = found.rows[0]!;
    organizationId = organization;
    reader = await createTestUser(t.database, 'reader', { personId: memberId });
    const meeting = await api('POST', '/api/v1/meetings', {
      organizationId,
      title: 'Rådmandsmøde om snegle',
      start: '2099-03-02T09:00:00+01:00',
      end: '2099-03-02T11:00:00+01:00',
    });
    meetingId = String(meeting.id);
    const open = await api('POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Sneglene i parken',
      durationMinutes: 15,
    });
    openItemId = String(open.id);
    const closed = await api('POST', `/api/v1/meetings/${meetingId}/items`, {
      title: closedTitle,
      durationMinutes: 10,
      isPublic: false,
      publicTitle: 'Personalesag',
      closedReasonCode: 'personnel',
    });
    closedItemId = String(closed.id);
    await upload(meetingId, openItemId, openFile, 'Snegleplan', openText);
    await upload(meetingId, closedItemId, closedFile, 'Aftale om fratrædelse', closedText);
  }, 120_000);
  afterAll(() => t?.close());

  it('finds item 4 of a meeting first for "punkt 4", with its number and meeting', async () => {
    for (const q of ['punkt 4', 'Punkt 4', 'pkt. 4', 'pkt 4']) {
      const [first] = await find(administrator, q);
      expect(first, q).toMatchObject({ type: 'item', itemNumber: '4' });
      expect(first!.meeting, q).not.toBeNull();
    }
    // With the meeting's title: the demo's Rådmandsmøde of 13 November 2023 (the newer one).
    const [first] = await find(administrator, 'punkt 4 rådmandsmøde');
    expect(first).toMatchObject({
      type: 'item',
      itemNumber: '4',
      title: 'Status på Sammen om Opgaven',
      meeting: { title: 'Rådmandsmøde', date: '2023-11-13' },
    });
    // The page says which item of which meeting it is.
    const page = await t.app.inject({
      url: `/soeg?q=${encodeURIComponent('punkt 4 rådmandsmøde')}`,
      headers: { ...bearer(administrator), accept: 'text/html' },
    });
    expect(page.body).toContain('Dagsordenspunkt nr. 4 · Rådmandsmøde, 13. november 2023');
    // A sub-item: the demo committee meeting's item 8 has two.
    expect((await find(administrator, 'punkt 8.B'))[0]).toMatchObject({
      type: 'item',
      itemNumber: '8.B',
      title: 'Orienteringer til udvalget siden seneste møde',
    });
    // With a word of the item's own: the other Rådmandsmøde's item 4.
    const [magistrate] = await find(reader, 'punkt 4 magistraten');
    expect(magistrate).toMatchObject({
      type: 'item',
      itemNumber: '4',
      title: 'Orientering fra Magistraten',
      meeting: { title: 'Rådmandsmøde', date: '2023-11-06' },
    });
  });

  it('gives the same page when the counts are estimated from a sample', async () => {
    const sampling = { groups: sampleGroupCount, above: 0 };
    for (const user of [administrator, reader]) {
      const actor = (await actorForToken(t.database.db, user.token, 'test'))!;
      for (const q of ['punkt 4', 'punkt 4 rådmandsmøde', 'punkt 3 personalesag', openFile]) {
        const exact = await search({ actor, tx: t.database.db }, { q, page: 1 });
        const estimated = await search({ actor, tx: t.database.db }, { q, page: 1 }, { sampling });
        expect(estimated.estimated, `${user.role}: ${q}`).toBe(exact.total > 0);
        expect({ ...estimated, estimated: false }, `${user.role}: ${q}`).toEqual(exact);
      }
    }
  });

  it('finds a closed item by its number only for those who may read it', async () => {
    const [first] = await find(administrator, 'punkt 3 personalesag');
    expect(first).toMatchObject({ type: 'item', itemNumber: '3', title: 'Personalesag' });
    const forReader = await find(reader, 'punkt 3 personalesag');
    expect(forReader.filter((result) => result.type === 'item')).toEqual([]);
    // Their own meeting's open item 3 is found by its number all the same.
    expect(await find(reader, 'punkt 3 vinterhjælp')).toContainEqual(
      expect.objectContaining({ type: 'item', itemNumber: '3' }),
    );
    const closed = await find(administrator, `punkt 2 ${closedTitle}`);
    expect(closed[0]).toMatchObject({ type: 'item', itemNumber: '2', title: closedTitle });
    expect(await find(reader, 'punkt 2 snegle')).not.toContainEqual(
      expect.objectContaining({ itemNumber: '2' }),
    );
  });

  it('finds a bilag uploaded to an item by its file name and text, as closed as its item', async () => {
    const bilag = {
      type: 'attachment',
      title: 'Snegleplan',
      url: `/moeder/${meetingId}/punkter/${openItemId}`,
      meeting: { id: meetingId, title: 'Rådmandsmøde om snegle' },
    };
    for (const user of [administrator, reader]) {
      expect((await find(user, openFile))[0]).toMatchObject(bilag);
      expect((await find(user, 'sneglebekæmpelsen'))[0]).toMatchObject(bilag);
    }
    const closedBilag = {
      type: 'attachment',
      url: `/moeder/${meetingId}/punkter/${closedItemId}`,
    };
    expect((await find(administrator, closedFile))[0]).toMatchObject(closedBilag);
    expect((await find(administrator, 'gøgeungeaftalen'))[0]).toMatchObject(closedBilag);
    expect(await find(reader, closedFile)).toEqual([]);
    expect(await find(reader, 'gøgeungeaftalen')).toEqual([]);
  });

  it('keeps item numbers and item bilag current when items are added, moved and removed', async () => {
    const meeting = await api('POST', '/api/v1/meetings', {
      organizationId,
      title: 'Havemøde',
      start: '2099-04-06T09:00:00+02:00',
      end: '2099-04-06T11:00:00+02:00',
    });
    const added = [];
    for (const title of ['Blomsterbedene', 'Hækkene', 'Æbletræernes beskæring']) {
      added.push(
        await api('POST', `/api/v1/meetings/${String(meeting.id)}/items`, {
          title,
          durationMinutes: 5,
        }),
      );
    }
    const [flowerItem, , appleItem] = added.map((item) => String(item.id));
    const flowers = 'Blomsterbed-2099.pdf';
    await upload(String(meeting.id), flowerItem!, flowers, 'Blomster', 'Stedmoderblomsterne');
    const numberOf = async (q: string) => {
      const [first] = await find(administrator, q);
      expect(first, q).toMatchObject({ type: 'item' });
      return first!.itemNumber;
    };
    expect(await numberOf('punkt 3 æbletræernes')).toBe('3');
    expect((await find(administrator, flowers))[0]).toMatchObject({ type: 'attachment' });
    await api('POST', `/api/v1/meetings/${String(meeting.id)}/items/${appleItem!}/move`, {
      position: 1,
    });
    expect(await numberOf('punkt 1 æbletræernes')).toBe('1');
    expect(await numberOf('punkt 3 hækkene')).toBe('3');
    await api('DELETE', `/api/v1/meetings/${String(meeting.id)}/items/${flowerItem!}`);
    expect(await numberOf('punkt 2 hækkene')).toBe('2');
    // The deleted item's bilag went with it.
    expect(await find(administrator, flowers)).toEqual([]);
  });

  it('shows no closed item, its number or its bilag in the public portal', async () => {
    await api('POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {});
    await api('POST', `/api/v1/meetings/${meetingId}/publications/agenda`);
    for (const q of [
      `punkt 2 ${closedTitle}`,
      'punkt 2 personalesag',
      closedFile,
      'gøgeungeaftalen',
    ]) {
      const response = await portal(q);
      expect(response.statusCode, q).toBe(200);
      const results = response.body.replaceAll(`value="${q}"`, '');
      for (const hidden of [
        'Gøgeungen',
        'Gøgeungeaftalen',
        'Gogeunge-aftale',
        `/punkter/${closedItemId}`,
      ]) {
        expect(results, `${q}: ${hidden}`).not.toContain(hidden);
      }
    }
    // The canary sees a published meeting: its neutral title is found and leads to the meeting.
    expect((await portal('personalesag')).body).toContain(`href="/offentlig/moeder/${meetingId}"`);
  });
});
