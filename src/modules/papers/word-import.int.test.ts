import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
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
import { docxBomb } from '../../../test/bomb-factories';
import { isEngineUnavailable } from '../../../test/database';

function memoDocx(): Promise<Buffer> {
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph('Sagsnummer: EMN-2023-012026'),
            heading('INDSTILLING'),
            new Paragraph('Det indstilles, at rådmanden tager orienteringen til efterretning.'),
            heading('Sagsfremstilling'),
            new Paragraph('Vinterhjælpen blev sat i gang i 2023.'),
            heading('Baggrund'),
            new Paragraph('Inflationen ramte de økonomisk trængte hårdest.'),
          ],
        },
      ],
    }),
  );
}

describe.skipIf(isEngineUnavailable())('Word import into a memo', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let reader: TestUser;
  let paperId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    reader = await createTestUser(t.database, 'reader');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(caseOfficer) })
    ).json() as { data: Array<{ id: string; classification: string }> };
    const paper = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: {
        organizationId: organizations.data.find((o) => o.classification === 'raadmandskreds')!.id,
        title: 'Vinterhjælp',
        paperDate: '2023-11-01',
      },
    });
    paperId = (paper.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  it('maps headings to sections through the API, returns the rest as unmapped, and saves nothing', async () => {
    const body = multipartBody({}, [{ fileName: 'memo.docx', bytes: await memoDocx() }]);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/word-import`,
      headers: { ...bearer(caseOfficer), ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(200);
    const result = response.json() as {
      caseNumber: string | null;
      sections: Array<{ heading: string; html: string }>;
      unmapped: Array<{ heading: string | null; html: string }>;
    };
    expect(result.caseNumber).toBe('EMN-2023-012026');
    const byHeading = new Map(result.sections.map((section) => [section.heading, section.html]));
    expect(byHeading.get('INDSTILLING')).toContain('tager orienteringen til efterretning');
    expect(byHeading.get('SAGSFREMSTILLING')).toContain('Vinterhjælpen blev sat i gang');
    expect(result.unmapped).toContainEqual({
      heading: 'Baggrund',
      html: '<p>Inflationen ramte de økonomisk trængte hårdest.</p>',
    });
    const paper = (
      await t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(caseOfficer) })
    ).json() as { sections: Array<{ html: string }> };
    expect(paper.sections.every((section) => section.html === '')).toBe(true);

    const forbidden = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/word-import`,
      headers: { ...bearer(reader), ...body.headers },
      payload: body.payload,
    });
    expect(forbidden.statusCode).toBe(404);
  });

  it('fills the edit form from the file and shows the unmapped text; a non-Word file is refused', async () => {
    const session = await signIn(t.app, caseOfficer);
    await session.get(`/sager/${paperId}/rediger`);
    const page = await session.postMultipart(`/sager/${paperId}/word`, {}, [
      { fileName: 'memo.docx', bytes: await memoDocx() },
    ]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Indholdet af memo.docx er sat ind i formularen.');
    expect(page.body).toContain('&lt;p>Vinterhjælpen blev sat i gang i 2023.&lt;/p>');
    expect(page.body).toContain('<h2 class="h4">Baggrund</h2>');
    expect(page.body).toContain('value="EMN-2023-012026"');

    const refused = await session.postMultipart(`/sager/${paperId}/word`, {}, [
      { fileName: 'memo.docx', bytes: Buffer.from('ikke en zip-fil') },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Filen er ikke en Word-fil (.docx).');
  });

  it('refuses a Word file that unpacks 1,000 times over with 413, in the API and on the page', async () => {
    const bomb = await docxBomb(12 * 1000 * 1000);
    const body = multipartBody({}, [{ fileName: 'memo.docx', bytes: bomb }]);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/word-import`,
      headers: { ...bearer(caseOfficer), ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(413);
    const { error } = response.json() as { error: { code: string; message: string } };
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/^Filen pakker sig ud til mere end 100 gange sin størrelse/);

    const session = await signIn(t.app, caseOfficer);
    await session.get(`/sager/${paperId}/rediger`);
    const page = await session.postMultipart(`/sager/${paperId}/word`, {}, [
      { fileName: 'memo.docx', bytes: bomb },
    ]);
    expect(page.statusCode).toBe(413);
    expect(page.body).toContain('Filen pakker sig ud til mere end 100 gange sin størrelse');
  });
});
