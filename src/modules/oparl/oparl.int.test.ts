import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { inTransaction } from '../../platform/db/transaction';
import { setPaperStatus } from '../papers/index';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf } from '../../../test/file-factories';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule;

const schemaDir = fileURLToPath(new URL('../../../../shared/oparl/schema/', import.meta.url));
type PropertySchema = {
  references?: string;
  schema?: string;
  items?: { schema?: string; format?: string };
  format?: string;
};
type TypeSchema = { properties: Record<string, PropertySchema> };

/**
 * The OParl schema files: not strict JSON Schema (custom `url` format and keywords), per their
 * README; their patterns escape `:` and `/`, which a unicode regular expression rejects.
 */
function loadSchemas(): Map<string, { schema: TypeSchema; validate: ValidateFunction }> {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat('url', { type: 'string', validate: (value: string) => URL.canParse(value) });
  const schemas = new Map<string, { schema: TypeSchema; validate: ValidateFunction }>();
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(`${schemaDir}${file}`, 'utf8')) as TypeSchema;
    schemas.set(file.replace('.json', ''), { schema, validate: ajv.compile(schema) });
  }
  return schemas;
}

type OparlJson = {
  id: string;
  type: string;
  created: string;
  modified: string;
  deleted?: boolean;
  [field: string]: unknown;
};
type ListJson = {
  data: OparlJson[];
  pagination: Record<string, number>;
  links: { next?: string; self: string; first: string; last: string };
};

const base = 'http://localhost:3000';
const oparl = `${base}/oparl/v1.1`;
const canary = 'OPARL-LUKKET-CANARY-77';
const typeName = (type: string) => type.replace('https://schema.oparl.org/1.1/', '');

