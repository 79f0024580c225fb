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
import { tinyPng } from '../../../test/file-factories';
import { inTransaction } from '../../platform/db/transaction';
import { setPaperStatus } from '../papers/index';
import { getPublicMeeting, listPublicMeetings, readAllPublications } from './index';

describe.skipIf(isEngineUnavailable())('publishing agendas and minutes', () => {
  let t: TestApp;
  let secretary: TestUser;
  let reader: TestUser;
  let committeeId: string;
  let councilId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'case_officer');
    const list = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    committeeId = list.data.find((meeting) => meeting.title !== 'Rådmandsmøde')!.id;
    councilId = list.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(secretary), payload });
  /** A published agenda is the released one: changes go out with a new release first. */
  const releaseAgain = async () => {
    const released = await api('POST', `/api/v1/meetings/${committeeId}/agenda-releases`, {
      changeNote: 'Dagsordenen er ændret.',
      lateReason: 'Testens møde ligger før fristen.',
    });
    expect(released.statusCode).toBe(201);
  };

  it('has the demo committee agenda published and the rådmandsmøde internal', async () => {
    const published = await listPublicMeetings(t.database.db);
    expect(published.map((meeting) => meeting.title)).toEqual([
      'Social- og Beskæftigelsesudvalgsmøde',
    ]);
    expect(await getPublicMeeting(t.database.db, councilId)).toBeUndefined();
  });

  it('publishes a closed item by its neutral title only, and blocks on a CPR number until cleared', async () => {
    const closed = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Klagesag fra LUKKET-CANARY-91',
      isPublic: false,
      closedReasonCode: 'personnel',
      publicTitle: 'Klagesag',
      purpose: 'Fortroligt LUKKET-CANARY-91',
      durationMinutes: 5,
    });
    expect(closed.statusCode).toBe(201);
    const open = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Borgerhenvendelse',
      purpose: 'Henvendelse fra borger med CPR-nr. 070761-4285 om ventetid.',
      durationMinutes: 5,
    });
    const openId = (open.json() as { id: string }).id;
    await releaseAgain();
    const blocked = await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`);
    expect(blocked.statusCode).toBe(409);
    const error = (
      blocked.json() as { error: { code: string; details: Array<{ message: string }> } }
    ).error;
    expect(error.code).toBe('CPR_NUMBER_FOUND');
    expect(error.details.map((detail) => detail.message)).toEqual([
      'Muligt CPR-nummer: 070761-XXXX',
    ]);
    // Still the earlier publication: nothing of the new items is public.
    const before = JSON.stringify(await getPublicMeeting(t.database.db, committeeId));
    expect(before).not.toContain('Borgerhenvendelse');

    await api('PATCH', `/api/v1/meetings/${committeeId}/items/${openId}`, {
      purpose: 'Henvendelse fra en borger om ventetid.',
    });
    await releaseAgain();
    // An open sub-item of the closed item is closed with it.
    await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Underpunkt UNDER-CANARY-55',
      purpose: 'Detaljer UNDER-CANARY-55',
      parentId: (closed.json() as { id: string }).id,
      durationMinutes: 2,
    });
    const published = await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`);
    expect(published.statusCode).toBe(201);
    const publicMeeting = await getPublicMeeting(t.database.db, committeeId);
    const text = JSON.stringify(publicMeeting);
    expect(text).toContain('Borgerhenvendelse');
    expect(text).toContain('Klagesag');
    expect(text).not.toContain('LUKKET-CANARY-91');
    expect(text).not.toContain('UNDER-CANARY-55');
  });

  it('publishes the agenda as released: a later edit goes public with the next release', async () => {
    await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Tilføjet efter udsendelsen',
      durationMinutes: 5,
    });
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
    const titles = async () =>
      (await getPublicMeeting(t.database.db, committeeId))!.meeting.items.map((item) => item.title);
    expect(await titles()).not.toContain('Tilføjet efter udsendelsen');
    await releaseAgain();
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
    expect(await titles()).toContain('Tilføjet efter udsendelsen');
  });

  it('lets a secretary clear a number that is not a CPR number, audited', async () => {
    const item = await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Kontrakt 0101011234',
      durationMinutes: 5,
    });
    expect(item.statusCode).toBe(201);
    await releaseAgain();
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(409);
    const cleared = await api('POST', `/api/v1/meetings/${committeeId}/cpr-clearances`, {
      digits: '0101011234',
    });
    expect(cleared.statusCode).toBe(204);
    expect(
      (await api('POST', `/api/v1/meetings/${committeeId}/publications/agenda`)).statusCode,
    ).toBe(201);
  });

  it('publishes minutes only once released, and withdraws leaving nothing public', async () => {
    const early = await api('POST', `/api/v1/meetings/${committeeId}/publications/minutes`);
    expect(early.statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/meetings/${committeeId}/publications/agenda`,
          headers: bearer(reader),
        })
      ).statusCode,
    ).toBe(403);
    const withdrawn = await api('DELETE', `/api/v1/meetings/${committeeId}/publications/agenda`);
    expect(withdrawn.statusCode).toBe(200);
    expect(await getPublicMeeting(t.database.db, committeeId)).toBeUndefined();
    // Only a tombstone is kept of what was withdrawn.
    const [row] = (await readAllPublications({ tx: t.database.db })).filter(
      (publication) => publication.meetingId === committeeId,
    );
    expect(row?.snapshot.items.every((item) => item.title === '' && item.purpose === null)).toBe(
      true,
    );
    expect(JSON.stringify(row?.snapshot)).not.toContain('Borgerhenvendelse');
    const list = (await api('GET', `/api/v1/meetings/${committeeId}/publications`)).json() as {
      data: Array<{ kind: string; withdrawnAt: string | null }>;
    };
    expect(list.data.map((row) => [row.kind, typeof row.withdrawnAt])).toEqual([
      ['agenda', 'string'],
    ]);
  });

  it("shows a closed item's decision in public only by the organization's setting or the item's choice", async () => {
    const created = (
      await api('POST', '/api/v1/meetings', {
        organizationId: (
          (await api('GET', `/api/v1/meetings/${committeeId}`)).json() as {
            organization: { id: string };
          }
        ).organization.id,
        title: 'Ekstraordinært møde',
        start: '2023-12-06T18:15:00+01:00',
        end: '2023-12-06T19:00:00+01:00',
      })
    ).json() as { id: string };
    const id = created.id;
    const item = (
      await api('POST', `/api/v1/meetings/${id}/items`, {
        title: 'Salg af grund til KØBER-CANARY',
        isPublic: false,
        closedReasonCode: 'personnel',
        publicTitle: 'Salg af grund',
        durationMinutes: 10,
      })
    ).json() as { id: string };
    await api('POST', `/api/v1/meetings/${id}/agenda-releases`, {
      lateReason: 'Testens møde ligger før fristen.',
    });
    await api('POST', `/api/v1/meetings/${id}/start`);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${id}/items/${item.id}/minutes`,
      headers: bearer(secretary),
      payload: {
        minutes: 'Drøftet med KØBER-CANARY.',
        decision: 'Salget blev godkendt.',
        expectedRevision: 0,
      },
    });
    await api('POST', `/api/v1/meetings/${id}/end`);
    await api('POST', `/api/v1/meetings/${id}/minutes-release`);
    const decisionInPublic = async () => {
      expect((await api('POST', `/api/v1/meetings/${id}/publications/minutes`)).statusCode).toBe(
        201,
      );
      const text = JSON.stringify(await getPublicMeeting(t.database.db, id));
      expect(text).toContain('Salg af grund');
      expect(text).not.toContain('KØBER-CANARY');
      return text.includes('Salget blev godkendt.');
    };
    expect(await decisionInPublic()).toBe(false);
    await api('PATCH', `/api/v1/meetings/${id}/items/${item.id}`, { publishClosedDecision: true });
    expect(await decisionInPublic()).toBe(true);
    await api('PATCH', `/api/v1/meetings/${id}/items/${item.id}`, { publishClosedDecision: null });
    const organizationId = (
      (await api('GET', `/api/v1/meetings/${id}`)).json() as { organization: { id: string } }
    ).organization.id;
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/organizations/${organizationId}/publishing-settings`,
      headers: bearer(secretary),
      payload: { publishClosedDecisions: true },
    });
    expect(await decisionInPublic()).toBe(true);
  });

  it('names the bilag whose text could not be read, so a person checks them', async () => {
    const officer = await createTestUser(t.database, 'case_officer');
    const organizationId = (
      (await api('GET', `/api/v1/meetings/${committeeId}`)).json() as {
        organization: { id: string };
      }
    ).organization.id;
    const paper = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/papers',
        headers: bearer(officer),
        payload: { organizationId, title: 'Kort over området', paperDate: '2023-11-01' },
      })
    ).json() as { id: string };
    const upload = multipartBody({ title: 'Luftfoto' }, [
      { fileName: 'luftfoto.png', bytes: tinyPng, type: 'image/png' },
    ]);
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paper.id}/attachments`,
      headers: { ...bearer(officer), ...upload.headers },
      payload: upload.payload,
    });
    expect(attached.statusCode).toBe(201);
    await inTransaction(t.database.db, (tx) =>
      setPaperStatus({
        actor: { kind: 'system', label: 'test' },
        tx,
        paperId: paper.id,
        status: 'on_agenda',
      }),
    );
    await api('POST', `/api/v1/meetings/${committeeId}/items`, {
      title: 'Kort over området',
      paperId: paper.id,
      durationMinutes: 5,
    });
    await releaseAgain();
    const check = (
      await api('GET', `/api/v1/meetings/${committeeId}/publications/agenda/cpr-check`)
    ).json() as { unchecked: string[] };
    expect(check.unchecked).toEqual([expect.stringMatching(/Bilag 1: Luftfoto$/)]);
  });

  it('gives the secretariat a page to publish, see CPR findings and withdraw', async () => {
    // Its own starting point: a meeting whose agenda is not public (withdrawn), whatever ran before.
    const { statusCode } = await api(
      'DELETE',
      `/api/v1/meetings/${committeeId}/publications/agenda`,
    );
    expect([200, 404]).toContain(statusCode);
    expect(await getPublicMeeting(t.database.db, committeeId)).toBeUndefined();
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${committeeId}/offentliggoerelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Offentliggør dagsorden');
    const posted = await session.post(`/moeder/${committeeId}/offentliggoerelse/agenda`, {});
    expect(posted.statusCode).toBe(303);
    expect(await getPublicMeeting(t.database.db, committeeId)).toBeDefined();
  });
});
