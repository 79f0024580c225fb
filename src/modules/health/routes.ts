import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Liveness and database reachability for load balancers and monitoring. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['Drift'],
        summary: 'Sundhedstjek',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgresql']) }),
          503: z.object({ status: z.literal('unavailable'), db: z.enum(['pglite', 'postgresql']) }),
        },
      },
    },
    async (request, reply) => {
      const { engine } = app.database;
      try {
        await app.database.ping();
        return { status: 'ok' as const, db: engine };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        return reply.status(503).send({ status: 'unavailable' as const, db: engine });
      }
    },
  );
}
