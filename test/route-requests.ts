import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createApiToken } from '../src/modules/accounts/index';
import { addMembership, createPerson } from '../src/modules/organizations/index';
import type { Role } from '../src/platform/auth/roles';
import type { Database } from '../src/platform/db/client';
import { inTransaction } from '../src/platform/db/transaction';
import { createTestUser, signIn, type TestUser } from './app-harness';

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
 * Real ids from the demo data for the path parameters, and users of every role. The participant
 * and the reader are members of the meeting's organization, so they may read it; the other roles
 * are members too, as persons of their own, so that they attended the meeting and may sign off
 * its minutes. Each caller owns a follow-up (owners may mark their own), and a pending
 * submission waits for the secretariat.
 */
export async function prepareCallers(database: Database) {
  const meetingId = await firstId(
    database,
    sql`SELECT id FROM meetings ORDER BY starts_at LIMIT 1`,
  );
  const organizationId = await firstId(
    database,
    sql`SELECT organization_id AS id FROM meetings WHERE id = ${meetingId}`,
  );
  const paperId = await firstId(database, sql`SELECT id FROM papers ORDER BY created_at LIMIT 1`);
  const ids: Ids = {
    meeting: meetingId,
    item: await firstId(
      database,
      sql`SELECT id FROM agenda_items WHERE meeting_id = ${meetingId} ORDER BY position LIMIT 1`,
    ),
    organization: organizationId,
    paper: paperId,
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
    person: await firstId(database, sql`SELECT id FROM persons ORDER BY name LIMIT 1`),
    // A user of its own, not one of the callers: deactivating it must not sign a caller out.
    user: await firstId(
      database,
      sql`INSERT INTO users (email, name, role) VALUES ('matrix-target@test.dk', 'Matrix', 'reader')
          RETURNING id`,
    ),
    publishedMeeting: await firstId(
      database,
      sql`SELECT meeting_id AS id FROM meeting_publications WHERE kind = 'agenda' AND withdrawn_at IS NULL LIMIT 1`,
    ),
    submission: await firstId(
      database,
      sql`INSERT INTO paper_submissions (paper_id, meeting_id, duration_minutes, deadline, is_late)
          VALUES (${paperId}, ${meetingId}, 5, now(), false) RETURNING id`,
    ),
  };
  // A bilag of the item's own (listed by title), for the item's bilag routes.
  ids.itemAttachment = await firstId(
    database,
    sql`INSERT INTO agenda_item_attachments (agenda_item_id, position, title)
        VALUES (${ids.item}, 1000, 'Matrixbilag') RETURNING id`,
  );
  // A membership that gives access (a substitute's alone does not).
  ids.membership = await firstId(
    database,
    sql`SELECT id FROM memberships WHERE organization_id = ${ids.organization}
        AND role <> 'substitute' ORDER BY id LIMIT 1`,
  );
  const memberId = await firstId(
    database,
    sql`SELECT person_id AS id FROM memberships WHERE id = ${ids.membership}`,
  );
  const users: Partial<Record<Role, TestUser>> = {};
  const ownIds: Partial<Record<Role, Ids>> = {};
  for (const role of [
    'reader',
    'participant',
    'case_officer',
    'secretary',
    'administrator',
  ] as const) {
    const personId =
      role === 'participant' || role === 'reader'
        ? memberId
        : await inTransaction(database.db, async (tx) => {
            const person = await createPerson({
              actor: system,
              tx,
              input: { name: `Test ${role}` },
            });
            await addMembership({
              actor: system,
              tx,
              input: { personId: person.id, organizationId, role: 'member' },
            });
            return person.id;
          });
    // The meeting may be held already, and a held meeting's attendance no longer follows the
    // memberships: record that this member attended, as the secretariat would have.
    await database.db.execute(
      sql`INSERT INTO meeting_attendance (meeting_id, person_id, status)
          VALUES (${ids.meeting}, ${personId}, 'attending') ON CONFLICT DO NOTHING`,
    );
    users[role] = await createTestUser(database, role, { personId });
    ownIds[role] = {
      followUp: await firstId(
        database,
        sql`INSERT INTO follow_ups (agenda_item_id, owner_person_id, due_date, text)
            VALUES (${ids.item}, ${personId}, '2030-01-01', 'Opfølgning') RETURNING id`,
      ),
    };
  }
  return {
    ids,
    users: users as Record<Role, TestUser>,
    /** The ids a caller acts on: the shared ones and their own. */
    idsOf: (caller: Caller): Ids => ({ ...ids, ...(caller === 'anonymous' ? {} : ownIds[caller]) }),
  };
}

