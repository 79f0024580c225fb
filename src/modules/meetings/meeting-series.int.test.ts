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

type Template = { id: string; name: string; organization: { id: string } };
type Series = {
  dates: Array<{ date: string; start: string; end: string }>;
  skipped: Array<{ date: string; reason: string }>;
  meetings: Array<{ id: string; title: string; start: string; location: string | null }>;
};

describe.skipIf(isEngineUnavailable())('new meeting from a template, and mødeplan', () => {
  let t: TestApp;
  let secretary: TestUser;
  let template: Template;

  const meetingCount = async () =>
    (
      (await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })).json() as {
        data: unknown[];
      }
    ).data.length;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    template = (
      (
        await t.app.inject({ url: '/api/v1/meeting-templates', headers: bearer(secretary) })
      ).json() as { data: Template[] }
    ).data.find((candidate) => candidate.name === 'Udvalgsmøde')!;
  });
  afterAll(() => t.close());

  const rule = () => ({
    organizationId: template.organization.id,
    templateId: template.id,
    title: 'Udvalgsmøde',
    firstDate: '2099-05-06',
    lastDate: '2099-06-03',
    everyWeeks: 1,
    startTime: '18.15',
    durationMinutes: 90,
    location: 'Rådhuset, lokale 398',
  });

  it('fills the new-meeting form from the chosen template without JavaScript', async () => {
    const session = await signIn(t.app, secretary);
    const empty = await session.get('/moeder/ny');
    expect(empty.body).toContain('<option value selected>Vælg organisation</option>');
    const filled = await session.post('/moeder/ny', {
      templateId: template.id,
      date: '2099-03-04',
      handling: 'skabelon',
    });
    expect(filled.statusCode).toBe(200);
    expect(filled.body).toContain('value="Udvalgsmøde"');
    expect(filled.body).toContain('value="18:15"');
    expect(filled.body).toContain('value="19:45"');
    expect(filled.body).toContain('value="Rådhuset, lokale 398"');
    expect(filled.body).toContain('value="2099-03-04"');
    expect(filled.body).toContain(`<option value="${template.organization.id}" selected>`);
  });

  it('names the fields in the error summary and never assumes an organisation', async () => {
    const before = await meetingCount();
    const session = await signIn(t.app, secretary);
    await session.get('/moeder/ny');
    const response = await session.post('/moeder/ny', { title: '', date: '', startTime: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Titel skal udfyldes.');
    expect(response.body).toContain('Organisation: Vælg den organisation, mødet hører til.');
    expect(response.body).toContain('Dato: Skal være en gyldig dato');
    expect(await meetingCount()).toBe(before);
  });

  it('returns the dates on a dry run, leaving holidays out, and creates nothing', async () => {
    const before = await meetingCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings/series',
      headers: bearer(secretary),
      payload: { ...rule(), dryRun: true },
    });
    expect(response.statusCode).toBe(200);
    const series = response.json() as Series;
    // Wednesdays in May 2099; Kristi himmelfartsdag 2099 is Thursday 21 May, none is skipped.
    expect(series.dates.map((date) => date.date)).toEqual([
      '2099-05-06',
      '2099-05-13',
      '2099-05-20',
      '2099-05-27',
      '2099-06-03',
    ]);
    expect(series.dates[0]!.start).toBe('2099-05-06T18:15:00+02:00');
    expect(series.meetings).toEqual([]);
    expect(await meetingCount()).toBe(before);
  });

  it('creates the chosen dates from the template, each a meeting of its own', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings/series',
      headers: bearer(secretary),
      payload: { ...rule(), firstDate: '2099-12-17', lastDate: '2100-01-07', dates: undefined },
    });
    expect(response.statusCode).toBe(201);
    const series = response.json() as Series;
    expect(series.skipped.map((day) => day.reason)).toEqual(['Juleaften', 'Nytårsaften']);
    expect(series.meetings.map((meeting) => meeting.start)).toEqual([
      '2099-12-17T18:15:00+01:00',
      '2100-01-07T18:15:00+01:00',
    ]);
    const first = (
      await t.app.inject({
        url: `/api/v1/meetings/${series.meetings[0]!.id}`,
        headers: bearer(secretary),
      })
    ).json() as { items: Array<{ title: string }>; location: string };
    expect(first.location).toBe('Rådhuset, lokale 398');
    expect(first.items.at(-1)!.title).toBe('Evt.');
  });

  it('rejects bad input with a stable code and creates nothing', async () => {
    const before = await meetingCount();
    for (const payload of [
      { ...rule(), lastDate: '2099-05-01' },
      { ...rule(), everyWeeks: 0 },
      { ...rule(), dates: ['2099-05-07'] },
      { ...rule(), dates: [] },
      { ...rule(), firstDate: '2099-01-01', lastDate: '2101-12-31' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/meetings/series',
        headers: bearer(secretary),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect((response.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
    expect(await meetingCount()).toBe(before);
  });

  it('previews, unticks and creates through the form; bad input creates nothing', async () => {
    const session = await signIn(t.app, secretary);
    await session.get('/moeder/moedeplan');
    const fields = {
      organizationId: template.organization.id,
      templateId: template.id,
      title: 'Udvalgsmøde',
      firstDate: '2099-09-02',
      lastDate: '2099-09-30',
      everyWeeks: '2',
      startTime: '18:15',
      durationMinutes: '90',
      location: '',
    };
    const before = await meetingCount();
    const bad = await session.post('/moeder/moedeplan', {
      ...fields,
      lastDate: '2099-08-01',
      handling: 'vis',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Den sidste mødedato skal ligge efter den første.');
    expect(bad.body).toContain('value="2099-08-01"');
    const preview = await session.post('/moeder/moedeplan', { ...fields, handling: 'vis' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('onsdag den 16. september 2099 kl. 18.15–19.45');
    const none = await session.post('/moeder/moedeplan', { ...fields, handling: 'opret' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Vælg mindst én dato.');
    expect(await meetingCount()).toBe(before);
    const created = await session.post('/moeder/moedeplan', {
      ...fields,
      dates: ['2099-09-02', '2099-09-30'],
      handling: 'opret',
    });
    expect(created.statusCode).toBe(303);
    expect(await meetingCount()).toBe(before + 2);
  });
});
