import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../src/platform/auth/roles';
import type { Database } from '../src/platform/db/client';
import { createTestUser, type TestUser } from './app-harness';

/** Who calls a route in the authorization matrix: a role, or nobody signed in. */
export type Caller = Role | 'anonymous';
export const callers: readonly Caller[] = [
  'anonymous',
  'reader',
  'participant',
  'case_officer',
  'secretary',
  'administrator',
];

type Ids = Record<string, string>;

async function firstId(database: Database, query: ReturnType<typeof sql>): Promise<string> {
  const result = (await database.db.execute(query)) as { rows: Array<{ id: string }> };
  return result.rows[0]?.id ?? randomUUID();
}

/**
 * Real ids from the demo data for the path parameters, and users of every role; the
 * participant and the reader are members of the meeting's organization, so they may read it.
 */
export async function prepareCallers(database: Database) {
  const meetingId = await firstId(
    database,
    sql`SELECT id FROM meetings ORDER BY starts_at LIMIT 1`,
  );
  const ids: Ids = {
    meeting: meetingId,
    item: await firstId(
      database,
      sql`SELECT id FROM agenda_items WHERE meeting_id = ${meetingId} ORDER BY position LIMIT 1`,
    ),
    organization: await firstId(
      database,
      sql`SELECT organization_id AS id FROM meetings WHERE id = ${meetingId}`,
    ),
    paper: await firstId(database, sql`SELECT id FROM papers ORDER BY created_at LIMIT 1`),
    attachment: await firstId(
      database,
      sql`SELECT id FROM paper_attachments ORDER BY created_at LIMIT 1`,
    ),
    template: await firstId(database, sql`SELECT id FROM meeting_templates LIMIT 1`),
    topic: await firstId(
      database,
      sql`SELECT t.id FROM annual_plan_topics t JOIN meetings m ON m.organization_id = t.organization_id WHERE m.id = ${meetingId} LIMIT 1`,
    ),
    treatment: await firstId(database, sql`SELECT id FROM planned_treatments LIMIT 1`),
    followUp: await firstId(database, sql`SELECT id FROM follow_ups LIMIT 1`),
    person: await firstId(database, sql`SELECT id FROM persons ORDER BY name LIMIT 1`),
  };
  const memberId = await firstId(
    database,
    sql`SELECT person_id AS id FROM memberships WHERE organization_id = ${ids.organization} LIMIT 1`,
  );
  const users: Partial<Record<Role, TestUser>> = {};
  for (const role of [
    'reader',
    'participant',
    'case_officer',
    'secretary',
    'administrator',
  ] as const) {
    users[role] = await createTestUser(database, role, {
      personId: role === 'participant' || role === 'reader' ? memberId : undefined,
    });
  }
  return { ids, users: users as Record<Role, TestUser> };
}

const byParameter: Record<string, string> = {
  itemId: 'item',
  attachmentId: 'attachment',
  topicId: 'topic',
  treatmentId: 'treatment',
};
const bySegment: Record<string, keyof Ids> = {
  meetings: 'meeting',
  moeder: 'meeting',
  papers: 'paper',
  sager: 'paper',
  bilag: 'attachment',
  attachments: 'attachment',
  organizations: 'organization',
  organisationer: 'organization',
  formuleringer: 'organization',
  skabeloner: 'template',
  'meeting-templates': 'template',
  topics: 'topic',
  emner: 'topic',
  'planned-treatments': 'treatment',
  'follow-ups': 'followUp',
  opfoelgninger: 'followUp',
  persons: 'person',
  personer: 'person',
};
const literal: Record<string, string> = { audience: 'full', kind: 'agenda', '*': 'system' };
/** Query strings a read cannot do without. */
const queries: Record<string, string> = { '/api/v1/papers/:id/versions/compare': '?from=1&to=1' };

/** The route's URL with real ids (or a random one where the demo has none). */
export function concreteUrl(pattern: string, ids: Ids): string {
  const segments = pattern.split('/');
  return segments
    .map((segment, index) => {
      if (segment === '*') return literal['*'];
      if (!segment.startsWith(':')) return segment;
      const [name = '', suffix = ''] = segment.slice(1).split(/(?=\.)/);
      if (name in literal) return literal[name]! + suffix;
      const key = byParameter[name] ?? bySegment[segments[index - 1] ?? ''] ?? '';
      return (ids[key] ?? randomUUID()) + suffix;
    })
    .join('/')
    .concat(queries[pattern] ?? '');
}

/** One call as the caller: a bearer token (no CSRF), an empty body for writes. */
export function callRoute(
  app: FastifyInstance,
  route: { method: string; url: string },
  ids: Ids,
  user: TestUser | undefined,
): Promise<LightMyRequestResponse> {
  const isWrite = !['GET', 'HEAD'].includes(route.method);
  const isApi = route.url.startsWith('/api/') || route.url.startsWith('/oparl/');
  return app.inject({
    method: route.method as 'GET',
    url: concreteUrl(route.url, ids),
    headers: {
      ...(user ? { authorization: `Bearer ${user.token}` } : {}),
      accept: isApi ? 'application/json' : 'text/html',
      ...(isWrite
        ? { 'content-type': isApi ? 'application/json' : 'application/x-www-form-urlencoded' }
        : {}),
    },
    ...(isWrite ? { payload: isApi ? '{}' : '' } : {}),
  });
}

/**
 * Routes the matrix does not call: a Server-Sent Events stream never ends (its policy is
 * checked in the minutes tests), and a calendar feed's token is its only credential.
 */
export const streamingRoutes: ReadonlySet<string> = new Set([
  '/moeder/:id/live/events',
  '/kalender/feed/:token.ics',
]);

/** Reads of things the demo data does not have (a built package): 404 for everyone. */
export const absentInDemo: ReadonlySet<string> = new Set([
  '/api/v1/meetings/:id/packages/:audience/content',
  '/moeder/:id/pakke/:audience',
  '/api/v1/docs/static/*',
]);
