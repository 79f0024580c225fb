import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';

type Item = {
  id: string;
  number: string;
  title: string;
  durationMinutes: number;
  start?: string;
  end?: string;
  responsible: string[];
  method: string | null;
  attachments: Array<{ number: number; title: string }>;
};
type MeetingDetail = {
  id: string;
  title: string;
  start: string;
  end: string;
  overrunMinutes: number;
  items: Item[];
};

describe.skipIf(isEngineUnavailable())('meetings API on the demo data', () => {
  let t: TestApp;
  let secretary: TestUser;
  let committeeId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    const list = await t.app.inject({
      url: '/api/v1/meetings?from=2023-11-15&to=2023-11-15',
      headers: bearer(secretary),
    });
    committeeId = (list.json() as { data: Array<{ id: string }> }).data[0]!.id;
  });
  afterAll(() => t.close());

  const get = async (url: string) => t.app.inject({ url, headers: bearer(secretary) });
  const detail = async (id = committeeId) =>
    (await get(`/api/v1/meetings/${id}`)).json() as MeetingDetail;
  const countAuditEvents = async () =>
    (
      (await t.app.inject({ url: '/api/v1/audit-events', headers: bearer(admin) })).json() as {
        data: unknown[];
      }
    ).data.length;
  let admin: TestUser;
  beforeAll(async () => {
    admin = await createTestUser(t.database, 'administrator');
  });

  it('lists meetings by local date range, both ends inclusive', async () => {
    const november = await get('/api/v1/meetings?from=2023-11-01&to=2023-11-30');
    expect(november.statusCode).toBe(200);
    const titles = (november.json() as { data: Array<{ title: string; start: string }> }).data.map(
      (m) => [m.title, m.start],
    );
    expect(titles).toEqual([
      ['Rådmandsmøde', '2023-11-06T09:00:00+01:00'],
      ['Rådmandsmøde', '2023-11-13T09:00:00+01:00'],
      ['Social- og Beskæftigelsesudvalgsmøde', '2023-11-15T18:15:00+01:00'],
    ]);
    const none = await get('/api/v1/meetings?from=2023-11-16&to=2023-11-30');
    expect((none.json() as { data: unknown[] }).data).toHaveLength(0);
  });

  it('returns the seed committee meeting with its computed time plan', async () => {
    const meeting = await detail();
    expect(meeting.start).toBe('2023-11-15T18:15:00+01:00');
    expect(meeting.end).toBe('2023-11-15T19:45:00+01:00');
    expect(meeting.overrunMinutes).toBe(0);
    expect(
      meeting.items.map((item) => [
        item.number,
        item.start?.slice(11, 16) ?? null,
        item.end?.slice(11, 16) ?? null,
      ]),
    ).toEqual([
      ['1', '18:15', '18:18'],
      ['2', '18:18', '18:20'],
      ['3', '18:20', '18:40'],
      ['4', '18:40', '19:00'],
      ['5', '19:00', '19:20'],
      ['6', '19:20', '19:35'],
      ['7', null, null],
      ['7.A', '19:35', '19:40'],
      ['8', null, null],
      ['8.A', null, null],
      ['8.B', null, null],
      ['9', '19:40', '19:42'],
      ['10', '19:42', '19:45'],
    ]);
    const climate = meeting.items[3]!;
    expect(climate.title).toBe('Klimastrategi og handlingsplan');
    expect(climate.responsible).toEqual(['Eva Borchorst Mejnertz', 'MTM']);
    expect(climate.method).toBe('Mundtlig drøftelse');
    expect(meeting.items[0]!.start).toBe('2023-11-15T18:15:00+01:00');
    expect(meeting.items[11]!.attachments.map((a) => a.title)).toEqual([
      'Kurser og konferencer',
      'Sager på vej til byrådet',
    ]);
    expect(meeting.items[6]).not.toHaveProperty('start');
  });

  it('recomputes every slot when an item moves', async () => {
    const before = await detail();
    const third = before.items.find((item) => item.number === '3')!;
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeId}/items/${third.id}/move`,
      headers: bearer(secretary),
      payload: { position: 6 },
    });
    expect(moved.statusCode).toBe(200);
    const after = moved.json() as MeetingDetail;
    const byTitle = (title: string) => after.items.find((item) => item.title === title)!;
    expect(byTitle(third.title).number).toBe('6');
    expect(byTitle(third.title).start).toBe('2023-11-15T19:15:00+01:00');
    expect(byTitle('Klimastrategi og handlingsplan').start).toBe('2023-11-15T18:20:00+01:00');
    expect(byTitle('Omprioriteringskataloger i MSB som led i budget 2024').start).toBe(
      '2023-11-15T19:00:00+01:00',
    );
    // Move it back so other tests see the seed's order.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeId}/items/${third.id}/move`,
      headers: bearer(secretary),
      payload: { position: 3 },
    });
    expect((await detail()).items[2]!.title).toBe(third.title);
  });

  it('creates a meeting from a template with its standing items and default durations', async () => {
    const templates = (await get('/api/v1/meeting-templates')).json() as {
      data: Array<{ id: string; name: string; organization: { id: string } }>;
    };
    const template = templates.data.find((candidate) => candidate.name === 'Udvalgsmøde')!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: template.organization.id,
        templateId: template.id,
        title: 'Social- og Beskæftigelsesudvalgsmøde',
        start: '2023-12-06T18:15:00+01:00',
        end: '2023-12-06T19:45:00+01:00',
        location: 'Rådhuset, lokale 398',
      },
    });
    expect(created.statusCode).toBe(201);
    const meeting = created.json() as MeetingDetail & { location: string };
    expect(meeting.location).toBe('Rådhuset, lokale 398');
    expect(meeting.items.map((item) => [item.title, item.durationMinutes])).toEqual([
      ['Godkendelse af dagsorden', 3],
      ['Referat fra udvalgets seneste møde', 2],
      ['Orienteringspunkter', 5],
      ['Skriftlige orienteringer', 0],
      ['Kurser og konferencer samt sager på vej til byrådet', 2],
      ['Evt.', 3],
    ]);
    expect(meeting.items[0]!.start).toBe('2023-12-06T18:15:00+01:00');
    expect(meeting.items[5]!.end).toBe('2023-12-06T18:30:00+01:00');
  });

  it('adds, edits and deletes items, renumbering and re-timing the agenda', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeId}/items`,
      headers: bearer(secretary),
      payload: {
        title: 'Ekstra punkt',
        durationMinutes: 15,
        responsible: ['Lotte Henriksen'],
        attachments: ['Notat'],
      },
    });
    expect(created.statusCode).toBe(201);
    const item = created.json() as Item;
    expect(item.number).toBe('11');
    expect(item.start).toBe('2023-11-15T19:45:00+01:00');
    expect(item.attachments).toEqual([expect.objectContaining({ number: 1, title: 'Notat' })]);
    expect((await detail()).overrunMinutes).toBe(15);

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${committeeId}/items/${item.id}`,
      headers: bearer(secretary),
      payload: { durationMinutes: 0, title: 'Ekstra punkt uden tid' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).not.toHaveProperty('start');
    expect((await detail()).overrunMinutes).toBe(0);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/meetings/${committeeId}/items/${item.id}`,
      headers: bearer(secretary),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await detail()).items).toHaveLength(13);
  });

  describe('bad input is rejected with a stable code and a Danish message, and writes nothing', () => {
    const itemsUrl = () => `/api/v1/meetings/${committeeId}/items`;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['negative duration', { title: 'X', durationMinutes: -5 }, 'durationMinutes'],
      ['non-numeric duration', { title: 'X', durationMinutes: 'tyve' }, 'durationMinutes'],
      ['fractional duration', { title: 'X', durationMinutes: 2.5 }, 'durationMinutes'],
      ['absurd duration', { title: 'X', durationMinutes: 601 }, 'durationMinutes'],
      ['overlong title', { title: 'x'.repeat(301), durationMinutes: 5 }, 'title'],
      ['empty title', { title: '   ', durationMinutes: 5 }, 'title'],
      [
        'closed item without neutral title',
        { title: 'Personsag', durationMinutes: 5, isPublic: false },
        'publicTitle',
      ],
    ];
    for (const [name, payload, field] of cases) {
      it(name, async () => {
        const auditBefore = await countAuditEvents();
        const response = await t.app.inject({
          method: 'POST',
          url: itemsUrl(),
          headers: bearer(secretary),
          payload,
        });
        expect(response.statusCode).toBe(400);
        const body = response.json() as {
          error: {
            code: string;
            message: string;
            details: Array<{ field: string; message: string }>;
          };
        };
        expect(body.error.code).toBe('VALIDATION_FAILED');
        expect(body.error.message).toBe('Nogle felter er ikke udfyldt korrekt.');
        expect(body.error.details.map((detail) => detail.field)).toContain(field);
        expect(
          body.error.details.every(
            (detail) =>
              /[a-zæøå]/i.test(detail.message) && !/expected|invalid input/i.test(detail.message),
          ),
        ).toBe(true);
        expect((await detail()).items).toHaveLength(13);
        expect(await countAuditEvents()).toBe(auditBefore);
      });
    }

    it('a meeting that ends before it starts', async () => {
      const meeting = await detail();
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/meetings/${committeeId}`,
        headers: bearer(secretary),
        payload: { end: '2023-11-15T17:00:00+01:00' },
      });
      expect(response.statusCode).toBe(400);
      expect((response.json() as { error: { code: string; message: string } }).error).toMatchObject(
        {
          code: 'MEETING_ENDS_BEFORE_START',
          message: 'Mødet skal slutte efter det starter.',
        },
      );
      expect((await detail()).end).toBe(meeting.end);
    });

    it('invalid dates', async () => {
      for (const start of [
        '2023-02-30T10:00:00+01:00',
        '15-11-2023 18:15',
        '2023-11-15T18:15:00',
      ]) {
        const response = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/meetings/${committeeId}`,
          headers: bearer(secretary),
          payload: { start },
        });
        expect(response.statusCode, start).toBe(400);
        expect(
          (response.json() as { error: { details: Array<{ field: string }> } }).error.details[0]!
            .field,
        ).toBe('start');
      }
      const badQuery = await get('/api/v1/meetings?from=2023-13-01');
      expect(badQuery.statusCode).toBe(400);
    });

    it('unknown ids', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const url of [
        `/api/v1/meetings/${unknown}`,
        `/api/v1/meetings/${committeeId}/items/${unknown}`,
      ]) {
        const response = await t.app.inject({
          method: url.includes('/items/') ? 'PATCH' : 'GET',
          url,
          headers: bearer(secretary),
          payload: url.includes('/items/') ? { title: 'Y' } : undefined,
        });
        expect(response.statusCode, url).toBe(404);
        expect((response.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      }
      const unknownOrganization = await t.app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: bearer(secretary),
        payload: {
          organizationId: unknown,
          title: 'X',
          start: '2024-01-01T10:00:00+01:00',
          end: '2024-01-01T11:00:00+01:00',
        },
      });
      expect(unknownOrganization.statusCode).toBe(400);
      const beyondEnd = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${committeeId}/items/${(await detail()).items[0]!.id}/move`,
        headers: bearer(secretary),
        payload: { position: 99 },
      });
      expect(beyondEnd.statusCode).toBe(400);
    });
  });
});