const system = { kind: 'system', label: 'autorisationsmatrix' } as const;

const byParameter: Record<string, string> = {
  itemId: 'item',
  attachmentId: 'attachment',
  topicId: 'topic',
  treatmentId: 'treatment',
  mid: 'membership',
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
  submissions: 'submission',
  indsendelser: 'submission',
  formuleringer: 'organization',
  moederegler: 'organization',
  godkendelsestrin: 'organization',
  skabeloner: 'template',
  'meeting-templates': 'template',
  topics: 'topic',
  emner: 'topic',
  'planned-treatments': 'treatment',
  'follow-ups': 'followUp',
  tokens: 'token',
  opfoelgninger: 'followUp',
  persons: 'person',
  personer: 'person',
  users: 'user',
  brugere: 'user',
};
const literal: Record<string, string> = { audience: 'full', kind: 'agenda', '*': 'system' };
/** Query strings a read cannot do without. */
const queries: Record<string, string> = {
  '/api/v1/papers/:id/versions/compare': '?from=1&to=1',
  '/api/v1/search': '?q=budget',
  '/soeg': '?q=budget',
};

/** The route's URL with real ids (or a random one where the demo has none). */
export function concreteUrl(pattern: string, ids: Ids): string {
  const segments = pattern.split('/');
  return segments
    .map((segment, index) => {
      if (segment === '*') return literal['*'];
      if (!segment.startsWith(':')) return segment;
      const [name = '', suffix = ''] = segment.slice(1).split(/(?=\.)/);
      if (name in literal) return literal[name]! + suffix;
      // An item's own bilag live under the item; a paper's under the paper or /bilag.
      const key =
        name === 'attachmentId' && pattern.includes('/:itemId/')
          ? 'itemAttachment'
          : (byParameter[name] ?? bySegment[segments[index - 1] ?? ''] ?? '');
      return (ids[key] ?? randomUUID()) + suffix;
    })
    .join('/')
    .concat(queries[pattern] ?? '');
}

/** Form fields a write cannot be routed without (the organization a new topic is for). */
const formFields: Record<string, (ids: Ids) => Record<string, string>> = {
  'POST /aarshjul/emner': (ids) => ({ organizationId: ids.organization ?? '' }),
};

/** Routes only a browser session may use: a bearer token is refused there (403), by design. */
const sessionOnly: ReadonlySet<string> = new Set(['POST /konto/tokens']);

/**
 * One call as the caller: a bearer token (no CSRF), or a signed-in browser session where only a
 * session will do; an empty body for writes (so a permitted write answers 400), but for the
 * fields that say which resource the write is for.
 */
export async function callRoute(
  app: FastifyInstance,
  route: { method: string; url: string },
  ids: Ids,
  user: TestUser | undefined,
): Promise<LightMyRequestResponse> {
  const key = `${route.method} ${route.url}`;
  const isWrite = !['GET', 'HEAD'].includes(route.method);
  const isApi = route.url.startsWith('/api/') || route.url.startsWith('/oparl/');
  const url = concreteUrl(route.url, ids);
  const fields = formFields[key]?.(ids) ?? {};
  if (user && sessionOnly.has(key)) return (await signIn(app, user)).post(url, fields);
  return app.inject({
    method: route.method as 'GET',
    url,
    headers: {
      ...(user ? { authorization: `Bearer ${user.token}` } : {}),
      accept: isApi ? 'application/json' : 'text/html',
      ...(isWrite
        ? { 'content-type': isApi ? 'application/json' : 'application/x-www-form-urlencoded' }
        : {}),
    },
    ...(isWrite ? { payload: isApi ? '{}' : new URLSearchParams(fields).toString() } : {}),
  });
}

/** A copy of a row under a new id (and the columns given), returning the new id. */
async function copyRow(
  database: Database,
  table: string,
  id: string | undefined,
  columns: Record<string, string> = {},
): Promise<string> {
  const changes = JSON.stringify({ ...columns, id: randomUUID() });
  return firstId(
    database,
    sql`INSERT INTO ${sql.identifier(table)}
        SELECT (jsonb_populate_record(NULL::${sql.identifier(table)}, to_jsonb(r) || ${changes}::jsonb)).*
        FROM ${sql.identifier(table)} r WHERE id = ${id ?? randomUUID()} RETURNING id`,
  );
}

type Fresh = (database: Database, ids: Ids, user: TestUser) => Promise<Ids>;

