import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
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
import { docxBomb, pdfBomb, xlsxBomb } from '../../../test/bomb-factories';
import { isEngineUnavailable } from '../../../test/database';
import { storedFiles } from '../files/db-schema';
import { encryptPdf, makeDocx, makePdf, makeXlsx, tinyPng } from '../../../test/file-factories';
import { pdfText } from '../../../test/pdf-tools';

type Attachment = {
  id: string;
  number: number;
  title: string;
  label: string;
  fileName: string;
  mediaType: string;
  pageCount: number | null;
  sha256: string;
  url: string;
};
type ApiError = { error: { code: string; message: string } };

/** Every file under the blob store, so a test sees exactly what reached the disk. */
async function blobFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'blobs');
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

describe.skipIf(isEngineUnavailable())('bilag on papers', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let secretary: TestUser;
  let reader: TestUser;
  let councilId: string;
  let futureMeetingId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'reader');
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ title: string; organization: { id: string } }> };
    councilId = meetings.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.organization
      .id;
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: councilId,
        title: 'Rådmandsmøde',
        start: '2099-01-19T09:00:00+01:00',
        end: '2099-01-19T10:00:00+01:00',
      },
    });
    futureMeetingId = (future.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  async function newPaper(): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: { organizationId: councilId, title: 'Sammen om Opgaven', paperDate: '2023-11-01' },
    });
    return (response.json() as { id: string }).id;
  }

  const upload = (paperId: string, files: MultipartFile[], fields: Record<string, string> = {}) => {
    const body = multipartBody(fields, files);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: { ...bearer(caseOfficer), ...body.headers },
      payload: body.payload,
    });
  };
  const storedFileCount = async () => {
    const [row] = await t.database.db.select({ count: count() }).from(storedFiles);
    return row!.count;
  };

  it('stores an uploaded PDF once, numbers it, extracts its text and serves it back', async () => {
    const paperId = await newPaper();
    const pdf = await makePdf(['Status på hjælp til økonomisk trængte borgere', 'Side 2']);
    const response = await upload(paperId, [{ fileName: 'Status på hjælp.pdf', bytes: pdf }], {
      title: 'Status på hjælp til økonomisk trængte borgere',
    });
    expect(response.statusCode).toBe(201);
    const [attachment] = (response.json() as { data: Attachment[] }).data;
    expect(attachment).toMatchObject({
      number: 1,
      title: 'Status på hjælp til økonomisk trængte borgere',
      label: 'Bilag 1: Status på hjælp til økonomisk trængte borgere',
      fileName: 'Status på hjælp.pdf',
      mediaType: 'application/pdf',
      pageCount: 2,
    });
    expect(await blobFiles(t.dataDir)).toContain(attachment!.sha256);
    const [stored] = await t.database.db
      .select({ text: storedFiles.extractedText })
      .from(storedFiles)
      .where(eq(storedFiles.sha256, attachment!.sha256));
    expect(stored!.text).toContain('Status på hjælp til økonomisk trængte borgere');

    const download = await t.app.inject({ url: attachment!.url, headers: bearer(caseOfficer) });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''Status%20p%C3%A5%20hj%C3%A6lp.pdf",
    );
    expect(download.headers.etag).toBe(`"${attachment!.sha256}"`);
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(download.rawPayload, Buffer.from(pdf))).toBe(0);
    const again = await t.app.inject({
      url: attachment!.url,
      headers: { ...bearer(caseOfficer), 'if-none-match': `"${attachment!.sha256}"` },
    });
    expect(again.statusCode).toBe(304);
  });

  it('keeps identical files once, however often and wherever they are attached', async () => {
    const docx = await makeDocx('Sammen om Opgaven', ['Fælles indsats']);
    const before = { blobs: (await blobFiles(t.dataDir)).length, rows: await storedFileCount() };
    const first = await upload(await newPaper(), [{ fileName: 'a.docx', bytes: docx }]);
    const second = await upload(await newPaper(), [{ fileName: 'kopi.docx', bytes: docx }]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect((await blobFiles(t.dataDir)).length).toBe(before.blobs + 1);
    expect(await storedFileCount()).toBe(before.rows + 1);
    const titles = (second.json() as { data: Attachment[] }).data.map((a) => a.title);
    expect(titles).toEqual(['kopi']);
  });

  it('refuses mislabelled, corrupt and encrypted files and leaves nothing behind', async () => {
    const paperId = await newPaper();
    const pdf = await makePdf();
    const before = { blobs: await blobFiles(t.dataDir), rows: await storedFileCount() };
    const cases: Array<[MultipartFile, number, string]> = [
      [{ fileName: 'billede.pdf', bytes: tinyPng }, 415, 'FILE_TYPE_NOT_ALLOWED'],
      [
        { fileName: 'side.html', bytes: Buffer.from('<html></html>') },
        415,
        'FILE_TYPE_NOT_ALLOWED',
      ],
      [{ fileName: 'halv.pdf', bytes: pdf.slice(0, 300) }, 422, 'FILE_UNREADABLE'],
      [{ fileName: 'laast.pdf', bytes: encryptPdf(pdf) }, 422, 'FILE_UNREADABLE'],
    ];
    for (const [file, status, code] of cases) {
      const response = await upload(paperId, [file]);
      expect(response.statusCode, file.fileName).toBe(status);
      expect((response.json() as ApiError).error.code).toBe(code);
    }
    // One good and one bad file in the same upload: neither is kept.
    const mixed = await upload(paperId, [
      { fileName: 'budget.xlsx', bytes: makeXlsx(['Budget']) },
      { fileName: 'halv.pdf', bytes: pdf.slice(0, 300) },
    ]);
    expect(mixed.statusCode).toBe(422);
    expect(await blobFiles(t.dataDir)).toEqual(before.blobs);
    expect(await storedFileCount()).toBe(before.rows);
    const list = await t.app.inject({
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: bearer(caseOfficer),
    });
    expect((list.json() as { data: unknown[] }).data).toEqual([]);
  });

  it('refuses bilag that unpack to too much with 413 and a Danish message, and stores nothing', async () => {
    const paperId = await newPaper();
    const megabyte = 1000 * 1000;
    const before = { blobs: await blobFiles(t.dataDir), rows: await storedFileCount() };
    const cases: Array<[MultipartFile, RegExp]> = [
      [
        { fileName: 'memo.docx', bytes: await docxBomb(12 * megabyte) },
        /^Filen pakker sig ud til mere end 100 gange sin størrelse: delen "word\/document.xml"/,
      ],
      [
        { fileName: 'loegn.docx', bytes: await docxBomb(12 * megabyte, 1000) },
        /^Filen pakker sig ud til mere end den selv oplyser/,
      ],
      [
        { fileName: 'budget.xlsx', bytes: xlsxBomb(12 * megabyte) },
        /"xl\/sharedStrings.xml" fylder/,
      ],
      [
        { fileName: 'rapport.pdf', bytes: await pdfBomb(70 * megabyte) },
        /^PDF-filen pakker sig ud til mere end 64 MB i sine objektstrømme/,
      ],
    ];
    for (const [file, message] of cases) {
      const response = await upload(paperId, [file]);
      expect(response.statusCode, file.fileName).toBe(413);
      const { error } = response.json() as ApiError;
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toMatch(message);
    }
    // A good file beside a bomb in the same upload is not kept either.
    const mixed = await upload(paperId, [
      { fileName: 'budget.xlsx', bytes: makeXlsx(['Budget']) },
      cases[0]![0],
    ]);
    expect(mixed.statusCode).toBe(413);
    expect(await blobFiles(t.dataDir)).toEqual(before.blobs);
    expect(await storedFileCount()).toBe(before.rows);
    const list = await t.app.inject({
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: bearer(caseOfficer),
    });
    expect((list.json() as { data: unknown[] }).data).toEqual([]);
  });

  it('refuses a file over the configured limit with 413 and a Danish message', async () => {
    const small = await createTestApp({ demo: true, config: { uploadMaxBytes: 1024 } });
    try {
      const officer = await createTestUser(small.database, 'case_officer');
      const organizations = (
        await small.app.inject({ url: '/api/v1/organizations', headers: bearer(officer) })
      ).json() as { data: Array<{ id: string }> };
      const paper = await small.app.inject({
        method: 'POST',
        url: '/api/v1/papers',
        headers: bearer(officer),
        payload: {
          organizationId: organizations.data[0]!.id,
          title: 'Stor',
          paperDate: '2023-11-01',
        },
      });
      const blobsBefore = await blobFiles(small.dataDir);
      const body = multipartBody({}, [{ fileName: 'stor.pdf', bytes: Buffer.alloc(4096, 1) }]);
      const response = await small.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${(paper.json() as { id: string }).id}/attachments`,
        headers: { ...bearer(officer), ...body.headers },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(413);
      expect((response.json() as ApiError).error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Filen er for stor. Den må højst fylde 0 MB.',
      });
      expect(await blobFiles(small.dataDir)).toEqual(blobsBefore);
    } finally {
      await small.close();
    }
  });

  it('renames, reorders and removes bilag, renumbering them and keeping versions', async () => {
    const paperId = await newPaper();
    await upload(paperId, [
      { fileName: 'Et.pdf', bytes: await makePdf(['1']) },
      { fileName: 'To.png', bytes: tinyPng },
      { fileName: 'Tre.xlsx', bytes: makeXlsx(['3']) },
    ]);
    const list = async () =>
      (
        (
          await t.app.inject({
            url: `/api/v1/papers/${paperId}/attachments`,
            headers: bearer(caseOfficer),
          })
        ).json() as { data: Attachment[] }
      ).data;
    const [one, two] = await list();
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/papers/${paperId}/attachments/${id}`,
        headers: bearer(caseOfficer),
        payload,
      });
    expect((await patch(two!.id, { title: 'Kort over området', move: 'up' })).statusCode).toBe(200);
    expect((await list()).map((a) => a.label)).toEqual([
      'Bilag 1: Kort over området',
      'Bilag 2: Et',
      'Bilag 3: Tre',
    ]);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/papers/${paperId}/attachments/${one!.id}`,
      headers: bearer(caseOfficer),
    });
    expect(removed.statusCode).toBe(204);
    expect((await list()).map((a) => `${a.number} ${a.title}`)).toEqual([
      '1 Kort over området',
      '2 Tre',
    ]);
    const compare = await t.app.inject({
      url: `/api/v1/papers/${paperId}/versions/compare?from=1&to=5`,
      headers: bearer(caseOfficer),
    });
    const bilag = (
      compare.json() as {
        sections: Array<{
          heading: string;
          change: string;
          parts: Array<{ kind: string; text: string }>;
        }>;
      }
    ).sections.find((section) => section.heading === 'Bilag')!;
    expect(bilag.change).toBe('changed');
    expect(bilag.parts.map((part) => part.text).join('')).toContain('Kort over området');
  });

  it('lists the paper bilag on the agenda item as "Punkt N, Bilag M" once approved', async () => {
    const paperId = await newPaper();
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/cover`,
      headers: bearer(caseOfficer),
      payload: {
        purpose: 'Orientering.',
        keyMessages: ['Det går godt.'],
        requestedAction: 'orientering',
      },
    });
    await upload(paperId, [
      { fileName: 'Sammen om Opgaven.pdf', bytes: await makePdf(['Opgaven']) },
    ]);
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/submissions`,
      headers: bearer(caseOfficer),
      payload: { meetingId: futureMeetingId, durationMinutes: 10 },
    });
    const submissionId = (submitted.json() as { id: string }).id;
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${submissionId}/approve`,
      headers: bearer(secretary),
      payload: {},
    });
    expect(approved.statusCode).toBe(200);
    const meeting = (
      await t.app.inject({ url: `/api/v1/meetings/${futureMeetingId}`, headers: bearer(secretary) })
    ).json() as {
      items: Array<{
        number: string;
        paperId: string | null;
        attachments: Array<{ label: string; url: string | null; fromPaper: boolean }>;
      }>;
    };
    const item = meeting.items.find((candidate) => candidate.paperId === paperId)!;
    expect(item.attachments).toEqual([
      expect.objectContaining({
        label: `Punkt ${item.number}, Bilag 1: Sammen om Opgaven`,
        fromPaper: true,
      }),
    ]);
    const page = await (await signIn(t.app, secretary)).get(`/moeder/${futureMeetingId}`);
    expect(page.body).toContain(`href="/bilag/`);
    expect(page.body).toContain('Bilag 1: Sammen om Opgaven');

    // On the agenda the paper is frozen: no more bilag.
    const late = await upload(paperId, [{ fileName: 'x.png', bytes: tinyPng }]);
    expect(late.statusCode).toBe(409);

    // Once the meeting has dealt with it, the secretariat marks it treated (the author cannot).
    const markTreated = (user: TestUser) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${paperId}/treated`,
        headers: bearer(user),
      });
    expect((await markTreated(caseOfficer)).statusCode).toBe(403);
    const session = await signIn(t.app, secretary);
    expect((await session.get(`/sager/${paperId}`)).body).toContain('Markér som behandlet');
    const treated = await session.post(`/sager/${paperId}/behandlet`, {});
    expect(treated.statusCode).toBe(303);
    expect((await session.get(`/sager/${paperId}`)).body).not.toContain('Markér som behandlet');
    const again = await markTreated(secretary);
    expect(again.statusCode).toBe(409);
  });

  it('has the seed bilag as a real PDF on the rådmandsmøde agenda', async () => {
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string; start: string }> };
    const council = meetings.data.find(
      (meeting) => meeting.title === 'Rådmandsmøde' && meeting.start.startsWith('2023-11-13'),
    )!;
    const detail = (
      await t.app.inject({ url: `/api/v1/meetings/${council.id}`, headers: bearer(secretary) })
    ).json() as {
      items: Array<{
        number: string;
        paperId: string | null;
        attachments: Array<{ label: string; url: string }>;
      }>;
    };
    const item = detail.items.find((candidate) => candidate.paperId !== null)!;
    expect(item.attachments.map((attachment) => attachment.label)).toEqual([
      `Punkt ${item.number}, Bilag 1: Status på hjælp til økonomisk trængte borgere`,
    ]);
    const file = await t.app.inject({ url: item.attachments[0]!.url, headers: bearer(secretary) });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(pdfText(file.rawPayload)).toContain('fritidspas');
  });

  it('hides the bilag of a draft from those who may not see the draft', async () => {
    const paperId = await newPaper();
    const response = await upload(paperId, [{ fileName: 'kladde.png', bytes: tinyPng }]);
    const [attachment] = (response.json() as { data: Attachment[] }).data;
    const denied = await t.app.inject({ url: attachment!.url, headers: bearer(reader) });
    expect(denied.statusCode).toBe(404);
    const page = await (await signIn(t.app, reader)).get(`/bilag/${attachment!.id}`);
    expect(page.statusCode).toBe(404);
  });

  it('uploads through the page form with the CSRF token, and shows a refusal in Danish', async () => {
    const paperId = await newPaper();
    const session = await signIn(t.app, caseOfficer);
    const page = await session.get(`/sager/${paperId}`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const uploaded = await session.postMultipart(`/sager/${paperId}/bilag`, { title: '' }, [
      { fileName: 'Notat om økonomi.docx', bytes: await makeDocx('Økonomi', ['Tal']) },
    ]);
    expect(uploaded.statusCode).toBe(303);
    const after = await session.get(`/sager/${paperId}`);
    expect(after.body).toContain('Notat om økonomi');
    expect(after.body).toContain('Notat om økonomi.docx (Word');

    const refused = await session.postMultipart(`/sager/${paperId}/bilag`, {}, [
      { fileName: 'rapport.pdf', bytes: tinyPng },
    ]);
    expect(refused.statusCode).toBe(415);
    expect(refused.body).toContain('passer ikke til filens indhold');

    const body = multipartBody({}, [{ fileName: 'x.png', bytes: tinyPng }]);
    const forged = await t.app.inject({
      method: 'POST',
      url: `/sager/${paperId}/bilag`,
      headers: { cookie: session.cookieHeader, ...body.headers },
      payload: body.payload,
    });
    expect(forged.statusCode).toBe(403);
  });
});
