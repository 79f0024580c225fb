import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { pathId } from '../../platform/http/form';
import { sendHtml } from '../../platform/http/html';
import { readAs } from '../../platform/http/service-call';
import { previewPublication, publicationKinds } from '../publishing/index';
import { publicContext } from './pages';
import { portalPaths, PortalMeetingPage } from './views';

const kindQuery = z.object({ type: z.enum(publicationKinds).catch('agenda') });

/**
 * /moeder/:id/offentliggoerelse/forhaandsvisning: the portal's own meeting page over the public
 * view that publishing now would store (closed items by neutral title, as published), shown to
 * the secretariat as a citizen would see it. It reads only: nothing is published or cached.
 */
export async function publicationPreviewPages(app: FastifyInstance): Promise<void> {
  app.get(
    '/moeder/:id/offentliggoerelse/forhaandsvisning',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const { type } = kindQuery.parse(request.query ?? {});
      const preview = await previewPublication({ ...readAs(request), meetingId: id, kind: type });
      reply.header('x-robots-tag', 'noindex');
      return sendHtml(
        reply,
        <PortalMeetingPage
          ctx={publicContext(request)}
          meeting={preview.meeting}
          permalink={`${app.config.publicBaseUrl}${portalPaths.meeting(id)}`}
          slug={id}
          documentKinds={[]}
        />,
      );
    },
  );
}
