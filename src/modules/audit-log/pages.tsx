import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { listAuditEvents, type AuditEvent } from '../../platform/audit/record-audit';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { commonErrors } from '../../platform/http/api';
import { sendHtml } from '../../platform/http/html';
import { Layout, pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';

const pageSize = 50;
const t = da.audit;

const listQuery = z.object({ before: z.coerce.number().int().positive().optional() });

const auditEventResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

function present(event: AuditEvent): z.input<typeof auditEventResponse> {
  return {
    id: event.id,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actor: event.actorLabel,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
  };
}

function AuditPage(props: { ctx: ReturnType<typeof pageContext>; events: AuditEvent[] }) {
  const last = props.events.at(-1);
  return (
    <Layout ctx={props.ctx} title={t.title}>
      <h1>{t.title}</h1>
      {props.events.length === 0 ? <p>{t.empty}</p> : null}
      <table class="table table--compact">
        <caption class="sr-only">{t.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t.at}</th>
            <th scope="col">{t.actor}</th>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.entity}</th>
            <th scope="col">{t.change}</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((event) => (
            <tr key={event.id}>
              <td class="agenda-slot">{`${formatDateLong(event.at)} ${formatTime(event.at)}`}</td>
              <td>{event.actorLabel}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                <code>{`${event.entityType} ${event.entityId}`}</code>
              </td>
              <td>
                {event.before !== null || event.after !== null ? (
                  <details>
                    <summary>{t.change}</summary>
                    {event.before !== null ? (
                      <>
                        <p>{t.before}</p>
                        <pre>{JSON.stringify(event.before, null, 2)}</pre>
                      </>
                    ) : null}
                    {event.after !== null ? (
                      <>
                        <p>{t.after}</p>
                        <pre>{JSON.stringify(event.after, null, 2)}</pre>
                      </>
                    ) : null}
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {last && props.events.length === pageSize ? (
        <p>
          <a href={`/admin/haendelser?before=${last.id}`}>Ældre hændelser</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The audit trail for administrators: a page and the same list as JSON. */
export async function auditLogPages(app: FastifyInstance): Promise<void> {
  const load = async (actor: ReturnType<typeof requireActor>, before: number | undefined) => {
    if (!can(actor, 'audit.read')) throw new AppError('NOT_FOUND');
    return listAuditEvents(app.database.db, { limit: pageSize, beforeId: before });
  };

  app.get(
    '/admin/haendelser',
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      const query = listQuery.safeParse(request.query);
      const events = await load(
        requireActor(request),
        query.success ? query.data.before : undefined,
      );
      return sendHtml(reply, <AuditPage ctx={pageContext(request, reply)} events={events} />);
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit-events',
    {
      config: { policy: policies.administrators },
      schema: {
        tags: ['Administration'],
        summary: `Hændelsesloggen, nyeste først (${pageSize} ad gangen; brug before=<id> for ældre)`,
        querystring: listQuery,
        response: { 200: z.object({ data: z.array(auditEventResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      const events = await load(requireActor(request), request.query.before);
      return { data: events.map(present) };
    },
  );
}
