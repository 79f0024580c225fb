import type { FastifyInstance } from 'fastify';
import { passwordChangePath, requireActor } from '../../platform/auth/plugin';
import { sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { sendPortalHome } from '../portal/index';
import { recordStartPageVisit } from './repository';
import { getStartPage } from './start-page';
import { StartPageView } from './views';

/** `/`: the public portal for a visitor, the start page of their role for a signed-in user. */
export async function homePages(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { policy: 'public' } }, async (request, reply) => {
    reply.header('vary', 'cookie, authorization');
    if (request.actor === undefined) return sendPortalHome(request, reply, 'private, no-cache');
    reply.header('cache-control', 'private, no-store');
    // A public route is reached before the one-time password is changed: send them there first.
    if (request.session.passwordChangeRequired === true)
      return reply.redirect(passwordChangePath, 303);
    const actor = requireActor(request);
    const now = new Date();
    const since =
      actor.kind === 'user'
        ? await writeAs(request, ({ tx }) => recordStartPageVisit(tx, actor.userId, now))
        : null;
    const page = await getStartPage({ ...readAs(request), since, now });
    return sendHtml(
      reply,
      <StartPageView
        ctx={pageContext(request, reply)}
        page={page}
        name={actor.kind === 'user' ? actor.name : actor.label}
      />,
    );
  });
}
