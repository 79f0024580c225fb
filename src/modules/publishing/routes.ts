import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { publicationKinds } from './enums';
import * as service from './service';

const tags = ['Offentliggørelse'];
const errors = { ...commonErrors, 409: errorResponse };
const params = z.object({ id: z.uuid(), kind: z.enum(publicationKinds) });

const publicationResponse = z.object({
  kind: z.enum(publicationKinds),
  publishedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  items: z.number().int(),
});

const present = (row: Awaited<ReturnType<typeof service.publishMeeting>>) => ({
  kind: row.kind,
  publishedAt: row.publishedAt.toISOString(),
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  items: row.snapshot.items.length,
});

/** The secretariat's API for publishing a meeting's agenda and minutes. */
export async function publishingRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/meetings/:id/publications',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Mødets offentliggørelser (dagsorden, referat), også tilbagetrukne',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ data: z.array(publicationResponse) }), ...errors },
      },
    },
    async (request) => {
      const rows = await service.listMeetingPublications({
        ...readAs(request),
        meetingId: request.params.id,
      });
      return { data: rows.map(present) };
    },
  );

  api.get(
    '/api/v1/meetings/:id/publications/:kind/cpr-check',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Tal, der ligner CPR-numre, i det der ville blive offentliggjort nu',
        params,
        response: {
          200: z.object({
            blocking: z.number().int(),
            unchecked: z.array(z.string()).describe('bilag whose text could not be read'),
            findings: z.array(
              z.object({
                where: z.string(),
                text: z.string(),
                confidence: z.enum(['high', 'low']),
                cleared: z.boolean(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { id, kind } = request.params;
      const preview = await service.previewPublication({ ...readAs(request), meetingId: id, kind });
      const blocking = new Set(preview.blocking);
      return {
        blocking: preview.blocking.length,
        unchecked: preview.unchecked,
        findings: preview.hits.map((hit) => ({
          where: hit.where,
          text: hit.text,
          confidence: hit.confidence,
          cleared: hit.confidence === 'high' && !blocking.has(hit),
        })),
      };
    },
  );

  api.post(
    '/api/v1/meetings/:id/publications/:kind',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary:
          'Offentliggør dagsordenen eller referatet, som det er nu (409 CPR_NUMBER_FOUND ved mulige CPR-numre)',
        params,
        response: { 201: publicationResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { id, kind } = request.params;
      const row = await writeAs(request, (ctx) => {
        ctx.announce(service.publicationsTopic);
        return service.publishMeeting({ ...ctx, meetingId: id, kind });
      });
      return reply.status(201).send(present(row));
    },
  );

  api.delete(
    '/api/v1/meetings/:id/publications/:kind',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Tilbagetræk en offentliggørelse (OParl viser den som slettet)',
        params,
        response: { 200: publicationResponse, ...errors },
      },
    },
    async (request) => {
      const { id, kind } = request.params;
      const row = await writeAs(request, (ctx) => {
        ctx.announce(service.publicationsTopic);
        return service.withdrawPublication({ ...ctx, meetingId: id, kind });
      });
      return present(row);
    },
  );

  api.post(
    '/api/v1/meetings/:id/cpr-clearances',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Godkend et tal som ikke-CPR-nummer for dette møde (logges)',
        params: z.object({ id: z.uuid() }),
        body: z.object({ digits: z.string().regex(/^\d{10}$/, { error: 'Ti cifre.' }) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await writeAs(request, (ctx) =>
        service.clearCprNumber({
          ...ctx,
          meetingId: request.params.id,
          digits: request.body.digits,
        }),
      );
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/api/v1/organizations/:id/publishing-settings',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Om lukkede punkters beslutning offentliggøres (organisationens standard)',
        params: z.object({ id: z.uuid() }),
        body: z.object({ publishClosedDecisions: z.boolean() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await writeAs(request, (ctx) =>
        service.setPublishClosedDecisions({
          ...ctx,
          organizationId: request.params.id,
          value: request.body.publishClosedDecisions,
        }),
      );
      return reply.status(204).send(null);
    },
  );
}
