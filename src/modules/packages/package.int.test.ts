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
import { makePdf } from '../../../test/file-factories';
import { pdfInfo, pdfPageText, pdfSource, pdfText, qpdfCheck } from '../../../test/pdf-tools';
import type { Actor } from '../../platform/auth/policy';
import { buildMeetingPackage } from './service';

const system: Actor = { kind: 'system', label: 'test' };

describe.skipIf(isEngineUnavailable())('the meeting package', () => {
  let t: TestApp;
  let secretary: TestUser;
  let councilMeetingId: string;
  /** A coming rådmandsmøde to add items to: the demo's are held, and a held agenda is locked. */
  let comingMeetingId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    councilMeetingId = meetings.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
    const council = (
      await t.app.inject({
        url: `/api/v1/meetings/${councilMeetingId}`,
        headers: bearer(secretary),
      })
    ).json() as { organization: { id: string } };
    const coming = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: council.organization.id,
        title: 'Rådmandsmøde',
        start: '2023-11-20T09:00:00+01:00',
        end: '2023-11-20T10:00:00+01:00',
      },
    });
    comingMeetingId = (coming.json() as { id: string }).id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${comingMeetingId}/items`,
      headers: bearer(secretary),
      payload: { title: 'Bordrunde', durationMinutes: 10 },
    });
  });
  afterAll(() => t.close());

  const build = (
    audience: 'full' | 'public',
    actor: Actor = system,
    meetingId = councilMeetingId,
  ) => buildMeetingPackage({ actor, tx: t.database.db, blobs: t.app.blobs }, meetingId, audience);

  it('builds the seed meeting: bilag headers, footers and contents that point to the right pages', async () => {
    const built = await build('full');
    const pages = Array.from({ length: built.pageCount }, (_, index) =>
      pdfPageText(built.pdf, index + 1),
    );
    expect(pages.length).toBe(built.pageCount);
    pages.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toContain(`side ${index + 1} / ${built.pageCount}`);
    });
    expect(pages.some((text) => text.includes('Punkt 4, Bilag 1: Sammen om Opgaven'))).toBe(true);
    expect(pages[0]).toContain('Rådmandskredsen for Sociale Forhold og Beskæftigelse');
    expect(pages[0]).toContain('Eva Borchorst Mejnertz');

    // Every line of the contents names a page; that page shows what the line says.
    const contents = pages[1]!;
    const entries = [...contents.matchAll(/(Punkt [\d.A-Z]+(?:, Bilag \d+)?: .+?) \.{3,} (\d+)/g)];
    expect(entries.length).toBeGreaterThan(5);
    for (const [, text, page] of entries) {
      const target = pages[Number(page) - 1]!;
      const [, number, title] = /^Punkt ([\d.A-Z]+)(?:, Bilag \d+)?: (.+)$/.exec(text!)!;
      const isBilag = text!.includes(', Bilag ');
      // A bilag page carries its label; an item's first page its title, or its first bilag's label.
      const shows = isBilag
        ? target.includes(text!)
        : target.includes(title!) || target.includes(`Punkt ${number}, Bilag 1:`);
      expect(shows, `${text} → page ${page}`).toBe(true);
    }
    const bilagEntry = entries.find(([, text]) => text === 'Punkt 4, Bilag 1: Sammen om Opgaven')!;
    expect(pages[Number(bilagEntry[2]) - 1]).toContain('Vi er sammen om opgaven');

    expect(pdfInfo(built.pdf)).toMatchObject({
      Title: 'Dagsorden: Rådmandsmøde 13. november 2023',
      Author: 'Rådmandskredsen for Sociale Forhold og Beskæftigelse',
    });
    expect(pdfSource(built.pdf)).toMatch(/\/Lang \((da|\\376\\377)/);
    expect(qpdfCheck(built.pdf)).toContain('No syntax or stream encoding errors');
    expect(built.fileName).toBe('Rådmandsmøde 2023-11-13.pdf');
  });

  it('leaves every trace of a closed item out of the public package', async () => {
    const canary = 'KANARIE-7f3a9c';
    const caseOfficer = await createTestUser(t.database, 'case_officer');
    const meeting = (
      await t.app.inject({
        url: `/api/v1/meetings/${comingMeetingId}`,
        headers: bearer(secretary),
      })
    ).json() as { organization: { id: string } };
    const call = (method: 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser, payload: object) =>
      t.app.inject({
        method,
        url,
        headers: bearer(user),
        payload: payload as Record<string, unknown>,
      });
    const paper = await call('POST', '/api/v1/papers', caseOfficer, {
      organizationId: meeting.organization.id,
      title: `Personsag ${canary}`,
      paperDate: '2023-10-30',
    });
    const paperId = (paper.json() as { id: string }).id;
    await call('PUT', `/api/v1/papers/${paperId}/sections`, caseOfficer, {
      sections: [{ heading: 'SAGSFREMSTILLING', html: `<p>Borgeren ${canary} har søgt.</p>` }],
    });
    await call('PUT', `/api/v1/papers/${paperId}/cover`, caseOfficer, {
      purpose: `Afgørelse om ${canary}.`,
      keyMessages: ['Fortroligt.'],
    });
    const body = multipartBody({ title: `Ansøgning ${canary}` }, [
      { fileName: `ansoegning-${canary}.pdf`, bytes: await makePdf([`Ansøgning fra ${canary}`]) },
    ]);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: { ...bearer(caseOfficer), ...body.headers },
      payload: body.payload,
    });
    // Put on the agenda by the secretariat as a closed item with a neutral title.
    const item = await call('POST', `/api/v1/meetings/${comingMeetingId}/items`, secretary, {
      title: `Personsag ${canary}`,
      durationMinutes: 5,
      paperId,
      isPublic: false,
      closedReasonCode: 'personnel',
      publicTitle: 'Lukket punkt: personsag',
    });
    expect(item.statusCode).toBe(201);

    const full = await build('full', system, comingMeetingId);
    expect(pdfText(full.pdf)).toContain(canary);

    const published = await build('public', system, comingMeetingId);
    const text = pdfText(published.pdf);
    expect(text).toContain('Lukket punkt: personsag');
    expect(text).toContain('Offentlig udgave');
    expect(text).not.toContain(canary);
    expect(pdfSource(published.pdf)).not.toContain(canary);
    expect(JSON.stringify(pdfInfo(published.pdf))).not.toContain(canary);
    expect(published.fileName).toBe('Rådmandsmøde 2023-11-20 (offentlig).pdf');
  });

  it("leaves the items where a member is inhabil out of that member's own package", async () => {
    const canary = 'INHABIL-5d21e0';
    const organization = (
      await t.app.inject({
        url: `/api/v1/meetings/${comingMeetingId}`,
        headers: bearer(secretary),
      })
    ).json() as { organization: { id: string } };
    const members = (
      await t.app.inject({
        url: `/api/v1/organizations/${organization.organization.id}`,
        headers: bearer(secretary),
      })
    ).json() as { memberships: Array<{ personId: string; personName: string }> };
    const eva = members.memberships.find((m) => m.personName === 'Eva Borchorst Mejnertz')!;
    const other = members.memberships.find((m) => m.personId !== eva.personId)!;
    const item = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${comingMeetingId}/items`,
        headers: bearer(secretary),
        payload: { title: 'Tilskud til forening', purpose: `Ansøgning fra ${canary}.` },
      })
    ).json() as { id: string };
    const marked = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${comingMeetingId}/items/${item.id}`,
      headers: bearer(secretary),
      payload: { disqualifiedPersonIds: [eva.personId] },
    });
    expect(marked.statusCode).toBe(200);
    expect((marked.json() as { disqualifiedPersonIds: string[] }).disqualifiedPersonIds).toEqual([
      eva.personId,
    ]);

    const forEva = await buildMeetingPackage(
      { actor: system, tx: t.database.db, blobs: t.app.blobs },
      comingMeetingId,
      'full',
      { forPersonId: eva.personId },
    );
    const evaText = pdfText(forEva.pdf);
    expect(evaText).toContain('Tilskud til forening (udeladt: du er inhabil)');
    expect(evaText).not.toContain(canary);
    const forOther = await buildMeetingPackage(
      { actor: system, tx: t.database.db, blobs: t.app.blobs },
      comingMeetingId,
      'full',
      { forPersonId: other.personId },
    );
    expect(pdfText(forOther.pdf)).toContain(canary);
  });

  it('marks a member inhabil through the item form', async () => {
    const detail = (
      await t.app.inject({
        url: `/api/v1/meetings/${comingMeetingId}`,
        headers: bearer(secretary),
      })
    ).json() as {
      organization: { id: string };
      items: Array<{ id: string; title: string; durationMinutes: number }>;
    };
    const item = detail.items.find((candidate) => candidate.title === 'Bordrunde')!;
    const members = (
      await t.app.inject({
        url: `/api/v1/organizations/${detail.organization.id}`,
        headers: bearer(secretary),
      })
    ).json() as { memberships: Array<{ personId: string; personName: string }> };
    const lotte = members.memberships.find((m) => m.personName === 'Lotte Henriksen')!;
    const session = await signIn(t.app, secretary);
    const form = await session.get(`/moeder/${comingMeetingId}/punkter/${item.id}/rediger`);
    expect(form.body).toContain('Inhabile medlemmer');
    const saved = await session.post(`/moeder/${comingMeetingId}/punkter/${item.id}/rediger`, {
      title: 'Bordrunde',
      durationMinutes: String(item.durationMinutes),
      isPublic: 'on',
      disqualifiedPersonIds: lotte.personId,
    });
    expect(saved.statusCode).toBe(303);
    const after = (
      await t.app.inject({
        url: `/api/v1/meetings/${comingMeetingId}`,
        headers: bearer(secretary),
      })
    ).json() as { items: Array<{ id: string; disqualifiedPersonIds: string[] }> };
    expect(
      after.items.find((candidate) => candidate.id === item.id)!.disqualifiedPersonIds,
    ).toEqual([lotte.personId]);
  });
});
