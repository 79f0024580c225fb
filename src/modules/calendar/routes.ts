import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonErrors } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { sendCalendar } from './send-calendar';
import * as service from './service';

const tags = ['Kalender'];

/** JSON API: a meeting as iCalendar, and the personal calendar feed. */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const baseUrl = app.config.publicBaseUrl;

  api.get(
    '/api/v1/meetings/:id/calendar.ics',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Mødet som kalenderbegivenhed (iCalendar, text/calendar)',
        params: z.object({ id: z.uuid() }),
        produces: ['text/calendar'],
        response: { ...commonErrors },
      },
    },
    async (request, reply) => {
      const { ics, fileName } = await service.meetingCalendar({
        ...readAs(request),
        options: {
          meetingId: request.params.id,
          baseUrl,
        },
      });
      return sendCalendar(reply, ics, { fileName, type: 'attachment', cache: 'private, no-cache' });
    },
  );

  api.post(
    '/api/v1/me/calendar-feed',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary:
          'Opret en personlig kalenderadresse (vises kun én gang); en tidligere adresse holder op med at virke',
        response: { 201: z.object({ url: z.string() }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const token = await writeAs(request, (ctx) => service.createFeedToken(ctx));
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ url: `${baseUrl}${service.feedPath(token)}` });
    },
  );
}
