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

describe.skipIf(isEngineUnavailable())('paper pages', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let reader: TestUser;
  let councilId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    reader = await createTestUser(t.database, 'reader');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(caseOfficer) })
    ).json() as {
      data: Array<{ id: string; classification: string }>;
    };
    councilId = organizations.data.find(
      (organization) => organization.classification === 'raadmandskreds',
    )!.id;
  });
  afterAll(() => t.close());

  it('creates a draft through the form, re-rendering bad input in Danish without writing it', async () => {
    const session = await signIn(t.app, caseOfficer);
    await session.get('/sager/ny');
    const bad = await session.post('/sager/ny', {
      title: '',
      organizationId: councilId,
      paperDate: '2023-11-01',
      caseNumber: '2023/12',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Skal udfyldes.');
    const badCaseNumber = await session.post('/sager/ny', {
      title: 'Ny sag',
      organizationId: councilId,
      paperDate: '2023-11-01',
      caseNumber: '2023/12',
    });
    expect(badCaseNumber.statusCode).toBe(400);
    expect(badCaseNumber.body).toContain('Sagsnummeret skal have formen EMN-2023-012026.');
    expect(badCaseNumber.body).toContain('value="2023/12"');
    const before = (
      (await t.app.inject({ url: '/api/v1/papers', headers: bearer(caseOfficer) })).json() as {
        data: unknown[];
      }
    ).data.length;
    expect(before).toBe(2);

    const created = await session.post('/sager/ny', {
      title: 'Ny sag',
      organizationId: councilId,
      paperDate: '2023-11-01',
      caseNumber: 'EMN-2023-012345',
      caseOfficers: 'Anne Stolberg\nCarsten Grønholdt',
    });
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!;
    const form = await session.get(editUrl);
    expect(form.body).toContain('SAGSFREMSTILLING');

    // Sections post as repeated heading/html fields, as the browser sends the form.
    const fields = new URLSearchParams({
      title: 'Ny sag',
      paperDate: '2023-11-01',
      caseNumber: 'EMN-2023-012345',
      kind: 'notat',
      addressee: 'direktionen',
      caseOfficers: 'Anne Stolberg\nCarsten Grønholdt',
    });
    fields.append('heading', 'SAGSFREMSTILLING');
    fields.append(
      'html',
      '<p>Tekst med <a href="javascript:alert(1)">link</a>.</p><img src=x onerror=alert(1)>',
    );
    const saved = await t.app.inject({
      method: 'POST',
      url: editUrl,
      headers: {
        cookie: session.cookieHeader,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `${fields.toString()}&_csrf=${encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(form.body)![1]!)}`,
    });
    expect(saved.statusCode).toBe(303);
    const page = await session.get(saved.headers.location!);
    expect(page.body).toContain('<p>Tekst med <a rel="noopener noreferrer">link</a>.</p>');
    expect(page.body).not.toMatch(/onerror|javascript:/);
    expect(page.body).toContain('Notat til Rådmandskredsen');
    expect(page.body).toContain('Anne Stolberg/Carsten Grønholdt');
  });

  it('keeps readers out of writing and away from drafts', async () => {
    const session = await signIn(t.app, reader);
    expect((await session.get('/sager/ny')).statusCode).toBe(403);
    const list = await session.get('/sager');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Der er ingen sager.');
  });
});
