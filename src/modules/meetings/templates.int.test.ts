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
  name: string;
  organization: { id: string; name: string };
  defaultStartTime: string;
  defaultDurationMinutes: number;
  items: Array<{ title: string; durationMinutes: number; method: string | null }>;
};

describe.skipIf(isEngineUnavailable())('meeting templates', () => {
  let t: TestApp;
  let admin: TestUser;
  let secretary: TestUser;
  let councilTemplate: Template;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    const list = (
      await t.app.inject({ url: '/api/v1/meeting-templates', headers: bearer(secretary) })
    ).json() as { data: Template[] };
    councilTemplate = list.data.find((template) => template.name === 'Rådmandsmøde')!;
  });
  afterAll(() => t.close());

  const templatesUrl = '/api/v1/meeting-templates';

  it('lists the seed templates with standing items and default durations', () => {
    expect(councilTemplate.defaultStartTime).toBe('09:00');
    expect(councilTemplate.items.map((item) => [item.title, item.durationMinutes])).toEqual([
      ['Godkendelse af dagsorden', 0],
      ['Referat', 0],
      ['Orientering fra Magistraten', 5],
      ['Orientering om udvalgsmødet', 5],
      ['Bordrunde', 5],
      ['Evt.', 0],
    ]);
  });

  it('lets administrators, not secretaries, create and replace templates', async () => {
    const body = {
      organizationId: councilTemplate.organization.id,
      name: 'Kort rådmandsmøde',
      defaultStartTime: '08.30',
      defaultDurationMinutes: 30,
      items: [
        { title: 'Godkendelse af dagsorden', durationMinutes: 0 },
        { title: 'Bordrunde', durationMinutes: 10, method: 'Mundtlig drøftelse' },
      ],
    };
    const forbidden = await t.app.inject({
      method: 'POST',
      url: templatesUrl,
      headers: bearer(secretary),
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);
    const created = await t.app.inject({
      method: 'POST',
      url: templatesUrl,
      headers: bearer(admin),
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const template = created.json() as Template;
    expect(template.defaultStartTime).toBe('08:30');
    expect(template.items[1]).toEqual({
      title: 'Bordrunde',
      durationMinutes: 10,
      method: 'Mundtlig drøftelse',
      purpose: null,
      placement: 'opening',
    });

    const replaced = await t.app.inject({
      method: 'PUT',
      url: `${templatesUrl}/${template.id}`,
      headers: bearer(admin),
      payload: { ...body, items: [{ title: 'Evt.', durationMinutes: 5 }] },
    });
    expect(replaced.statusCode).toBe(200);
    expect((replaced.json() as Template).items.map((item) => item.title)).toEqual(['Evt.']);

    const meeting = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: councilTemplate.organization.id,
        templateId: template.id,
        title: 'Rådmandsmøde',
        start: '2023-12-04T08:30:00+01:00',
        end: '2023-12-04T09:00:00+01:00',
      },
    });
    expect(
      (meeting.json() as { items: Array<{ title: string }> }).items.map((item) => item.title),
    ).toEqual(['Evt.']);
  });

  it('rejects bad templates and writes nothing', async () => {
    const before = (
      (await t.app.inject({ url: templatesUrl, headers: bearer(admin) })).json() as {
        data: unknown[];
      }
    ).data.length;
    for (const payload of [
      {
        organizationId: councilTemplate.organization.id,
        name: '',
        defaultStartTime: '09:00',
        defaultDurationMinutes: 60,
        items: [],
      },
      {
        organizationId: councilTemplate.organization.id,
        name: 'X',
        defaultStartTime: '25:00',
        defaultDurationMinutes: 60,
        items: [],
      },
      {
        organizationId: councilTemplate.organization.id,
        name: 'X',
        defaultStartTime: '09:00',
        defaultDurationMinutes: 0,
        items: [],
      },
      {
        organizationId: councilTemplate.organization.id,
        name: 'X',
        defaultStartTime: '09:00',
        defaultDurationMinutes: 60,
        items: [{ title: 'Y', durationMinutes: 601 }],
      },
      {
        organizationId: '00000000-0000-4000-8000-000000000000',
        name: 'X',
        defaultStartTime: '09:00',
        defaultDurationMinutes: 60,
        items: [],
      },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: templatesUrl,
        headers: bearer(admin),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const after = (
      (await t.app.inject({ url: templatesUrl, headers: bearer(admin) })).json() as {
        data: unknown[];
      }
    ).data.length;
    expect(after).toBe(before);
    const unknown = await t.app.inject({
      method: 'PUT',
      url: `${templatesUrl}/00000000-0000-4000-8000-000000000000`,
      headers: bearer(admin),
      payload: { name: 'X', defaultStartTime: '09:00', defaultDurationMinutes: 60, items: [] },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('edits standing items in a form that works without JavaScript, ignoring empty rows', async () => {
    const session = await signIn(t.app, admin);
    const form = await session.get(`/skabeloner/${councilTemplate.id}/rediger`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Orientering fra Magistraten"');
    const fields = new URLSearchParams();
    fields.set('name', 'Rådmandsmøde');
    fields.set('defaultStartTime', '09:00');
    fields.set('defaultDurationMinutes', '60');
    for (const [title, minutes, method] of [
      ['Godkendelse af dagsorden', '0', ''],
      ['Bordrunde', 'ti', ''],
      ['', '', ''],
    ]) {
      fields.append('itemTitle', title!);
      fields.append('itemDuration', minutes!);
      fields.append('itemMethod', method!);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    // Repeated field names, as a browser sends a table of inputs.
    const raw = await t.app.inject({
      method: 'POST',
      url: `/skabeloner/${councilTemplate.id}/rediger`,
      headers: {
        cookie: session.cookieHeader,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `${fields.toString()}&_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.body).toContain('Skal være et helt antal minutter mellem 0 og 600.');
    expect(raw.body).toContain('value="ti"');

    const fixed = new URLSearchParams(fields);
    fixed.delete('itemDuration');
    for (const minutes of ['0', '10', '']) fixed.append('itemDuration', minutes);
    const saved = await t.app.inject({
      method: 'POST',
      url: `/skabeloner/${councilTemplate.id}/rediger`,
      headers: {
        cookie: session.cookieHeader,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `${fixed.toString()}&_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(saved.statusCode).toBe(303);
    const updated = (
      await t.app.inject({ url: `${templatesUrl}/${councilTemplate.id}`, headers: bearer(admin) })
    ).json() as Template;
    expect(updated.items.map((item) => [item.title, item.durationMinutes])).toEqual([
      ['Godkendelse af dagsorden', 0],
      ['Bordrunde', 10],
    ]);

    const secretarySession = await signIn(t.app, secretary);
    expect((await secretarySession.get('/skabeloner')).statusCode).toBe(200);
    expect(
      (await secretarySession.get(`/skabeloner/${councilTemplate.id}/rediger`)).statusCode,
    ).toBe(403);
  });
});