const freshMeeting: Fresh = async (database, ids) => ({
  meeting: await copyRow(database, 'meetings', ids.meeting),
});
const freshItem: Fresh = async (database, ids) => ({
  item: await copyRow(database, 'agenda_items', ids.item),
});
const freshItemAttachment: Fresh = async (database, ids) => ({
  itemAttachment: await copyRow(database, 'agenda_item_attachments', ids.itemAttachment, {
    position: String(1001 + Math.floor(Math.random() * 1_000_000)),
  }),
});
const freshTopic: Fresh = async (database, ids) => ({
  topic: await copyRow(database, 'annual_plan_topics', ids.topic),
});
const freshTreatment: Fresh = async (database, ids) => ({
  treatment: await copyRow(database, 'planned_treatments', ids.treatment, {
    paper_id: ids.paper ?? '',
  }),
});
const freshToken: Fresh = async (database, _ids, user) => {
  await inTransaction(database.db, (tx) =>
    createApiToken({ actor: system, tx, input: { email: user.email } }),
  );
  return {
    token: await firstId(
      database,
      sql`SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE u.email = ${user.email} ORDER BY t.created_at DESC LIMIT 1`,
    ),
  };
};
const freshMembership: Fresh = async (database, ids) => ({
  membership: await copyRow(database, 'memberships', ids.membership),
});
/** The demo's published agenda, in effect again (a withdrawal keeps it as a tombstone). */
const freshPublication: Fresh = async (database, ids) => {
  await database.db.execute(
    sql`UPDATE meeting_publications SET withdrawn_at = NULL, withdrawn_by_user_id = NULL
        WHERE meeting_id = ${ids.publishedMeeting ?? randomUUID()} AND kind = 'agenda'`,
  );
  return { meeting: ids.publishedMeeting ?? randomUUID() };
};

/**
 * Writes that use up what they act on (deletions, withdrawals) get their own, made just before
 * the call: the API route and the form route that delete the same kind of thing then both find
 * one, and a role the route is for must get past every permission check.
 */
const usedUp: Record<string, Fresh> = {
  'DELETE /api/v1/meetings/:id': freshMeeting,
  'POST /moeder/:id/slet': freshMeeting,
  'DELETE /api/v1/meetings/:id/items/:itemId': freshItem,
  'POST /moeder/:id/punkter/:itemId/slet': freshItem,
  'DELETE /api/v1/meetings/:id/items/:itemId/attachments/:attachmentId': freshItemAttachment,
  'POST /moeder/:id/punkter/:itemId/bilag/:attachmentId/slet': freshItemAttachment,
  'DELETE /api/v1/annual-plan/topics/:id': freshTopic,
  'POST /aarshjul/emner/:id/slet': freshTopic,
  'DELETE /api/v1/planned-treatments/:id': freshTreatment,
  'POST /sager/:id/behandlinger/:treatmentId/slet': freshTreatment,
  'DELETE /api/v1/organizations/:id/memberships/:mid': freshMembership,
  'POST /organisationer/:id/medlemmer/:mid/slet': freshMembership,
  'DELETE /api/v1/me/tokens/:id': freshToken,
  'POST /konto/tokens/:id/slet': freshToken,
  'DELETE /api/v1/meetings/:id/publications/:kind': freshPublication,
  'POST /moeder/:id/offentliggoerelse/:kind/tilbagetraek': freshPublication,
};

/** The ids for one call: a resource of its own where the write uses one up. */
export async function idsForCall(
  database: Database,
  route: { method: string; url: string },
  ids: Ids,
  user: TestUser,
): Promise<Ids> {
  const fresh = usedUp[`${route.method} ${route.url}`];
  return fresh ? { ...ids, ...(await fresh(database, ids, user)) } : ids;
}

/**
 * Routes the matrix does not call: a Server-Sent Events stream never ends (its policy is
 * checked in the minutes tests), and a calendar feed's token is its only credential.
 */
export const streamingRoutes: ReadonlySet<string> = new Set([
  '/moeder/:id/live/events',
  '/kalender/feed/:token.ics',
]);

/**
 * Things the demo data does not have (a built package; a submission awaiting a leader, whose
 * decision only its organization's approvers reach): 404 for everyone.
 */
export const absentInDemo: ReadonlySet<string> = new Set([
  '/api/v1/meetings/:id/packages/:audience/content',
  '/moeder/:id/pakke/:audience',
  '/api/v1/docs/static/*',
  // The demo's bilag on items are listed by title only: no file to serve.
  '/api/v1/meetings/:id/items/:itemId/attachments/:attachmentId/content',
  '/moeder/:id/punkter/:itemId/bilag/:attachmentId',
  '/api/v1/approvals/:id/approve',
  '/api/v1/approvals/:id/return',
  '/godkendelser/:id/godkend',
  '/godkendelser/:id/returner',
]);
