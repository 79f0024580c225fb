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

type ApiError = { error: { code: string; details: Array<{ field: string; message: string }> } };

describe.skipIf(isEngineUnavailable())('paper rules per organization', () => {
  let t: TestApp;
  let administrator: TestUser;
  let caseOfficer: TestUser;
  let councilId: string;
  let committeeId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    administrator = await createTestUser(t.database, 'administrator');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(administrator) })
    ).json() as { data: Array<{ id: string; classification: string }> };
    councilId = organizations.data.find((o) => o.classification === 'raadmandskreds')!.id;
    committeeId = organizations.data.find((o) => o.classification === 'udvalg')!.id;
  });
  afterAll(() => t.close());

  const rulesOf = async (organizationId: string) =>
    (
      await t.app.inject({
        url: `/api/v1/organizations/${organizationId}/paper-rules`,
        headers: bearer(caseOfficer),
      })
    ).json() as Record<string, unknown>;

  const putRules = (organizationId: string, user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/organizations/${organizationId}/paper-rules`,
      headers: bearer(user),
      payload,
    });

  const rules = {
    coverMaxWords: 60,
    keyMessageMaxWords: 8,
    coverRequired: true,
    caseNumberPattern: '\\d{2}\\.\\d{2}\\.\\d{2}-[A-Z]\\d{2}-\\d+-\\d{2}',
    caseNumberExample: '00.01.00-A00-1-23',
    submissionDeadlineWorkingDays: 3,
  };

  it('starts from the defaults: a cover is required by the alderman’s circle, not by a committee', async () => {
    expect(await rulesOf(councilId)).toMatchObject({
      coverMaxWords: 200,
      keyMessageMaxWords: 30,
      coverRequired: true,
      caseNumberExample: 'EMN-2023-012026',
      submissionDeadlineWorkingDays: 5,
      isDefault: true,
    });
    expect(await rulesOf(committeeId)).toMatchObject({ coverRequired: false, isDefault: true });
  });

  it('lets administrators only set rules, and refuses a pattern the example does not match', async () => {
    expect((await putRules(committeeId, caseOfficer, rules)).statusCode).toBe(403);
    const broken = await putRules(committeeId, administrator, { ...rules, caseNumberPattern: '[' });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as ApiError).error.details[0]!.field).toBe('caseNumberPattern');
    const mismatch = await putRules(committeeId, administrator, {
      ...rules,
      caseNumberExample: 'EMN-2023-012026',
    });
    expect((mismatch.json() as ApiError).error.details[0]).toEqual({
      field: 'caseNumberExample',
      message: 'Eksemplet passer ikke til mønsteret.',
    });
    expect(await rulesOf(committeeId)).toMatchObject({ isDefault: true });
  });

  it('applies the rules: the case-number form, the cover limits and the cover requirement', async () => {
    const saved = await putRules(committeeId, administrator, rules);
    expect(saved.statusCode).toBe(200);
    expect(await rulesOf(committeeId)).toMatchObject({ ...rules, isDefault: false });

    const wrongForm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: {
        organizationId: committeeId,
        title: 'Kb-sag',
        paperDate: '2023-11-01',
        caseNumber: 'EMN-2023-012026',
      },
    });
    expect((wrongForm.json() as ApiError).error.details[0]!.message).toBe(
      'Sagsnummeret skal have formen 00.01.00-A00-1-23.',
    );
    const paper = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: {
        organizationId: committeeId,
        title: 'Kb-sag',
        paperDate: '2023-11-01',
        caseNumber: '27.00.00-A00-4-23',
      },
    });
    expect(paper.statusCode).toBe(201);
    const paperId = (paper.json() as { id: string }).id;
    const longMessage = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/cover`,
      headers: bearer(caseOfficer),
      payload: { purpose: 'Kort.', keyMessages: ['Et to tre fire fem seks syv otte ni.'] },
    });
    expect((longMessage.json() as ApiError).error.details[0]!.message).toBe(
      'Hovedbudskab 1 må højst være 8 ord (nu 9).',
    );
    const meeting = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: bearer(administrator),
        payload: {
          organizationId: committeeId,
          title: 'Udvalgsmøde',
          start: '2099-01-19T16:00:00+01:00',
          end: '2099-01-19T18:00:00+01:00',
        },
      })
    ).json() as { id: string };
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/submissions`,
      headers: bearer(caseOfficer),
      payload: { meetingId: meeting.id, durationMinutes: 10 },
    });
    expect(submit.statusCode).toBe(400);
    expect((submit.json() as ApiError).error.details[0]!.field).toBe('cover');
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/cover`,
      headers: bearer(caseOfficer),
      payload: { purpose: 'Kort.', keyMessages: ['Et to tre.'] },
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/submissions`,
      headers: bearer(caseOfficer),
      payload: { meetingId: meeting.id, durationMinutes: 10 },
    });
    expect(accepted.statusCode).toBe(201);
    // Three working days before Monday 19 January 2099 is Wednesday 14 January, end of day.
    expect((accepted.json() as { deadline: string }).deadline).toBe('2099-01-14T22:59:59.999Z');
  });

  it('edits the rules on the templates page, re-showing a bad pattern in Danish', async () => {
    const session = await signIn(t.app, administrator);
    const page = await session.get('/sager/skabeloner');
    expect(page.body).toContain(`action="/sager/skabeloner/${councilId}/regler"`);
    const bad = await session.post(`/sager/skabeloner/${councilId}/regler`, {
      coverMaxWords: '150',
      keyMessageMaxWords: '25',
      coverRequired: 'on',
      caseNumberPattern: '(',
      caseNumberExample: 'EMN-2023-012026',
      submissionDeadlineWorkingDays: '5',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mønsteret er ikke et gyldigt regulært udtryk.');
    expect(bad.body).toContain('value="("');
    const good = await session.post(`/sager/skabeloner/${councilId}/regler`, {
      coverMaxWords: '150',
      keyMessageMaxWords: '25',
      caseNumberPattern: 'EMN-\\d{4}-\\d{6}',
      caseNumberExample: 'EMN-2023-012026',
      submissionDeadlineWorkingDays: '4',
    });
    expect(good.statusCode).toBe(303);
    expect(await rulesOf(councilId)).toMatchObject({
      coverMaxWords: 150,
      coverRequired: false,
      submissionDeadlineWorkingDays: 4,
    });
  });
});
