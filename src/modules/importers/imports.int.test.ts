import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { readSample, samplePath } from '../../../test/esdh-samples';
import { listPublicMeetings } from '../publishing/index';

/** A sample export folder zipped as an administrator would upload it. */
function zipFolder(folder: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[`export/${relative(folder, path)}`] = readFileSync(path);
    }
  };
  walk(folder);
  return zipSync(files);
}

describe.skipIf(isEngineUnavailable())('importing through the API and the page', () => {
  let t: TestApp;
  let administrator: TestUser;
  let secretary: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    administrator = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
  });
  afterAll(() => t?.close());

  const upload = (
    user: TestUser,
    fields: Record<string, string>,
    fileName: string,
    bytes: Uint8Array,
  ) => {
    const body = multipartBody(fields, [{ fileName, bytes }]);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(user), ...body.headers },
      payload: body.payload,
    });
  };

  it('is not there for anyone but administrators', async () => {
    const anonymousPage = await t.app.inject({
      url: '/admin/import',
      headers: { accept: 'text/html' },
    });
    expect(anonymousPage.headers.location).toMatch(/^\/login/);
    const anonymousApi = await t.app.inject({ method: 'POST', url: '/api/v1/imports' });
    expect(anonymousApi.statusCode).toBe(401);
    const xml = readSample('publication-ballerup-2013', 'Publication32.xml');
    const refused = await upload(secretary, {}, 'Publication32.xml', xml);
    expect(refused.statusCode).toBe(404);
    const session = await signIn(t.app, secretary);
    expect((await session.get('/admin/import')).statusCode).toBe(404);
    expect((await session.get('/moeder')).body).not.toContain('href="/admin/import"');
    expect(await listPublicMeetings(t.database.db)).toHaveLength(1);
  });

  it('imports an export folder uploaded as a zip, dry run first', async () => {
    const zip = zipFolder(samplePath('publication-ballerup-2013'));
    const dry = await upload(administrator, { dryRun: 'true' }, 'eksport.zip', zip);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      format: 'publication',
      meetings: 1,
      items: 5,
      files: 1,
      warnings: [],
      dryRun: true,
    });
    expect((await listPublicMeetings(t.database.db)).map((meeting) => meeting.title)).not.toContain(
      'KMB IT-udvalget',
    );

    const real = await upload(administrator, { format: 'publication' }, 'eksport.zip', zip);
    expect(real.statusCode).toBe(200);
    expect(real.json()).toMatchObject({ meetings: 1, items: 5, files: 1, dryRun: false });
    const published = (await listPublicMeetings(t.database.db)).find(
      (meeting) => meeting.title === 'KMB IT-udvalget',
    );
    expect(published?.kind).toBe('agenda');
    expect(published?.items.map((item) => item.number)).toEqual(['1', '2', '3', '4', '5']);
    const item3 = published?.items.find((item) => item.number === '3');
    expect(item3?.attachments).toHaveLength(1);
    const portal = await t.app.inject({ url: `/offentlig/moeder/${published!.meetingId}` });
    expect(portal.body).toContain('Indførelse af systemet SAPA');
  });

  it('explains a refused export in Danish and writes nothing', async () => {
    const before = (await listPublicMeetings(t.database.db)).length;
    const notAnExport = await upload(
      administrator,
      {},
      'noter.xml',
      Buffer.from('<?xml version="1.0"?><noter><note>hej</note></noter>'),
    );
    expect(notAnExport.statusCode).toBe(415);
    const { error } = notAnExport.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('IMPORT_FORMAT_UNKNOWN');
    expect(error.message).toContain('ikke i et format');
    const empty = multipartBody({ format: 'auto' }, []);
    const missingFile = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(administrator), ...empty.headers },
      payload: empty.payload,
    });
    expect(missingFile.statusCode).toBe(400);
    expect((await listPublicMeetings(t.database.db)).length).toBe(before);
  });

  it('works as a plain form without JavaScript: summary and warnings, errors with the choices kept', async () => {
    const session = await signIn(t.app, administrator);
    const page = await session.get('/admin/import');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('name="format"');
    // The layout's menu scripts aside, the page has no script of its own.
    const ownMarkup = page.body.replace(/<script [^>]*src="\/static\/[^"]+"[^>]*><\/script>/g, '');
    expect(ownMarkup).not.toContain('<script');
    expect((await session.get('/moeder')).body).toContain('href="/admin/import"');

    const xml = readSample('publication-regionh-2012', 'Publication553.xml');
    const tried = await session.postMultipart(
      '/admin/import',
      { format: 'publication', dryRun: 'on' },
      [{ fileName: 'Publication553.xml', bytes: xml }],
    );
    expect(tried.statusCode).toBe(200);
    expect(tried.body).toContain('Prøveimport: intet er gemt.');
    expect(tried.body).toContain('1 møder');
    // The region's export names enclosures it does not hold: each is a row in the warnings table.
    expect(tried.body).toContain('<th scope="col">Kode</th>');
    expect(tried.body).toMatch(/<td data-title="[^"]+"[^>]*><code>[A-Z_]+<\/code><\/td>/);

    const refused = await session.postMultipart('/admin/import', { format: 'edoc', dryRun: 'on' }, [
      { fileName: 'Publication553.xml', bytes: xml },
    ]);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.body).toContain('class="form-error-message"');
    expect(refused.body).toMatch(/<option value="edoc" selected/);
    expect(refused.body).toMatch(/name="dryRun"[^>]*checked/);
  });
});
