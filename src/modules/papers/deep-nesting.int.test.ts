import { and, eq } from 'drizzle-orm';
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
import { pdfText, qpdfCheck } from '../../../test/pdf-tools';
import type { Actor } from '../../platform/auth/policy';
import { buildMeetingPackage } from '../packages/index';
import { paperSections } from './db-schema';

/**
 * One memo must never break a meeting package (issue 16): section HTML nested past the limits is
 * refused when it is saved, and HTML stored before the limits (or imported) still prints.
 */

const nested = (open: string, close: string, depth: number, inner: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

/** What an attacker saved: each within the 200,000 characters a section may have. */
const hostile: Record<string, string> = {
  '60 nested lists': nested('<ul><li>', '</li></ul>', 60, 'Bund'),
  '5,000 nested <em>': `<p>${nested('<em>', '</em>', 5_000, 'Bund')}</p>`,
  '39,000 nested <div> without end tags': `${'<div>'.repeat(39_000)}Bund`,
};

type Section = { heading: string; html: string };
type Paper = { id: string; title: string; sections: Section[] };
type ApiError = {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
};

const system: Actor = { kind: 'system', label: 'test' };

const sectionsOf = (paper: Paper): Section[] =>
  paper.sections.map(({ heading, html }) => ({ heading, html }));

describe.skipIf(isEngineUnavailable())('deeply nested section HTML', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let secretary: TestUser;
  let paperId: string;
  const saved: Section[] = [
    { heading: 'INDSTILLING', html: '<p>Det indstilles, at sagen drøftes.</p>' },
    {
      heading: 'SAGSFREMSTILLING',
      html: '<ul><li>Et punkt<ul><li>Et underpunkt</li></ul></li></ul>',
    },
  ];

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    secretary = await createTestUser(t.database, 'secretary');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(caseOfficer) })
    ).json() as { data: Array<{ id: string; classification: string }> };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: {
        organizationId: organizations.data.find((o) => o.classification === 'raadmandskreds')!.id,
        title: 'Vinterhjælp',
        paperDate: '2023-11-01',
      },
    });
    paperId = (created.json() as Paper).id;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/sections`,
      headers: bearer(caseOfficer),
      payload: { sections: saved },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const currentPaper = async () =>
    (
      await t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(caseOfficer) })
    ).json() as Paper;

  for (const [name, html] of Object.entries(hostile)) {
    it(`refuses ${name} through the API with a Danish message, and saves nothing`, async () => {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/papers/${paperId}/sections`,
        headers: bearer(caseOfficer),
        payload: { sections: [saved[0], { heading: 'SAGSFREMSTILLING', html }] },
      });
      expect(response.statusCode).toBe(400);
      const { error } = response.json() as ApiError;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toHaveLength(1);
      expect(error.details[0]!.field).toBe('sections.1.html');
      expect(error.details[0]!.message).toMatch(
        /^Teksten i «SAGSFREMSTILLING» er indlejret for dybt: højst \d+ niveauer /,
      );
      expect(sectionsOf(await currentPaper())).toEqual(saved);
    });
  }

  it('refuses them through the edit page, shows the message by the section, and saves nothing', async () => {
    const session = await signIn(t.app, caseOfficer);
    const editPage = await session.get(`/sager/${paperId}/rediger`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(editPage.body)![1]!;
    for (const html of Object.values(hostile)) {
      // The form repeats heading and html once per section, as the page does.
      const form = new URLSearchParams({
        _csrf: csrf,
        kind: 'indstilling',
        title: 'Ændret titel',
        paperDate: '2023-11-01',
        addressee: 'raadmanden',
      });
      form.append('heading', saved[0]!.heading);
      form.append('html', saved[0]!.html);
      form.append('heading', 'SAGSFREMSTILLING');
      form.append('html', html);
      const response = await t.app.inject({
        method: 'POST',
        url: `/sager/${paperId}/rediger`,
        headers: {
          cookie: session.cookieHeader,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: form.toString(),
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(
        /Teksten i «SAGSFREMSTILLING» er indlejret for dybt: højst \d+ niveauer/,
      );
      const paper = await currentPaper();
      expect(paper.title).toBe('Vinterhjælp');
      expect(sectionsOf(paper)).toEqual(saved);
    }
  });

  it('prints a memo stored with deep HTML before the limit: PDF, Word and the meeting package', async () => {
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    const councilMeetingId = meetings.data.findLast(
      (meeting) => meeting.title === 'Rådmandsmøde',
    )!.id;
    const papers = (
      await t.app.inject({ url: '/api/v1/papers', headers: bearer(secretary) })
    ).json() as { data: Paper[] };
    const demoPaperId = papers.data.find(
      (paper) => paper.title === 'Orientering om vinterhjælp til økonomisk trængte',
    )!.id;
    // As old data or an import would have it: written to the table, past every check.
    const deep =
      nested('<ul><li>', '</li></ul>', 60, 'Liste-bund') +
      `<p>${nested('<em>', '</em>', 5_000, 'Kursiv-bund')}</p>` +
      nested('<div>', '</div>', 20_000, 'Div-bund') +
      nested('<table><tr><th>', '</th></tr></table>', 30, 'Tabel-bund');
    const markers = ['Liste-bund', 'Kursiv-bund', 'Div-bund', 'Tabel-bund'];
    const updated = await t.database.db
      .update(paperSections)
      .set({ html: deep })
      .where(
        and(eq(paperSections.paperId, demoPaperId), eq(paperSections.heading, 'SAGSFREMSTILLING')),
      )
      .returning({ id: paperSections.id });
    expect(updated).toHaveLength(1);

    const pdf = await t.app.inject({
      url: `/api/v1/papers/${demoPaperId}/pdf`,
      headers: bearer(secretary),
    });
    expect(pdf.statusCode).toBe(200);
    expect(qpdfCheck(pdf.rawPayload)).toContain('No syntax or stream encoding errors');
    const printed = pdfText(pdf.rawPayload);
    for (const marker of markers) expect(printed).toContain(marker);

    const docx = await t.app.inject({
      url: `/api/v1/papers/${demoPaperId}/docx`,
      headers: bearer(secretary),
    });
    expect(docx.statusCode).toBe(200);
    const written = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    for (const marker of markers) expect(written).toContain(marker);

    const built = await buildMeetingPackage(
      { actor: system, tx: t.database.db, blobs: t.app.blobs },
      councilMeetingId,
      'full',
    );
    expect(qpdfCheck(built.pdf)).toContain('No syntax or stream encoding errors');
    const packaged = pdfText(built.pdf);
    expect(packaged).toContain('Orientering om vinterhjælp til økonomisk trængte');
    for (const marker of markers) expect(packaged).toContain(marker);
  });
});
