import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { inTransaction } from '../../platform/db/transaction';
import { addMembership, createPerson } from '../organizations/index';

/**
 * The guarantee that closed and unpublished content never leaks: a unique string goes into a
 * closed item (title, purpose, bilag), a draft memo linked to an open item, an unpublished meeting
 * and its minutes; then every public route is crawled from its entry points and must not contain it.
 */
const canary = 'CANARY-LUKKET-7f3c2a';

describe.skipIf(isEngineUnavailable())(
  'no closed or unpublished content on any public route',
  () => {
    let t: TestApp;
    let secretary: TestUser;
    let committeeOrganizationId: string;

    beforeAll(async () => {
      t = await createTestApp({ demo: true });
      secretary = await createTestUser(t.database, 'secretary');
      const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
        const response = await t.app.inject({ method, url, headers: bearer(secretary), payload });
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
        return response.json() as Record<string, unknown>;
      };
      const list = (await api('GET', '/api/v1/meetings')) as {
        data: Array<{ id: string; title: string; organization: { id: string } }>;
      };
      const committee = list.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!;
      committeeOrganizationId = committee.organization.id;
      await api('POST', `/api/v1/meetings/${committee.id}/items`, {
        title: `Personsag ${canary}`,
        publicTitle: 'Personsag',
        isPublic: false,
        closedReasonCode: 'personnel',
        // The § 10 reason is internal: the public sees "Lukket punkt" and the neutral title only.
        closedReasonText: `Lukkegrund ${canary}`,
        purpose: `Fortroligt: ${canary}`,
        attachments: [`Lægeerklæring ${canary}`],
        durationMinutes: 5,
      });
      const draft = await api('POST', '/api/v1/papers', {
        organizationId: committee.organization.id,
        kind: 'notat',
        paperDate: '2023-11-01',
        title: `Udkast ${canary}`,
      });
      await api('POST', `/api/v1/meetings/${committee.id}/items`, {
        title: 'Åbent punkt med udkast',
        paperId: draft.id,
        durationMinutes: 5,
      });
      const hidden = await api('POST', '/api/v1/meetings', {
        organizationId: committee.organization.id,
        title: `Internt møde ${canary}`,
        start: '2023-11-20T10:00:00+01:00',
        end: '2023-11-20T11:00:00+01:00',
      });
      await api('POST', `/api/v1/meetings/${String(hidden.id)}/items`, {
        title: `Punkt ${canary}`,
        durationMinutes: 5,
      });
      await api('POST', `/api/v1/meetings/${committee.id}/agenda-releases`, {
        changeNote: 'To punkter er tilføjet.',
        lateReason: 'Testens møde ligger før fristen.',
      });
      await api('POST', `/api/v1/meetings/${committee.id}/publications/agenda`);
    });
    afterAll(() => t?.close());

    it('crawls the portal, its feeds, search and files, and OParl without finding the canary', async () => {
      const seen = new Set<string>();
      const queue = [
        '/offentlig',
        // Words of the hidden texts (the canary itself would be echoed in the search box).
        '/offentlig/soeg?q=Fortroligt',
        '/offentlig/soeg?q=L%C3%A6geerkl%C3%A6ring',
        '/offentlig/soeg?q=Udkast',
        '/offentlig/soeg?q=Internt',
        '/offentlig/soeg?q=Personsag',
        '/offentlig/soeg?q=Lukkegrund',
        '/offentlig/soeg?q=personaleforhold',
        '/offentlig/kalender.ics',
        '/oparl/v1.1/system',
      ];
      let crawled = 0;
      while (queue.length > 0 && crawled < 400) {
        const url = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        const response = await t.app.inject({ url });
        crawled++;
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.body.includes(canary), `${url} shows the canary`).toBe(false);
        expect(JSON.stringify(response.headers).includes(canary), `${url} headers`).toBe(false);
        const links = [
          ...response.body.matchAll(
            /(?:href="|"(?:http:\/\/localhost:3000))(\/(?:offentlig|oparl)[^"<>\s]*)/g,
          ),
        ].map((match) => match[1]!.replaceAll('&amp;', '&'));
        for (const link of links) if (!seen.has(link)) queue.push(link);
      }
      // The crawl reached the portal, a meeting, an item and OParl objects.
      expect([...seen].some((url) => url.startsWith('/offentlig/moeder/'))).toBe(true);
      expect(
        [...seen].some((url) => url.startsWith('/oparl/v1.1/') && url !== '/oparl/v1.1/system'),
      ).toBe(true);
      expect(crawled).toBeGreaterThan(10);
    });

    it('keeps the canary out of /api/v1/search for those who may not read it', async () => {
      const system = { kind: 'system', label: 'test' } as const;
      const personId = await inTransaction(t.database.db, async (tx) => {
        const person = await createPerson({ actor: system, tx, input: { name: 'Rita Læser' } });
        await addMembership({
          actor: system,
          tx,
          input: { personId: person.id, organizationId: committeeOrganizationId, role: 'member' },
        });
        return person.id;
      });
      // A reader of the committee may not read closed items or drafts; one of no organization
      // sees no meeting at all.
      const memberReader = await createTestUser(t.database, 'reader', { personId });
      const outsider = await createTestUser(t.database, 'reader');
      const search = async (user: TestUser, word: string) => {
        const response = await t.app.inject({
          url: `/api/v1/search?q=${encodeURIComponent(word)}`,
          headers: bearer(user),
        });
        expect(response.statusCode, word).toBe(200);
        return response.json() as { total: number; results: Array<{ title: string }> };
      };
      for (const word of [
        'Fortroligt',
        'Lægeerklæring',
        'Udkast',
        'Personsag',
        'Internt',
        canary,
      ]) {
        expect(JSON.stringify(await search(outsider, word)), word).not.toContain(canary);
      }
      for (const word of ['Fortroligt', 'Lægeerklæring', 'Udkast', 'Personsag']) {
        expect(JSON.stringify(await search(memberReader, word)), word).not.toContain(canary);
      }
      // The committee's reader may read its unpublished meeting, and nothing else with the canary.
      expect(
        (await search(memberReader, canary)).results.map((result) => result.title).sort(),
      ).toEqual([`Internt møde ${canary}`, `Punkt ${canary}`]);
      // The reader does find the unpublished meeting of the committee, so the search is not empty.
      const internal = await t.app.inject({
        url: '/api/v1/search?q=Internt',
        headers: bearer(memberReader),
      });
      expect((internal.json() as { total: number }).total).toBeGreaterThan(0);
    });
  },
);
