import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  signIn,
  type MultipartFile,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { docxBomb } from '../../../test/bomb-factories';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf, tinyPng } from '../../../test/file-factories';
import { pdfText } from '../../../test/pdf-tools';
import { auditEvents } from '../../platform/audit/db-schema';
import { da } from '../../platform/i18n/da';
import { storedFiles } from '../files/db-schema';
import { buildMeetingPackage } from '../packages/index';

type Attachment = {
  id: string;
  position: number;
  title: string;
  fileName: string | null;
  mediaType: string | null;
  url: string | null;
};
type ApiError = { error: { code: string; message: string } };
type Item = {
  id: string;
  title: string;
  attachments: Array<{ id: string; title: string; fromPaper: boolean; url: string | null }>;
};

const system = { kind: 'system', label: 'test' } as const;
const closedTitle = 'Fratrædelse af navngiven medarbejder';

/**
 * Issue 19: an agenda item has a page of its own, and the secretariat uploads bilag to the item
 * itself; the package includes the file where it used to print a placeholder.
 */
describe.skipIf(isEngineUnavailable())('the agenda item page and its own bilag', () => {
  let t: TestApp;
  let secretary: TestUser;
  let reader: TestUser;
  let participant: TestUser;
  let meetingId: string;
  let openItemId: string;
  let closedItemId: string;

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    payload?: object,
    user = secretary,
  ) => t.app.inject({ method, url, headers: bearer(user), payload });
  const upload = (url: string, files: MultipartFile[], fields: Record<string, string> = {}) => {
    const body = multipartBody(fields, files);
    return t.app.inject({
      method: url.endsWith('/file') ? 'PUT' : 'POST',
      url,
      headers: { ...bearer(secretary), ...body.headers },
      payload: body.payload,
    });
  };
  const itemUrl = (itemId: string) => `/api/v1/meetings/${meetingId}/items/${itemId}`;
  const item = async (itemId: string) => {
    const meeting = (await api('GET', `/api/v1/meetings/${meetingId}`)).json() as {
      items: Item[];
    };
    return meeting.items.find((candidate) => candidate.id === itemId)!;
  };
  const storedFileCount = async () => {
    const [row] = await t.database.db.select({ count: count() }).from(storedFiles);
    return row!.count;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    const found = (await t.database.db.execute(sql`
      SELECT m.organization_id AS organization_id,
        (SELECT person_id FROM memberships ms WHERE ms.organization_id = m.organization_id
          AND ms.role <> 'substitute' LIMIT 1) AS member_id
      FROM meetings m WHERE m.title = 'Rådmandsmøde' LIMIT 1`)) as {
      rows: Array<{ organization_id: string; member_id: string }>;
    };
    const { organization_id: organizationId, member_id: memberId } = found.rows[0]!;
    reader = await createTestUser(t.database, 'reader', { personId: memberId });
    participant = await createTestUser(t.database, 'participant', { personId: memberId });
    const created = await api('POST', '/api/v1/meetings', {
      organizationId,
      title: 'Rådmandsmøde',
      start: '2099-03-02T09:00:00+01:00',
      end: '2099-03-02T11:00:00+01:00',
    });
    meetingId = (created.json() as { id: string }).id;
    const open = await api('POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Status på hjælp til økonomisk trængte borgere',
      durationMinutes: 15,
      attachments: ['Økonomioversigt', 'Tidsplan'],
    });
    openItemId = (open.json() as { id: string }).id;
    const closed = await api('POST', `/api/v1/meetings/${meetingId}/items`, {
      title: closedTitle,
      durationMinutes: 10,
      isPublic: false,
      publicTitle: 'Personalesag',
      closedReasonCode: 'personnel',
    });
    closedItemId = (closed.json() as { id: string }).id;
  });
  afterAll(() => t?.close());

  it('uploads a PDF to the item, lists it after the title-only bilag and serves it', async () => {
    const pdf = await makePdf(['Handleplan for boligsociale indsatser', 'Side to']);
    const response = await upload(
      `${itemUrl(openItemId)}/attachments`,
      [{ fileName: 'Handleplan.pdf', bytes: pdf }],
      { title: 'Handleplan' },
    );
    expect(response.statusCode).toBe(201);
    const { data } = response.json() as { data: Attachment[] };
    expect(data.map((row) => [row.position, row.title, row.fileName])).toEqual([
      [1, 'Økonomioversigt', null],
      [2, 'Tidsplan', null],
      [3, 'Handleplan', 'Handleplan.pdf'],
    ]);
    const download = await api('GET', data[2]!.url!);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(download.rawPayload, Buffer.from(pdf))).toBe(0);
    // The meeting's API lists it among the item's bilag, with the same file address.
    const listed = (await item(openItemId)).attachments.find((row) => row.title === 'Handleplan');
    expect(listed).toMatchObject({ fromPaper: false, url: data[2]!.url });
  });

  it('gives a title-only bilag its file, and the package includes it instead of a placeholder', async () => {
    const list = (await api('GET', `${itemUrl(openItemId)}/attachments`)).json() as {
      data: Attachment[];
    };
    for (const [index, row] of list.data.filter((one) => one.fileName === null).entries()) {
      const bytes = await makePdf([`Indhold af bilag ${index + 1}: ${row.title}`]);
      const response = await upload(`${itemUrl(openItemId)}/attachments/${row.id}/file`, [
        { fileName: `${row.title}.pdf`, bytes },
      ]);
      expect(response.statusCode).toBe(200);
    }
    const built = await buildMeetingPackage(
      { actor: system, tx: t.database.db, blobs: t.app.blobs },
      meetingId,
      'full',
    );
    const text = pdfText(built.pdf);
    expect(text).toContain('Indhold af bilag 1: Økonomioversigt');
    expect(text).toContain('Indhold af bilag 2: Tidsplan');
    expect(text).toContain('Handleplan for boligsociale indsatser');
    expect(text).toContain('Punkt 1, Bilag 3: Handleplan');
    expect(text).not.toContain(da.packages.missingFile.slice(0, 40));
  });

  it('keeps files when the item form changes the title-only bilag', async () => {
    const extra = await api('POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Orientering',
      attachments: ['Notat'],
    });
    const extraId = (extra.json() as { id: string }).id;
    await upload(`${itemUrl(extraId)}/attachments`, [{ fileName: 'Billede.png', bytes: tinyPng }]);
    const changed = await api('PATCH', itemUrl(extraId), { attachments: ['Nyt notat', 'Kort'] });
    expect(changed.statusCode).toBe(200);
    const { data } = (await api('GET', `${itemUrl(extraId)}/attachments`)).json() as {
      data: Attachment[];
    };
    expect(data.map((row) => [row.position, row.title, row.fileName])).toEqual([
      [1, 'Nyt notat', null],
      [2, 'Billede', 'Billede.png'],
      [3, 'Kort', null],
    ]);
  });

  it('reorders, renames and removes bilag, and audits each change', async () => {
    const base = `${itemUrl(openItemId)}/attachments`;
    const before = (await api('GET', base)).json() as { data: Attachment[] };
    const last = before.data[2]!;
    const moved = await api('PATCH', `${base}/${last.id}`, { move: 'up' });
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as { data: Attachment[] }).data.map((row) => row.title)).toEqual([
      'Økonomioversigt',
      'Handleplan',
      'Tidsplan',
    ]);
    const renamed = await api('PATCH', `${base}/${last.id}`, { title: 'Handleplan 2099' });
    expect((renamed.json() as { data: Attachment[] }).data[1]!.title).toBe('Handleplan 2099');
    const removed = await api('DELETE', `${base}/${before.data[0]!.id}`);
    expect(removed.statusCode).toBe(204);
    const after = (await api('GET', base)).json() as { data: Attachment[] };
    expect(after.data.map((row) => [row.position, row.title])).toEqual([
      [1, 'Handleplan 2099'],
      [2, 'Tidsplan'],
    ]);
    const actions = (
      await t.database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, openItemId))
    ).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'agendaItem.attachments.add',
        'agendaItem.attachments.file',
        'agendaItem.attachments.move',
        'agendaItem.attachments.rename',
        'agendaItem.attachments.remove',
      ]),
    );
  });

  it('refuses bad files with a stable code over the API, and stores nothing', async () => {
    const base = `${itemUrl(openItemId)}/attachments`;
    const before = { rows: await storedFileCount(), list: (await api('GET', base)).body };
    const cases: Array<[MultipartFile, number, string]> = [
      [{ fileName: 'billede.pdf', bytes: tinyPng }, 415, 'FILE_TYPE_NOT_ALLOWED'],
      [
        { fileName: 'side.html', bytes: Buffer.from('<html></html>') },
        415,
        'FILE_TYPE_NOT_ALLOWED',
      ],
      [{ fileName: 'halv.pdf', bytes: (await makePdf()).slice(0, 300) }, 422, 'FILE_UNREADABLE'],
      [
        { fileName: 'bombe.docx', bytes: await docxBomb(12 * 1000 * 1000) },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];
    for (const [file, status, code] of cases) {
      const response = await upload(base, [file]);
      expect(response.statusCode, file.fileName).toBe(status);
      expect((response.json() as ApiError).error.code, file.fileName).toBe(code);
    }
    expect(await storedFileCount()).toBe(before.rows);
    expect((await api('GET', base)).body).toBe(before.list);
  });

  it('shows a refused upload on the re-rendered item page in Danish, with nothing stored', async () => {
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${meetingId}/punkter/${openItemId}`);
    expect(page.statusCode).toBe(200);
    const before = await storedFileCount();
    const refused = await session.postMultipart(
      `/moeder/${meetingId}/punkter/${openItemId}/bilag`,
      {},
      [{ fileName: 'billede.pdf', bytes: tinyPng }],
    );
    expect(refused.statusCode).toBe(415);
    expect(refused.body).toContain('Filnavnet &quot;billede.pdf&quot; passer ikke');
    expect(refused.body).toContain(
      '<h1>Punkt 1: Status på hjælp til økonomisk trængte borgere</h1>',
    );
    expect(await storedFileCount()).toBe(before);
    const accepted = await session.postMultipart(
      `/moeder/${meetingId}/punkter/${openItemId}/bilag`,
      { title: 'Kort over området' },
      [{ fileName: 'kort.png', bytes: tinyPng }],
    );
    expect(accepted.statusCode).toBe(303);
    const after = await session.get(`/moeder/${meetingId}/punkter/${openItemId}`);
    expect(after.body).toContain('Kort over området');
    expect(after.body).toContain(da.itemPage.actions['agendaItem.attachments.add']);
  });

  it('links every item on the agenda and the printable agenda to its page', async () => {
    const session = await signIn(t.app, secretary);
    for (const path of [`/moeder/${meetingId}`, `/moeder/${meetingId}/udskrift`]) {
      const page = await session.get(path);
      for (const itemId of [openItemId, closedItemId]) {
        expect(page.body, path).toContain(`href="/moeder/${meetingId}/punkter/${itemId}"`);
      }
    }
  });

  it('gives a reader of a closed item 404 on its page, its bilag and its files, and leaks nothing', async () => {
    const pdf = await makePdf(['Fortroligt bilag om fratrædelsen']);
    const uploaded = await upload(`${itemUrl(closedItemId)}/attachments`, [
      { fileName: 'Fratraedelse.pdf', bytes: pdf },
    ]);
    expect(uploaded.statusCode).toBe(201);
    const file = (uploaded.json() as { data: Attachment[] }).data[0]!;
    const page = `/moeder/${meetingId}/punkter/${closedItemId}`;
    for (const url of [
      page,
      `${page}/bilag/${file.id}`,
      `${itemUrl(closedItemId)}/attachments`,
      file.url!,
    ]) {
      const response = await t.app.inject({
        url,
        headers: {
          ...bearer(reader),
          accept: url.startsWith('/api/') ? 'application/json' : 'text/html',
        },
      });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain(closedTitle);
      expect(response.body, url).not.toContain('Fratraedelse');
    }
    // The agenda names the closed item by its public title, without a link to its page.
    const agenda = await t.app.inject({ url: `/moeder/${meetingId}`, headers: bearer(reader) });
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).not.toContain(closedTitle);
    expect(agenda.body).not.toContain(`href="${page}"`);
    // A member who reads closed items sees the page and the file.
    const member = await t.app.inject({ url: page, headers: bearer(participant) });
    expect(member.statusCode).toBe(200);
    expect(member.body).toContain(closedTitle);
    expect(member.body).toContain('Fratraedelse.pdf');
    // Readers read the open item's page, but get no forms to change it.
    const open = await t.app.inject({
      url: `/moeder/${meetingId}/punkter/${openItemId}`,
      headers: bearer(reader),
    });
    expect(open.statusCode).toBe(200);
    expect(open.body).not.toContain('enctype="multipart/form-data"');
  });

  it('refuses writes to the bilag of a reader, and of anyone once the meeting is held', async () => {
    const base = `${itemUrl(openItemId)}/attachments`;
    const { data } = (await api('GET', base)).json() as { data: Attachment[] };
    const denied = await api('DELETE', `${base}/${data[0]!.id}`, undefined, participant);
    expect(denied.statusCode).toBe(403);
    await t.database.db.execute(sql`UPDATE meetings SET status = 'held' WHERE id = ${meetingId}`);
    const cases = [
      await upload(base, [{ fileName: 'sent.png', bytes: tinyPng }]),
      await api('PATCH', `${base}/${data[1]!.id}`, { move: 'up' }),
      await api('DELETE', `${base}/${data[0]!.id}`),
    ];
    for (const response of cases) {
      expect(response.statusCode).toBe(409);
      expect((response.json() as ApiError).error.code).toBe('MEETING_LOCKED');
    }
    expect(((await api('GET', base)).json() as { data: Attachment[] }).data).toEqual(data);
  });
});
