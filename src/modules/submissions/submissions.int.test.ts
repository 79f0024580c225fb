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

type ApiError = {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
};
type Submission = {
  id: string;
  status: string;
  isLate: boolean;
  deadline: string;
  agendaItemId: string | null;
  decisionComment: string | null;
};

describe.skipIf(isEngineUnavailable())('submitting a paper to a meeting', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let secretary: TestUser;
  let councilId: string;
  let committeeId: string;
  let futureMeetingId: string;
  let pastMeetingId: string;
  let heldMeetingId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    secretary = await createTestUser(t.database, 'secretary');
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as {
      data: Array<{ id: string; title: string; organization: { id: string } }>;
    };
    const council = meetings.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!;
    councilId = council.organization.id;
    heldMeetingId = council.id;
    committeeId = meetings.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!.organization
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
    // Past its deadline but not yet held (the demo's past rådmandsmøder are held and locked).
    const past = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: councilId,
        title: 'Rådmandsmøde',
        start: '2023-12-04T09:00:00+01:00',
        end: '2023-12-04T10:00:00+01:00',
      },
    });
    pastMeetingId = (past.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  const post = (url: string, user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: bearer(user), payload });
  const paperStatus = async (paperId: string) =>
    (
      (
        await t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(caseOfficer) })
      ).json() as { status: string }
    ).status;

  async function newPaper(organizationId: string, withCover: boolean): Promise<string> {
    const paper = await post('/api/v1/papers', caseOfficer, {
      organizationId,
      title: 'Status på Sammen om Opgaven',
      paperDate: '2023-11-01',
      caseOfficers: ['Anne Stolberg'],
    });
    const id = (paper.json() as { id: string }).id;
    if (withCover) {
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/papers/${id}/cover`,
        headers: bearer(caseOfficer),
        payload: {
          purpose: 'Rådmanden orienteres.',
          keyMessages: ['Arbejdet er i gang.'],
          requestedAction: 'droeftelse',
        },
      });
    }
    return id;
  }

  it('walks draft → submitted → returned → submitted → on the agenda', async () => {
    const paperId = await newPaper(councilId, false);
    const withoutCover = await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId: futureMeetingId,
      durationMinutes: 10,
    });
    expect(withoutCover.statusCode).toBe(400);
    expect((withoutCover.json() as ApiError).error.details[0]!.message).toContain(
      'skal have et kort cover',
    );
    expect(await paperStatus(paperId)).toBe('draft');

    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/cover`,
      headers: bearer(caseOfficer),
      payload: {
        purpose: 'Rådmanden orienteres.',
        keyMessages: ['Arbejdet er i gang.'],
        requestedAction: 'droeftelse',
      },
    });
    const submitted = await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId: futureMeetingId,
      durationMinutes: 10,
    });
    expect(submitted.statusCode).toBe(201);
    const first = submitted.json() as Submission;
    expect(first).toMatchObject({
      status: 'pending',
      isLate: false,
      deadline: '2099-01-12T22:59:59.999Z',
    });
    expect(await paperStatus(paperId)).toBe('submitted');

    // A submitted paper is frozen for its author, and cannot be submitted twice.
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/cover`,
      headers: bearer(caseOfficer),
      payload: { purpose: 'x' },
    });
    expect(edit.statusCode).toBe(409);
    expect(
      (
        await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
          meetingId: futureMeetingId,
          durationMinutes: 10,
        })
      ).statusCode,
    ).toBe(409);

    const queue = (
      await t.app.inject({
        url: `/api/v1/meetings/${futureMeetingId}/submissions`,
        headers: bearer(secretary),
      })
    ).json() as {
      data: Array<{ id: string; paperTitle: string }>;
    };
    expect(queue.data.map((entry) => entry.paperTitle)).toEqual(['Status på Sammen om Opgaven']);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/meetings/${futureMeetingId}/submissions`,
          headers: bearer(caseOfficer),
        })
      ).statusCode,
    ).toBe(403);

    expect(
      (await post(`/api/v1/submissions/${first.id}/approve`, caseOfficer, {})).statusCode,
    ).toBe(403);
    expect(
      (await post(`/api/v1/submissions/${first.id}/return`, secretary, { comment: ' ' }))
        .statusCode,
    ).toBe(400);
    const returned = await post(`/api/v1/submissions/${first.id}/return`, secretary, {
      comment: 'Gør hovedbudskabet skarpere.',
    });
    expect(returned.statusCode).toBe(200);
    expect(await paperStatus(paperId)).toBe('returned');
    const history = (
      await t.app.inject({
        url: `/api/v1/papers/${paperId}/submissions`,
        headers: bearer(caseOfficer),
      })
    ).json() as { data: Submission[] };
    expect(history.data[0]!.decisionComment).toBe('Gør hovedbudskabet skarpere.');

    const fixed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/cover`,
      headers: bearer(caseOfficer),
      payload: {
        purpose: 'Rådmanden orienteres.',
        keyMessages: ['Direktionen vil højne kvaliteten af materialet.'],
        requestedAction: 'droeftelse',
      },
    });
    expect(fixed.statusCode).toBe(200);
    const second = (
      await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
        meetingId: futureMeetingId,
        durationMinutes: 15,
      })
    ).json() as Submission;
    const approved = await post(`/api/v1/submissions/${second.id}/approve`, secretary, {});
    expect(approved.statusCode).toBe(200);
    expect(await paperStatus(paperId)).toBe('on_agenda');
    expect((await post(`/api/v1/submissions/${second.id}/approve`, secretary, {})).statusCode).toBe(
      409,
    );

    const meeting = (
      await t.app.inject({ url: `/api/v1/meetings/${futureMeetingId}`, headers: bearer(secretary) })
    ).json() as {
      items: Array<{
        id: string;
        title: string;
        paperId: string | null;
        durationMinutes: number;
        method: string | null;
        responsible: string[];
        purpose: string | null;
      }>;
    };
    const item = meeting.items.find((candidate) => candidate.paperId === paperId)!;
    expect(item).toMatchObject({
      id: (approved.json() as Submission).agendaItemId,
      title: 'Status på Sammen om Opgaven',
      durationMinutes: 15,
      method: 'Drøftelse',
      responsible: ['Anne Stolberg'],
      purpose: 'Rådmanden orienteres.',
    });
  });

  it('marks late submissions, which need the secretary to accept them', async () => {
    const paperId = await newPaper(councilId, true);
    const submitted = (
      await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
        meetingId: pastMeetingId,
        durationMinutes: 5,
      })
    ).json() as Submission;
    expect(submitted.isLate).toBe(true);
    const refused = await post(`/api/v1/submissions/${submitted.id}/approve`, secretary, {});
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as ApiError).error.message).toContain('Accepter sen indsendelse');
    expect(await paperStatus(paperId)).toBe('submitted');
    const accepted = await post(`/api/v1/submissions/${submitted.id}/approve`, secretary, {
      acceptLate: true,
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('shows the late-acceptance message on the queue page and approves once accepted', async () => {
    const paperId = await newPaper(councilId, true);
    const submission = (
      await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
        meetingId: pastMeetingId,
        durationMinutes: 5,
      })
    ).json() as Submission;
    const session = await signIn(t.app, secretary);
    const queue = await session.get(`/moeder/${pastMeetingId}/indsendelser`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Indsendt efter fristen');
    const refused = await session.post(`/indsendelser/${submission.id}/godkend`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Accepter sen indsendelse');
    const noComment = await session.post(`/indsendelser/${submission.id}/returner`, {
      comment: '',
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toContain('Skriv en kommentar til sagsbehandleren.');
    const accepted = await session.post(`/indsendelser/${submission.id}/godkend`, {
      acceptLate: 'on',
    });
    expect(accepted.statusCode).toBe(303);
    expect(await paperStatus(paperId)).toBe('on_agenda');
    const officerSession = await signIn(t.app, caseOfficer);
    expect((await officerSession.get(`/moeder/${pastMeetingId}/indsendelser`)).statusCode).toBe(
      403,
    );
  });

  it('refuses a paper for a held meeting, whose agenda is locked, and changes nothing', async () => {
    const paperId = await newPaper(councilId, true);
    const response = await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId: heldMeetingId,
      durationMinutes: 5,
    });
    expect(response.statusCode).toBe(409);
    expect((response.json() as ApiError).error.code).toBe('MEETING_LOCKED');
    expect((response.json() as ApiError).error.message).toContain('Mødet er afholdt');
    expect(await paperStatus(paperId)).not.toBe('submitted');
  });

  it('only takes meetings of the paper’s own organization', async () => {
    const paperId = await newPaper(committeeId, false);
    const response = await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId: futureMeetingId,
      durationMinutes: 5,
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ApiError).error.details[0]!.field).toBe('meetingId');
    const unknown = await post(`/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId: '00000000-0000-4000-8000-000000000000',
      durationMinutes: 5,
    });
    expect(unknown.statusCode).toBe(400);
    expect(await paperStatus(paperId)).toBe('draft');
  });
});
