import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  multipartBody,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf, tinyPng } from '../../../test/file-factories';

type Paper = {
  status: string;
  title: string;
  approvedVersion: number | null;
  sections: Array<{ heading: string; html: string }>;
  attachments: Array<{ id: string; title: string; url: string }>;
};

describe.skipIf(isEngineUnavailable())('the approved version is frozen', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let secretary: TestUser;
  let member: TestUser;
  let meetingId: string;
  let paperId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    secretary = await createTestUser(t.database, 'secretary');
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ title: string; organization: { id: string } }> };
    const councilId = meetings.data.find((meeting) => meeting.title === 'Rådmandsmøde')!
      .organization.id;
    const council = (
      await t.app.inject({ url: `/api/v1/organizations/${councilId}`, headers: bearer(secretary) })
    ).json() as { memberships: Array<{ personId: string; personName: string }> };
    const eva = council.memberships.find((m) => m.personName === 'Eva Borchorst Mejnertz')!;
    member = await createTestUser(t.database, 'participant', { personId: eva.personId });
    const meeting = await t.app.inject({
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
    meetingId = (meeting.json() as { id: string }).id;
    const paper = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: { organizationId: councilId, title: 'Version A', paperDate: '2023-11-01' },
    });
    paperId = (paper.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  const read = async (user: TestUser) =>
    (
      await t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(user) })
    ).json() as Paper;
  const call = (method: 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: bearer(user),
      payload: payload as Record<string, unknown>,
    });
  const upload = (fileName: string, bytes: Uint8Array) => {
    const body = multipartBody({}, [{ fileName, bytes }]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/attachments`,
      headers: { ...bearer(caseOfficer), ...body.headers },
      payload: body.payload,
    });
  };
  const submitAndApprove = async () => {
    const submitted = await call('POST', `/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId,
      durationMinutes: 10,
    });
    expect(submitted.statusCode).toBe(201);
    const id = (submitted.json() as { id: string }).id;
    expect(
      (await call('POST', `/api/v1/submissions/${id}/approve`, secretary, {})).statusCode,
    ).toBe(200);
  };
  const itemsOfPaper = async () => {
    const meeting = (
      await t.app.inject({ url: `/api/v1/meetings/${meetingId}`, headers: bearer(secretary) })
    ).json() as { items: Array<{ title: string; paperId: string | null }> };
    return meeting.items.filter((item) => item.paperId === paperId);
  };

  it('records the approved version when the paper goes on the agenda', async () => {
    await call('PUT', `/api/v1/papers/${paperId}/sections`, caseOfficer, {
      sections: [{ heading: 'SAGSFREMSTILLING', html: '<p>Første udgave.</p>' }],
    });
    await call('PUT', `/api/v1/papers/${paperId}/cover`, caseOfficer, {
      purpose: 'Orientering.',
      keyMessages: ['Første budskab.'],
    });
    await upload('Bilag A.pdf', await makePdf(['A']));
    await submitAndApprove();
    const paper = await read(member);
    expect(paper.status).toBe('on_agenda');
    expect(paper.approvedVersion).toBeGreaterThan(1);
    expect(paper.sections[0]!.html).toBe('<p>Første udgave.</p>');
  });

  it('lets the author correct it while members keep reading the approved version', async () => {
    expect((await call('POST', `/api/v1/papers/${paperId}/reopen`, member)).statusCode).toBe(403);
    const reopened = await call('POST', `/api/v1/papers/${paperId}/reopen`, caseOfficer);
    expect(reopened.statusCode).toBe(200);
    expect((reopened.json() as Paper).status).toBe('draft');
    await call('PATCH', `/api/v1/papers/${paperId}`, caseOfficer, { title: 'Version B' });
    await call('PUT', `/api/v1/papers/${paperId}/sections`, caseOfficer, {
      sections: [{ heading: 'SAGSFREMSTILLING', html: '<p>Rettet udgave.</p>' }],
    });
    const secondBilag = await upload('Bilag B.png', tinyPng);
    expect(secondBilag.statusCode).toBe(201);

    const seenByMember = await read(member);
    expect(seenByMember).toMatchObject({ status: 'on_agenda', title: 'Version A' });
    expect(seenByMember.sections[0]!.html).toBe('<p>Første udgave.</p>');
    expect(seenByMember.attachments.map((attachment) => attachment.title)).toEqual(['Bilag A']);
    const newFile = (await read(caseOfficer)).attachments.find((a) => a.title === 'Bilag B')!;
    expect((await t.app.inject({ url: newFile.url, headers: bearer(member) })).statusCode).toBe(
      404,
    );

    const seenByAuthor = await read(caseOfficer);
    expect(seenByAuthor).toMatchObject({ status: 'draft', title: 'Version B' });
    expect(seenByAuthor.sections[0]!.html).toBe('<p>Rettet udgave.</p>');
    const listed = (
      await t.app.inject({ url: '/api/v1/papers', headers: bearer(member) })
    ).json() as { data: Array<{ id: string }> };
    expect(listed.data.map((paper) => paper.id)).toContain(paperId);
  });

  it('puts the corrected version on the same agenda item once it is approved again', async () => {
    const approvedBefore = (await read(secretary)).approvedVersion!;
    await submitAndApprove();
    const paper = await read(member);
    expect(paper).toMatchObject({ status: 'on_agenda', title: 'Version B' });
    expect(paper.approvedVersion).toBeGreaterThan(approvedBefore);
    expect(paper.attachments.map((attachment) => attachment.title)).toEqual(['Bilag A', 'Bilag B']);
    expect((await itemsOfPaper()).map((item) => item.title)).toEqual(['Version B']);
  });
});
