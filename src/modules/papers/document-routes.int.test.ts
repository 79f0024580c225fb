import mammoth from 'mammoth';
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
import { pdfInfo, pdfText, qpdfCheck } from '../../../test/pdf-tools';

describe.skipIf(isEngineUnavailable())('a memo as PDF and Word', () => {
  let t: TestApp;
  let secretary: TestUser;
  let reader: TestUser;
  let demoPaperId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'reader');
    const papers = (
      await t.app.inject({ url: '/api/v1/papers', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string; organization: { id: string } }> };
    const demo = papers.data.find(
      (paper) => paper.title === 'Orientering om vinterhjælp til økonomisk trængte',
    )!;
    demoPaperId = demo.id;
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(secretary),
      payload: { organizationId: demo.organization.id, title: 'Kladde', paperDate: '2023-11-01' },
    });
    draftId = (draft.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  it('typesets the seed memo as a tagged PDF with its letterhead, cover and sections', async () => {
    const response = await t.app.inject({
      url: `/api/v1/papers/${demoPaperId}/pdf`,
      headers: bearer(secretary),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('inline');
    const pdf = response.rawPayload;
    const text = pdfText(pdf);
    expect(text).toContain('Orientering om vinterhjælp til økonomisk trængte');
    expect(text).toContain('EMN-2023-012026');
    expect(text).toContain('SAGSFREMSTILLING');
    expect(text).toContain('Kort cover');
    expect(pdfInfo(pdf)).toMatchObject({ Tagged: 'yes' });
    expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors');
  });

  it('writes the memo as Word with real headings', async () => {
    const response = await t.app.inject({
      url: `/api/v1/papers/${demoPaperId}/docx`,
      headers: bearer(secretary),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const { value } = await mammoth.convertToHtml({ buffer: response.rawPayload });
    expect(value).toContain('SAGSFREMSTILLING</h2>');
    expect(value).toContain('Orientering om vinterhjælp til økonomisk trængte</h1>');
  });

  it('serves the documents from the memo page, and not to those who may not read the draft', async () => {
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/sager/${demoPaperId}`);
    expect(page.body).toContain(`href="/sager/${demoPaperId}/pdf"`);
    const pdf = await session.get(`/sager/${demoPaperId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const denied = await t.app.inject({
      url: `/api/v1/papers/${draftId}/docx`,
      headers: bearer(reader),
    });
    expect(denied.statusCode).toBe(404);
  });
});
