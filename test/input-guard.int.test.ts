import { connect } from 'node:net';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  signIn,
  type TestApp,
  type TestUser,
} from './app-harness';
import { isEngineUnavailable } from './database';
import { makePdf } from './file-factories';
import { loginThrottles } from '../src/modules/accounts/db-schema';
import { storedFiles } from '../src/modules/files/db-schema';

type ApiError = { error: { code: string; details: Array<{ field: string; message: string }> } };

/**
 * Hostile text and bodies are refused at the edge (issue 16): control characters, bidi
 * overrides, multipart bodies where no files are taken, and broken multipart bodies.
 */
describe.skipIf(isEngineUnavailable())('the input guard and the upload gate', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let paperId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(caseOfficer) })
    ).json() as { data: Array<{ id: string }> };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: {
        organizationId: organizations.data[0]!.id,
        title: 'Sag til fjendtlige input',
        paperDate: '2026-12-07',
      },
    });
    expect(created.statusCode).toBe(201);
    paperId = (created.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  const paperTitle = async () =>
    (
      (
        await t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(caseOfficer) })
      ).json() as { title: string }
    ).title;

  it('answers a NUL byte in the login form with 400 and counts no failure', async () => {
    const countThrottles = async () =>
      (await t.database.db.select({ count: count() }).from(loginThrottles))[0]!.count;
    const before = await countThrottles();
    const page = await t.app.inject({ url: '/login' });
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const response = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=a%00b%40x.dk&password=x&_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('usynligt styretegn');
    expect(await countThrottles()).toBe(before);
  });

  it('refuses control characters in JSON, query and form fields, naming the field', async () => {
    for (const title of ['Ny\u0000titel', 'Ny\u0001titel', 'Ny\u007ftitel', 'Ny\u0085titel']) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/papers/${paperId}`,
        headers: bearer(caseOfficer),
        payload: { title },
      });
      expect(response.statusCode, JSON.stringify(title)).toBe(400);
      const body = response.json() as ApiError;
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details).toEqual([
        { field: 'title', message: expect.stringContaining('styretegn') as string },
      ]);
    }
    expect(await paperTitle()).toBe('Sag til fjendtlige input');

    const query = await t.app.inject({
      url: '/api/v1/search?q=a%00b',
      headers: bearer(caseOfficer),
    });
    expect(query.statusCode).toBe(400);
    expect((query.json() as ApiError).error.details[0]!.field).toBe('q');
  });

  it('keeps tabs and line breaks, and right-to-left text without controls', async () => {
    const title = 'Samarbejde\tmed مدرسة (skole)';
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/papers/${paperId}`,
      headers: bearer(caseOfficer),
      payload: { title },
    });
    expect(response.statusCode).toBe(200);
    expect(await paperTitle()).toBe(title);
  });

  it('refuses bidi overrides in titles and in file names, and stores nothing', async () => {
    const spoofed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/papers/${paperId}`,
      headers: bearer(caseOfficer),
      payload: { title: 'Referat \u202Efdp.exe' },
    });
    expect(spoofed.statusCode).toBe(400);
    expect((spoofed.json() as ApiError).error.details[0]!.message).toContain('retning');

    const [before] = await t.database.db.select({ count: count() }).from(storedFiles);
    const upload = multipartBody({ title: 'Bilag' }, [
      { fileName: 'bilag\u202Efdp.pdf', bytes: await makePdf(['Side']) },
    ]);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: { ...bearer(caseOfficer), ...upload.headers },
      payload: upload.payload,
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ApiError).error.details[0]!.field).toBe('file');
    const [after] = await t.database.db.select({ count: count() }).from(storedFiles);
    expect(after!.count).toBe(before!.count);
  });

  it('answers a broken multipart body on an upload route with 400, not 500', async () => {
    const file = await makePdf(['Side']);
    const good = multipartBody({ title: 'Bilag' }, [{ fileName: 'bilag.pdf', bytes: file }]);
    const broken = [
      { 'content-type': 'multipart/form-data' },
      { 'content-type': 'multipart/form-data; boundary=' },
      { 'content-type': 'multipart/form-data; boundary=forkert-graense' },
    ];
    for (const headers of broken) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/papers/${paperId}/attachments`,
        headers: { ...bearer(caseOfficer), ...headers },
        payload: good.payload,
      });
      expect(response.statusCode, headers['content-type']).toBe(400);
      expect((response.json() as ApiError).error.code).toBe('VALIDATION_FAILED');
    }
    const truncated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: { ...bearer(caseOfficer), ...good.headers },
      payload: good.payload.subarray(0, good.payload.length / 2),
    });
    expect(truncated.statusCode).toBe(400);
  });

  it('refuses a multipart body where no files are taken, before reading it', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    // Headers and the start of a 20 MB body that never comes: the answer must not wait for it.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(address.port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
      socket.write(
        [
          'POST /login HTTP/1.1',
          'Host: localhost',
          'Content-Type: multipart/form-data; boundary=x',
          `Content-Length: ${20 * 1024 * 1024}`,
          '',
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n',
        ].join('\r\n'),
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 415 /);

    const session = await signIn(t.app, caseOfficer);
    const form = await session.postMultipart('/moeder/ny', { title: 'x' }, []);
    expect(form.statusCode).toBe(415);
  });
});