describe.skipIf(isEngineUnavailable())('OParl 1.1', () => {
  let t: TestApp;
  let secretary: TestUser;
  let committeeId: string;
  const schemas = loadSchemas();

  beforeAll(async () => {
    t = await createTestApp({ demo: true, config: { municipalityCode: '751' } });
    secretary = await createTestUser(t.database, 'secretary');
    const list = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    committeeId = list.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!.id;
    const caseOfficer = await createTestUser(t.database, 'case_officer');
    const { organization } = (await api('GET', `/api/v1/meetings/${committeeId}`)).json() as {
      organization: { id: string };
    };
    // An open paper with a bilag, and a closed one whose text must never reach the public.
    const addPaper = async (title: string, isPublic: boolean) => {
      const paper = await t.app.inject({
        method: 'POST',
        url: '/api/v1/papers',
        headers: bearer(caseOfficer),
        payload: { organizationId: organization.id, title, paperDate: '2023-10-30' },
      });
      const paperId = (paper.json() as { id: string }).id;
      const body = multipartBody({ title: `Bilag til ${title}` }, [
        { fileName: 'bilag.pdf', bytes: await makePdf([`Bilag til ${title}`]) },
      ]);
      const attached = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${paperId}/attachments`,
        headers: { ...bearer(caseOfficer), ...body.headers },
        payload: body.payload,
      });
      expect(attached.statusCode).toBe(201);
      // As if approved onto the agenda: a draft memo is never public.
      await inTransaction(t.database.db, (tx) =>
        setPaperStatus({
          actor: { kind: 'system', label: 'test' },
          tx,
          paperId,
          status: 'on_agenda',
        }),
      );
      const item = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
        title,
        durationMinutes: 5,
        paperId,
        isPublic,
        ...(isPublic
          ? {}
          : {
              publicTitle: 'Personalesag',
              purpose: `Fortroligt ${canary}`,
              closedReasonCode: 'personnel',
              closedReasonText: `Lukkegrund ${canary}`,
            }),
      });
      expect(item.statusCode).toBe(201);
    };
    await addPaper('Ny legeplads i Gellerup', true);
    await addPaper(`Personalesag ${canary}`, false);
    // The published agenda is the released one: release the change first.
    await api('POST', `/api/v1/meetings/${committeeId}/agenda-releases`, {
      changeNote: 'To sager er tilføjet.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(secretary), payload });
  const get = async (url: string) => {
    const response = await t.app.inject({ url: url.replace(base, '') });
    return response;
  };
  const getJson = async <T>(url: string): Promise<T> => {
    const response = await get(url);
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };

  function expectValid(object: OparlJson, where: string) {
    const entry = schemas.get(typeName(object.type));
    expect(entry, `${where}: known type ${object.type}`).toBeDefined();
    const isValid = entry!.validate(object);
    expect(entry!.validate.errors ?? [], `${where} ${object.id}`).toEqual([]);
    expect(isValid).toBe(true);
    expect(object.created, `${object.id} created`).toEqual(expect.any(String));
    expect(object.modified, `${object.id} modified`).toEqual(expect.any(String));
  }

  it('validates against the OParl schemas and resolves every reference (crawler)', async () => {
    const fetched = new Map<string, OparlJson>();
    const bodies: string[] = [];
    const seenTypes = new Set<string>();
    // `expect` is a type name, 'list' for a list, or undefined when the schema names no type.
    const queue: Array<{ url: string; expect: string | undefined; list?: string }> = [
      { url: `${oparl}/system`, expect: 'System' },
    ];

    const visitFields = (object: OparlJson, where: string) => {
      seenTypes.add(typeName(object.type));
      expectValid(object, where);
      const { properties } = schemas.get(typeName(object.type))!.schema;
      for (const [field, value] of Object.entries(object)) {
        if (field === 'id' || field === 'type') continue;
        const property = properties[field];
        const embedded = property?.schema ?? property?.items?.schema;
        if (embedded && property?.references !== 'externalList') {
          for (const child of Array.isArray(value) ? value : [value]) {
            const inner = child as OparlJson;
            expect(typeName(inner.type)).toBe(embedded.replace('.json', ''));
            visitFields(inner, `${object.id} ${field}`);
            // Every embedded object is also served, the same, at its own id.
            queue.push({ url: inner.id, expect: typeName(inner.type) });
            embeddedCopies.push(inner);
          }
          continue;
        }
        const targets = (Array.isArray(value) ? value : [value]).filter(
          (candidate): candidate is string =>
            typeof candidate === 'string' && candidate.startsWith(`${oparl}/`),
        );
        for (const target of targets) {
          if (property?.references === 'externalList') {
            queue.push({ url: target, expect: 'list', list: property.items?.schema });
          } else {
            const expected = property?.references ?? (field === 'meetings' ? 'Meeting' : undefined);
            queue.push({ url: target, expect: expected });
          }
        }
      }
    };
    const embeddedCopies: OparlJson[] = [];

    const visitedLists = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (next.expect === 'list') {
        if (visitedLists.has(next.url)) continue;
        visitedLists.add(next.url);
        let page: string | undefined = next.url;
        let pages = 0;
        while (page) {
          const list: ListJson = await getJson<ListJson>(page);
          pages += 1;
          expect(list.pagination.currentPage).toBe(pages);
          for (const object of list.data) {
            if (next.list) expect(typeName(object.type)).toBe(next.list.replace('.json', ''));
            if (typeName(object.type) === 'Body') bodies.push(object.id);
            visitFields(object, next.url);
            queue.push({ url: object.id, expect: typeName(object.type) });
            embeddedCopies.push(object);
          }
          page = list.links.next;
        }
        continue;
      }
      if (fetched.has(next.url)) {
        if (next.expect) expect(typeName(fetched.get(next.url)!.type), next.url).toBe(next.expect);
        continue;
      }
      const object = await getJson<OparlJson>(next.url);
      expect(object.id).toBe(next.url);
      if (next.expect) expect(typeName(object.type), next.url).toBe(next.expect);
      fetched.set(next.url, object);
      visitFields(object, next.url);
    }

    for (const copy of embeddedCopies) expect(fetched.get(copy.id), copy.id).toEqual(copy);
    expect(bodies).toHaveLength(1);
    expect([...seenTypes].sort()).toEqual([
      'AgendaItem',
      'Body',
      'Consultation',
      'File',
      'LegislativeTerm',
      'Location',
      'Meeting',
      'Membership',
      'Organization',
      'Paper',
      'Person',
      'System',
    ]);
    // Only the published committee meeting; the rådmandsmøder are not published.
    const meetings = [...fetched.values()].filter((object) => typeName(object.type) === 'Meeting');
    expect(meetings.map((meeting) => meeting.name)).toEqual([
      'Social- og Beskæftigelsesudvalgsmøde',
    ]);
    const body = fetched.get(bodies[0]!)!;
    expect(body['dagsorden:kommunekode']).toBe('751');

    const everything = JSON.stringify([...fetched.values()]);
    expect(everything).not.toContain(canary);
    expect(everything).toContain('Personalesag');
    // Employees in administrative units are not council data: neither they nor contact details.
    expect(everything).not.toContain('Sofie Brøndt Jørgensen');
    expect(everything).not.toContain('@aarhus.dk');
    expect(everything).toContain('Eva Borchorst Mejnertz');

    const items = meetings[0]!.agendaItem as OparlJson[];
    expect(items.map((item) => item.order)).toEqual(items.map((_, index) => index + 1));
    // The time plan gives start and end (sub-items share their parent's slot and have none).
    expect(items[0]?.start).toBe(meetings[0]!.start);
    expect(typeof items[0]?.end).toBe('string');
    for (const item of items.filter((candidate) => candidate.start !== undefined)) {
      expect(Date.parse(String(item.end)) > Date.parse(String(item.start))).toBe(true);
    }
    const file = [...fetched.values()].find((object) => typeName(object.type) === 'File');
    expect(file?.accessUrl).toMatch(new RegExp(`^${base}/offentlig/bilag/[0-9a-f-]+$`));
    expect(file?.downloadUrl).toBe(`${String(file?.accessUrl)}?download=1`);
  });

  async function bodyList(type: string, query = ''): Promise<ListJson> {
    const body = (await getJson<ListJson>(`${oparl}/body`)).data[0]!;
    return getJson<ListJson>(`${body[type] as string}${query}`);
  }

  it('pages lists in a stable order with next on all but the last page, keeping filters', async () => {
    const all = await bodyList('agendaItem');
    expect(all.data.length).toBeGreaterThan(2);
    const since = '2000-01-01T00:00:00Z';
    let url: string | undefined = `${all.links.self.split('?')[0]}?limit=2&created_since=${since}`;
    const ids: string[] = [];
    let pages = 0;
    while (url) {
      const page: ListJson = await getJson<ListJson>(url);
      pages += 1;
      ids.push(...page.data.map((object) => object.id));
      if (pages < page.pagination.totalPages!) {
        expect(page.links.next).toContain('limit=2');
        expect(new URL(page.links.next!).searchParams.get('created_since')).toBe(since);
      } else {
        expect(page.links.next).toBeUndefined();
      }
      url = page.links.next;
    }
    expect(pages).toBe(Math.ceil(all.data.length / 2));
    expect(ids).toEqual(all.data.map((object) => object.id));
  });

  it('rejects a filter that is not a date-time with a JSON 400', async () => {
    const response = await get(
      `${(await bodyList('meeting')).links.self.split('?')[0]}?modified_since=yesterday`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers from any origin, sets no cookie and answers HEAD', async () => {
    for (const url of [`${oparl}/system`, `${oparl}/body`, `${oparl}/meeting/nope`]) {
      const response = await t.app.inject({ url: url.replace(base, '') });
      expect(response.headers['access-control-allow-origin'], url).toBe('*');
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['content-type']).toContain('application/json');
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/oparl/v1.1/system' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['access-control-allow-origin']).toBe('*');
    expect((await get(`${oparl}/meeting/nope`)).statusCode).toBe(404);
    // A signed-in browser reads the same public data and gets no cookie back either.
    const browser = await signIn(t.app, secretary);
    const signedIn = await browser.get('/oparl/v1.1/system');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['set-cookie']).toBeUndefined();
  });

  it('moves modified on re-publishing, and modified_since finds only what changed', async () => {
    const published = await bodyList('meeting');
    expect(published.links.next).toBeUndefined();
    const before = published.data[0]!;
    // Just after the newest modification: from the data, not the clock, nothing is modified
    // since; publishing again (on a clock that has passed it) is.
    const newest = Math.max(...published.data.map((meeting) => Date.parse(meeting.modified)));
    const since = new Date(newest + 1).toISOString();
    expect((await bodyList('meeting', `?modified_since=${since}`)).data).toEqual([]);
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(newest + 1));
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
    const changed = await bodyList('meeting', `?modified_since=${since}`);
    expect(changed.data.map((meeting) => meeting.id)).toEqual([before.id]);
    const after = changed.data[0]!;
    expect(after.modified > before.modified).toBe(true);
    expect(after.created).toBe(before.created);
    const item = (after.agendaItem as OparlJson[])[0]!;
    expect(item.modified).toBe(after.modified);
    expect((await getJson<OparlJson>(item.id)).modified).toBe(after.modified);
    expect(
      (await bodyList('meeting', `?modified_until=${before.modified}`)).data.map((m) => m.id),
    ).toEqual([]);
  });

  it('answers for an item the meeting no longer publishes with a deleted object', async () => {
    const added = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Punkt der fjernes igen',
      durationMinutes: 5,
    });
    const itemId = (added.json() as { id: string }).id;
    const releaseAndPublish = async () => {
      await api('POST', `/api/v1/meetings/${committeeId}/agenda-releases`, {
        changeNote: 'Dagsordenen er ændret.',
        lateReason: 'Testens møde ligger før fristen.',
      });
      expect(
        (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
      ).toBe(201);
    };
    await releaseAndPublish();
    const meeting = (await bodyList('meeting')).data[0]!;
    const itemUrl = (meeting.agendaItem as OparlJson[]).find((item) =>
      item.id.endsWith(itemId),
    )!.id;
    expect(await getJson<OparlJson>(itemUrl)).toMatchObject({ name: 'Punkt der fjernes igen' });
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/meetings/${committeeId}/items/${itemId}`,
      headers: bearer(secretary),
    });
    await releaseAndPublish();
    const gone = await getJson<OparlJson>(itemUrl);
    expect(gone).toMatchObject({ id: itemUrl, deleted: true });
    expectValid(gone, 'deleted agenda item');
    expect(
      (await bodyList('agendaItem', '?limit=100')).data.some((item) => item.id === itemUrl),
    ).toBe(true);
  });

  it('shows a withdrawn meeting, and what it carried, as deleted', async () => {
    const before = (await bodyList('meeting')).data[0]!;
    const itemId = (before.agendaItem as OparlJson[])[0]!.id;
    expect(
      (await api('DELETE', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(200);
    const meeting = await getJson<OparlJson>(before.id);
    expect(Object.keys(meeting).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    expect(meeting).toMatchObject({ id: before.id, deleted: true, created: before.created });
    expectValid(meeting, 'deleted meeting');
    expect((await bodyList('meeting')).data).toEqual([meeting]);
    expect(await getJson<OparlJson>(itemId)).toMatchObject({ deleted: true });
    const papers = await bodyList('paper');
    expect(papers.data.every((paper) => paper.deleted === true)).toBe(true);
  });
});
