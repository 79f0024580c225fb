import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { sendCalendar } from './send-calendar';
import * as service from './service';
import { CalendarPage } from './views';

const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ token: z.string().max(100) });

/** /moeder/:id/kalender.ics, the /kalender page and the personal feed /kalender/feed/<token>.ics. */
export async function calendarPages(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;
  const baseUrl = app.config.publicBaseUrl;

  app.get(
    '/moeder/:id/kalender.ics',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const params = idParams.safeParse(request.params);
      if (!params.success) throw new AppError('NOT_FOUND');
      const { ics, fileName } = await service.meetingCalendar({
        ...readAs(request),
        options: {
          meetingId: params.data.id,
          baseUrl,
        },
      });
      return sendCalendar(reply, ics, { fileName, type: 'attachment', cache: 'private, no-cache' });
    },
  );

  app.get('/kalender', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const status = await service.getFeedStatus(readAs(request));
    return sendHtml(reply, <CalendarPage ctx={pageContext(request, reply)} status={status} />);
  });

  // Answered with the page itself rather than a redirect: the URL holds the secret, which is
  // stored only as a hash, so this response is the one place it can be shown. Keeping it in the
  // session for a redirect would write the secret to the sessions table.
  app.post('/kalender', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const { token, status } = await writeAs(request, async (ctx) => {
      const created = await service.createFeedToken(ctx);
      return { token: created, status: await service.getFeedStatus(ctx) };
    });
    reply.header('cache-control', 'no-store');
    return sendHtml(
      reply,
      <CalendarPage
        ctx={pageContext(request, reply)}
        status={status}
        newFeedUrl={`${baseUrl}${service.feedPath(token)}`}
      />,
    );
  });

  // Calendar apps fetch this without a session; the token in the path is the credential.
  app.get(
    '/kalender/feed/:token.ics',
    { config: { policy: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const params = tokenParams.safeParse(request.params);
      if (!params.success) throw new AppError('NOT_FOUND');
      const ics = await service.feedCalendar(db(), {
        token: params.data.token,
        baseUrl,
        requestId: request.id,
      });
      return sendCalendar(reply, ics, {
        fileName: 'dagsorden.ics',
        type: 'inline',
        cache: 'private, no-store',
      });
    },
  );
}
