import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';

type ErrorBody = { error: { code: string; message: string } };

/**
 * Issue 18's acceptance walk through the API alone, on the demo: an administrator creates a
 * person, makes them a member of the committee, creates a participant login linked to them and
 * issues it a token; with that token the new member reads the committee's meeting. And after the
 * rådmandsmøde's minutes are released (demo), deleting one of its items answers 409.
 */
describe.skipIf(isEngineUnavailable())('a new committee member through the API', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
  });
  afterAll(() => t.close());

  const call = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });

  const organizationNamed = async (name: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organizations',
      headers: bearer(admin),
    });
    const found = response
      .json<{ data: Array<{ id: string; name: string }> }>()
      .data.find((organization) => organization.name === name);
    expect(found, name).toBeDefined();
    return found!.id;
  };

  it('creates a person, a membership and a linked login whose token reads the committee meeting', async () => {
    const committeeId = await organizationNamed('Social- og Beskæftigelsesudvalget');
    const person = await call(admin.token, 'POST', '/api/v1/persons', {
      name: 'Birgit Nymedlem',
      email: 'birgit.nymedlem@example.org',
      party: 'Fiktivt Parti',
    });
    expect(person.statusCode).toBe(201);
    const personId = person.json<{ id: string }>().id;

    const membership = await call(
      admin.token,
      'POST',
      `/api/v1/organizations/${committeeId}/memberships`,
      { personId, role: 'member', startDate: '2023-01-01' },
    );
    expect(membership.statusCode).toBe(201);

    const user = await call(admin.token, 'POST', '/api/v1/users', {
      email: 'birgit.nymedlem@example.org',
      role: 'participant',
      personId,
    });
    expect(user.statusCode).toBe(201);
    const userId = user.json<{ id: string }>().id;

    const issued = await call(admin.token, 'POST', `/api/v1/users/${userId}/tokens`, {
      name: 'Tablet',
    });
    expect(issued.statusCode).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    const memberToken = issued.json<{ token: string }>().token;

    const meetings = await call(memberToken, 'GET', '/api/v1/meetings');
    expect(meetings.statusCode).toBe(200);
    const committeeMeeting = meetings
      .json<{ data: Array<{ id: string; organization: { id: string } }> }>()
      .data.find((meeting) => meeting.organization.id === committeeId);
    expect(committeeMeeting).toBeDefined();
    const meeting = await call(memberToken, 'GET', `/api/v1/meetings/${committeeMeeting!.id}`);
    expect(meeting.statusCode).toBe(200);

    // The member's token is theirs alone: it cannot manage users or issue tokens.
    const refused = await call(memberToken, 'POST', `/api/v1/users/${userId}/tokens`, {
      name: 'Mere',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('issues no token to a deactivated user, and none for an unknown one', async () => {
    const user = await call(admin.token, 'POST', '/api/v1/users', {
      email: 'tidligere@example.org',
      role: 'reader',
      name: 'Tidligere Bruger',
    });
    const userId = user.json<{ id: string }>().id;
    expect(
      (await call(admin.token, 'PATCH', `/api/v1/users/${userId}`, { active: false })).statusCode,
    ).toBe(200);
    const deactivated = await call(admin.token, 'POST', `/api/v1/users/${userId}/tokens`, {
      name: 'Nej',
    });
    expect(deactivated.statusCode).toBe(409);
    expect(deactivated.json<ErrorBody>().error.message).toContain('deaktiveret');
    const unknown = await call(admin.token, 'POST', `/api/v1/users/${crypto.randomUUID()}/tokens`, {
      name: 'Nej',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 409 to deleting an item of the rådmandsmøde whose minutes are released', async () => {
    const meetings = await call(admin.token, 'GET', '/api/v1/meetings');
    const released = meetings
      .json<{ data: Array<{ id: string; title: string; status: string }> }>()
      .data.find(
        (meeting) =>
          /Rådmandsmøde/.test(meeting.title) &&
          (meeting.status === 'minutes_released' || meeting.status === 'minutes_approved'),
      );
    expect(released).toBeDefined();
    const detail = await call(admin.token, 'GET', `/api/v1/meetings/${released!.id}`);
    const [item] = detail.json<{ items: Array<{ id: string; title: string }> }>().items;
    const deleted = await call(
      admin.token,
      'DELETE',
      `/api/v1/meetings/${released!.id}/items/${item!.id}`,
    );
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json<ErrorBody>().error.code).toBe('MEETING_LOCKED');
    const after = await call(admin.token, 'GET', `/api/v1/meetings/${released!.id}`);
    expect(after.json<{ items: Array<{ id: string }> }>().items.map((one) => one.id)).toContain(
      item!.id,
    );
  });
});
