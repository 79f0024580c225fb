import { sql } from 'drizzle-orm';
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
import { countQueries } from '../../../test/query-count';
import type { Actor } from '../../platform/auth/policy';
import { inTransaction } from '../../platform/db/transaction';
import { actorForUser } from '../accounts/index';
import { createBody, createOrganization } from '../organizations/index';
import { approvalQueue } from './approval';

const system: Actor = { kind: 'system', label: 'test' };

describe.skipIf(isEngineUnavailable())('the leader’s approval step before the secretariat', () => {
  let t: TestApp;
  let secretary: TestUser;
  let author: TestUser;
  let approver: TestUser;
  let otherOfficer: TestUser;
  let organizationId: string;
  let meetingId: string;

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(user), payload });
  const rows = async <T>(statement: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const userId = async (user: TestUser) =>
    (await rows<{ id: string }>(sql`select id from users where email = ${user.email}`))[0]!.id;
  const paperStatus = async (paperId: string) =>
    ((await call(author, 'GET', `/api/v1/papers/${paperId}`)).json() as { status: string }).status;

  async function submitNewPaper(title: string): Promise<{ paperId: string; submissionId: string }> {
    const paper = await call(author, 'POST', '/api/v1/papers', {
      organizationId,
      title,
      paperDate: '2098-11-01',
      caseOfficers: ['Anne Stolberg'],
    });
    const paperId = (paper.json() as { id: string }).id;
    await call(author, 'PUT', `/api/v1/papers/${paperId}/cover`, {
      purpose: 'Udvalget orienteres.',
      keyMessages: ['Arbejdet er i gang.'],
      requestedAction: 'orientering',
    });
    const submitted = await call(author, 'POST', `/api/v1/papers/${paperId}/submissions`, {
      meetingId,
      durationMinutes: 10,
    });
    expect(submitted.statusCode).toBe(201);
    return { paperId, submissionId: (submitted.json() as { id: string }).id };
  }

  const statusOf = async (submissionId: string) =>
    (
      await rows<{ status: string }>(
        sql`select status from paper_submissions where id = ${submissionId}`,
      )
    )[0]!.status;

  beforeAll(async () => {
    // No background work: a worker's queries would be counted with the queue's.
    t = await createTestApp({ config: { backgroundWork: false } });
    organizationId = await inTransaction(t.database.db, async (tx) => {
      const ctx = { actor: system, tx };
      const body = await createBody({ ...ctx, input: { name: 'Testkommune' } });
      return (
        await createOrganization({
          ...ctx,
          input: { bodyId: body.id, name: 'Børne- og Ungeudvalget', classification: 'udvalg' },
        })
      ).id;
    });
    secretary = await createTestUser(t.database, 'secretary');
    author = await createTestUser(t.database, 'case_officer');
    approver = await createTestUser(t.database, 'case_officer');
    otherOfficer = await createTestUser(t.database, 'case_officer');
    const meeting = await call(secretary, 'POST', '/api/v1/meetings', {
      organizationId,
      title: 'Udvalgsmøde',
      start: '2099-01-19T09:00:00+01:00',
      end: '2099-01-19T10:00:00+01:00',
    });
    meetingId = (meeting.json() as { id: string }).id;
  });
  afterAll(() => t?.close());

  it('sends a submission straight to the secretariat while the step is off', async () => {
    const { submissionId } = await submitNewPaper('Uden godkendelsestrin');
    expect(await statusOf(submissionId)).toBe('pending');
  });

  it('lets the secretariat, not a case officer, switch the step on, with at least one approver', async () => {
    const url = `/api/v1/organizations/${organizationId}/approval-settings`;
    const approverId = await userId(approver);
    expect(
      (await call(approver, 'PUT', url, { isRequired: true, approverUserIds: [approverId] }))
        .statusCode,
    ).toBe(403);
    const none = await call(secretary, 'PUT', url, { isRequired: true, approverUserIds: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'approverUserIds' }] },
    });
    const saved = await call(secretary, 'PUT', url, {
      isRequired: true,
      approverUserIds: [approverId],
    });
    expect(saved.statusCode).toBe(200);
    expect((await call(secretary, 'GET', url)).json()).toEqual({
      organizationId,
      isRequired: true,
      approverUserIds: [approverId],
    });
    const audit = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'submissionApprovalSettings.update'`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('puts a submission in the approver’s queue first; approved, it reaches the secretariat', async () => {
    const { submissionId } = await submitNewPaper('Skolestruktur');
    expect(await statusOf(submissionId)).toBe('awaiting_approval');

    // Not yet the secretariat's to decide.
    const early = await call(secretary, 'POST', `/api/v1/submissions/${submissionId}/approve`, {
      acceptLate: false,
    });
    expect(early.statusCode).toBe(409);

    // Another case officer neither sees it nor may decide it.
    expect((await call(otherOfficer, 'GET', '/api/v1/approvals')).json()).toEqual({ data: [] });
    expect(
      (await call(otherOfficer, 'POST', `/api/v1/approvals/${submissionId}/approve`)).statusCode,
    ).toBe(404);
    expect(
      (await call(secretary, 'POST', `/api/v1/approvals/${submissionId}/approve`)).statusCode,
    ).toBe(404);

    const queue = (await call(approver, 'GET', '/api/v1/approvals')).json() as {
      data: Array<{ id: string; paperTitle: string; meetingTitle: string }>;
    };
    expect(queue.data).toEqual([
      expect.objectContaining({
        id: submissionId,
        paperTitle: 'Skolestruktur',
        meetingTitle: 'Udvalgsmøde',
      }),
    ]);
    const approved = await call(approver, 'POST', `/api/v1/approvals/${submissionId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'pending' });
    expect(
      (await call(approver, 'POST', `/api/v1/approvals/${submissionId}/approve`)).statusCode,
    ).toBe(409);

    const onAgenda = await call(secretary, 'POST', `/api/v1/submissions/${submissionId}/approve`, {
      acceptLate: false,
    });
    expect(onAgenda.statusCode).toBe(200);
    expect(onAgenda.json()).toMatchObject({ status: 'approved' });
    const audit = await rows<{ action: string }>(
      sql`select action from audit_events where action = 'submission.leaderApprove' and entity_id = ${submissionId}`,
    );
    expect(audit).toHaveLength(1);
  });

  it('returns a submission with a comment to the case officer, who is mailed it', async () => {
    const { paperId, submissionId } = await submitNewPaper('Klimaplan');
    const empty = await call(approver, 'POST', `/api/v1/approvals/${submissionId}/return`, {
      comment: ' ',
    });
    expect(empty.statusCode).toBe(400);

    const browser = await signIn(t.app, approver);
    const page = await browser.get('/godkendelser');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Klimaplan');
    const withoutComment = await browser.post(`/godkendelser/${submissionId}/returner`, {
      comment: '',
    });
    expect(withoutComment.statusCode).toBe(400);
    expect(withoutComment.body).toContain('Skriv en kommentar til sagsbehandleren.');
    expect(withoutComment.body).toContain('Klimaplan');

    const returned = await browser.post(`/godkendelser/${submissionId}/returner`, {
      comment: 'Økonomien mangler i afsnit 3.',
    });
    expect(returned.statusCode).toBe(303);
    expect(returned.headers.location).toBe('/godkendelser?ok=returned');
    expect(await statusOf(submissionId)).toBe('returned');
    expect(await paperStatus(paperId)).toBe('returned');
    const mails = await rows<{ recipients: string[]; subject: string; body: string }>(
      sql`select recipients, subject, body from mail_outbox where subject like ${'%Klimaplan%'}`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipients).toEqual([author.email]);
    expect(mails[0]!.body).toContain('Økonomien mangler i afsnit 3.');
    expect(mails[0]!.body).toContain(`/sager/${paperId}`);
    expect((await browser.get('/godkendelser')).body).not.toContain('Klimaplan');
  });

  it('reads the approval queue in as many queries for several meetings as for one', async () => {
    const approverId = await userId(approver);
    await call(secretary, 'PUT', `/api/v1/organizations/${organizationId}/approval-settings`, {
      isRequired: true,
      approverUserIds: [approverId],
    });
    const actor = (await actorForUser(t.database.db, approverId, 'test'))!;
    const read = () =>
      countQueries(t.database.db, () => approvalQueue({ actor, tx: t.database.db }));
    await submitNewPaper('Første i køen');
    const one = await read();
    const firstMeeting = meetingId;
    for (const day of ['2099-02-02', '2099-02-09', '2099-02-16']) {
      const meeting = await call(secretary, 'POST', '/api/v1/meetings', {
        organizationId,
        title: `Udvalgsmøde ${day}`,
        start: `${day}T09:00:00+01:00`,
        end: `${day}T10:00:00+01:00`,
      });
      meetingId = (meeting.json() as { id: string }).id;
      await submitNewPaper(`Sag til ${day}`);
    }
    meetingId = firstMeeting;
    const several = await read();
    expect(several.result).toHaveLength(one.result.length + 3);
    expect(new Set(several.result.map((row) => row.meetingTitle)).size).toBe(4);
    expect(several.queries).toBe(one.queries);
  });
});
