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
import { DataTable } from '../../platform/http/components/data-table';
import { EmptyState } from '../../platform/http/components/empty-state';
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
      {props.events.length === 0 ? <EmptyState message={t.empty} /> : null}
      {props.events.length > 0 ? (
        <DataTable
          caption={t.title}
          isCompact
          rows={props.events}
          rowKey={(event) => String(event.id)}
          columns={[
            {
              header: t.at,
              class: 'agenda-slot',
              cell: (event) => `${formatDateLong(event.at)} ${formatTime(event.at)}`,
            },
            { header: t.actor, class: 'break-word', cell: (event) => event.actorLabel },
            { header: t.action, class: 'break-word', cell: (event) => <code>{event.action}</code> },
            {
              header: t.entity,
              class: 'break-word',
              cell: (event) => <code>{`${event.entityType} ${event.entityId}`}</code>,
            },
            {
              header: t.change,
              cell: (event) =>
                event.before !== null || event.after !== null ? (
                  <details>
                    <summary>{t.change}</summary>
                    {event.before !== null ? (
                      <>
                        <p>{t.before}</p>
                        <pre class="audit-change">{JSON.stringify(event.before, null, 2)}</pre>
                      </>
                    ) : null}
                    {event.after !== null ? (
                      <>
                        <p>{t.after}</p>
                        <pre class="audit-change">{JSON.stringify(event.after, null, 2)}</pre>
                      </>
                    ) : null}
                  </details>
                ) : null,
            },
          ]}
        />
      ) : null}
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
