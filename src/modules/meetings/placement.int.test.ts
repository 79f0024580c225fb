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

type Template = {
  id: string;
  organization: { id: string };
  defaultLocation: string | null;
  items: Array<{ title: string; placement: 'opening' | 'closing' }>;
};
type Meeting = { id: string; items: Array<{ id: string; title: string; parentId: string | null }> };

describe.skipIf(isEngineUnavailable())('closing standing items stay last', () => {
  let t: TestApp;
  let admin: TestUser;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let template: Template;

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, user: TestUser, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(user), payload });
  const titles = async (meetingId: string) =>
    ((await api('GET', `/api/v1/meetings/${meetingId}`, secretary)).json() as Meeting).items
      .filter((item) => item.parentId === null)
      .map((item) => item.title);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const council = (
      (await api('GET', '/api/v1/meeting-templates', secretary)).json() as { data: Template[] }
    ).data.find((candidate) => candidate.items.some((item) => item.title === 'Bordrunde'))!;
    const created = await api('POST', '/api/v1/meeting-templates', admin, {
      organizationId: council.organization.id,
      name: 'Møde med afslutning',
      defaultStartTime: '09:00',
      defaultDurationMinutes: 60,
      defaultLocation: 'Rådhuset, lokale 1',
      items: [
        { title: 'Godkendelse af dagsorden', durationMinutes: 2 },
        { title: 'Eventuelt', durationMinutes: 5 },
        { title: 'Afrunding', durationMinutes: 5, placement: 'closing' },
      ],
    });
    expect(created.statusCode).toBe(201);
    template = created.json() as Template;
  });
  afterAll(() => t.close());

  const newMeeting = async (day: string) => {
    const response = await api('POST', '/api/v1/meetings', secretary, {
      organizationId: template.organization.id,
      templateId: template.id,
      title: 'Rådmandsmøde',
      start: `${day}T09:00:00+01:00`,
      end: `${day}T10:00:00+01:00`,
    });
    expect(response.statusCode).toBe(201);
    return (response.json() as Meeting).id;
  };

  it('marks template items as opening or closing, "Eventuelt" closing when not told', () => {
    expect(template.items.map((item) => [item.title, item.placement])).toEqual([
      ['Godkendelse af dagsorden', 'opening'],
      ['Eventuelt', 'closing'],
      ['Afrunding', 'closing'],
    ]);
    expect(template.defaultLocation).toBe('Rådhuset, lokale 1');
  });

  it('rejects an unknown placement', async () => {
    const response = await api('PUT', `/api/v1/meeting-templates/${template.id}`, admin, {
      name: 'X',
      defaultStartTime: '09:00',
      defaultDurationMinutes: 60,
      items: [{ title: 'Evt.', durationMinutes: 0, placement: 'last' }],
    });
    expect(response.statusCode).toBe(400);
  });

  it('puts a new item before the closing items, and a sub-item under its parent', async () => {
    const meetingId = await newMeeting('2099-02-02');
    const added = await api('POST', `/api/v1/meetings/${meetingId}/items`, secretary, {
      title: 'Budget',
      durationMinutes: 10,
    });
    expect(added.statusCode).toBe(201);
    await api('POST', `/api/v1/meetings/${meetingId}/items`, secretary, {
      title: 'Skoler',
      durationMinutes: 10,
    });
    expect(await titles(meetingId)).toEqual([
      'Godkendelse af dagsorden',
      'Budget',
      'Skoler',
      'Eventuelt',
      'Afrunding',
    ]);
    const budget = added.json() as { id: string };
    const sub = await api('POST', `/api/v1/meetings/${meetingId}/items`, secretary, {
      title: 'Underpunkt',
      durationMinutes: 0,
      parentId: budget.id,
    });
    expect(sub.statusCode).toBe(201);
    const detail = (await api('GET', `/api/v1/meetings/${meetingId}`, secretary)).json() as {
      items: Array<{ title: string; number: string }>;
    };
    expect(detail.items.map((item) => `${item.number} ${item.title}`)).toEqual([
      '1 Godkendelse af dagsorden',
      '2 Budget',
      '2.A Underpunkt',
      '3 Skoler',
      '4 Eventuelt',
      '5 Afrunding',
    ]);
  });

  it('puts a new item through the page before the closing items', async () => {
    const meetingId = await newMeeting('2099-02-09');
    const session = await signIn(t.app, secretary);
    const saved = await session.post(`/moeder/${meetingId}/punkter/ny`, {
      title: 'Fra formularen',
      durationMinutes: '5',
      isPublic: 'on',
    });
    expect(saved.statusCode).toBe(303);
    expect(await titles(meetingId)).toEqual([
      'Godkendelse af dagsorden',
      'Fra formularen',
      'Eventuelt',
      'Afrunding',
    ]);
  });

  it('puts an approved submission before the closing items', async () => {
    const meetingId = await newMeeting('2099-02-16');
    const paper = await api('POST', '/api/v1/papers', caseOfficer, {
      organizationId: template.organization.id,
      title: 'Status på Sammen om Opgaven',
      paperDate: '2099-01-01',
      caseOfficers: ['Anne Stolberg'],
    });
    const paperId = (paper.json() as { id: string }).id;
    await api('PUT', `/api/v1/papers/${paperId}/cover`, caseOfficer, {
      purpose: 'Rådmanden orienteres.',
      keyMessages: ['Arbejdet er i gang.'],
      requestedAction: 'droeftelse',
    });
    const submitted = await api('POST', `/api/v1/papers/${paperId}/submissions`, caseOfficer, {
      meetingId,
      durationMinutes: 10,
    });
    expect(submitted.statusCode).toBe(201);
    const approved = await api(
      'POST',
      `/api/v1/submissions/${(submitted.json() as { id: string }).id}/approve`,
      secretary,
      {},
    );
    expect(approved.statusCode).toBe(200);
    expect(await titles(meetingId)).toEqual([
      'Godkendelse af dagsorden',
      'Status på Sammen om Opgaven',
      'Eventuelt',
      'Afrunding',
    ]);
  });

  it('keeps the placement chosen in the template form', async () => {
    const session = await signIn(t.app, admin);
    const saved = await session.post(`/skabeloner/${template.id}/rediger`, {
      name: 'Møde med afslutning',
      defaultStartTime: '09:00',
      defaultDurationMinutes: '60',
      defaultLocation: 'Rådhuset, lokale 2',
      itemTitle: ['Bordrunde', 'Godkendelse af dagsorden'],
      itemDuration: ['5', '2'],
      itemMethod: ['', ''],
      itemPlacement: ['closing', 'opening'],
    });
    expect(saved.statusCode).toBe(303);
    const updated = (
      await api('GET', `/api/v1/meeting-templates/${template.id}`, admin)
    ).json() as Template;
    expect(updated.items.map((item) => [item.title, item.placement])).toEqual([
      ['Bordrunde', 'closing'],
      ['Godkendelse af dagsorden', 'opening'],
    ]);
    expect(updated.defaultLocation).toBe('Rådhuset, lokale 2');
    const form = await session.get(`/skabeloner/${template.id}/rediger`);
    expect(form.body).toContain('<option value="closing" selected>Afslutter mødet</option>');
  });
});
