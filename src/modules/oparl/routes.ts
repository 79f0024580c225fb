import type { FastifyInstance, FastifyReply } from 'fastify';
import { listQuerySchema, listPage } from './list-page';
import { loadOparlGraph } from './service';

export const oparlPrefix = '/oparl/v1.1';

/**
 * OParl 1.1, read-only and open to anyone: `GET /oparl/v1.1/system` leads to everything else.
 * Every answer is JSON (errors too), may be read from any origin, and sets no cookie.
 */
export async function oparlRoutes(app: FastifyInstance): Promise<void> {
  const { publicBaseUrl, municipalityCode } = app.config;

  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    // The session plugin only sets a cookie once a session is used (saveUninitialized: false);
    // this keeps an OParl answer cookie-free even for a signed-in browser.
    reply.removeHeader('set-cookie');
  });
  // The app's error handler answers non-API paths with an HTML page; OParl clients want JSON.
  app.setErrorHandler(async (error, request, reply) => {
    request.log.error({ err: error }, 'OParl request failed');
    return sendError(reply, 500, 'INTERNAL', 'Internal error');
  });

  app.get(
    `${oparlPrefix}/*`,
    { config: { policy: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const key = `${publicBaseUrl}${path}`;
      const graph = await loadOparlGraph(app.database.db, { publicBaseUrl, municipalityCode });
      const list = graph.lists.get(key);
      if (list) {
        const query = listQuerySchema.safeParse(request.query);
        if (!query.success) {
          return sendError(
            reply,
            400,
            'VALIDATION_FAILED',
            'Invalid list parameter',
            query.error.issues.map((issue) => ({
              field: issue.path.join('.'),
              message: issue.message,
            })),
          );
        }
        return listPage(key, list, query.data);
      }
      const object = graph.objects.get(key);
      if (!object) return sendError(reply, 404, 'NOT_FOUND', 'No such OParl object');
      return object;
    },
  );
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details: Array<{ field: string; message: string }> = [],
) {
  return reply.status(status).send({ error: { code, message, details } });
}
