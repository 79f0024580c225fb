import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors } from '../../platform/http/api';
import { pathId } from '../../platform/http/form';
import { sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs } from '../../platform/http/service-call';
import { previewRelease } from './release-preview';
import { meetingParams } from './schemas';
import { ReleasePreviewPage } from './views/release-preview-page';

const previewResponse = z.object({
  version: z.number().int().nullable().describe('the agenda version the release would make'),
  recipients: z.array(z.object({ name: z.string(), email: z.string() })),
  subject: z.string(),
  body: z.string(),
});

const changeNoteQuery = z.object({
  changeNote: z.string().max(2000).optional(),
});

/** Previews of the release mails (agenda and minutes): read only, nothing is sent. */
export async function releasePreviewRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const meetingUrl = (id: string) => `${app.config.publicBaseUrl}/moeder/${id}`;
  const kinds = [
    ['agenda', 'agenda-releases/preview', 'udsend/forhaandsvisning', 'dagsordenen'],
    ['minutes', 'minutes-release/preview', 'udsend-referat/forhaandsvisning', 'referatet'],
  ] as const;
  for (const [kind, apiPath, pagePath, what] of kinds) {
    api.get(
      `/api/v1/meetings/:id/${apiPath}`,
      {
        config: { policy: policies.staff },
        schema: {
          tags: ['Mødeafvikling og referat'],
          summary: `Forhåndsvis mailen, som udsendelse af ${what} sender (intet sendes)`,
          params: meetingParams,
          querystring: changeNoteQuery,
          response: { 200: previewResponse, ...commonErrors },
        },
      },
      async (request) => {
        const preview = await previewRelease({
          ...readAs(request),
          meetingId: request.params.id,
          kind,
          changeNote: request.query.changeNote?.trim() || null,
          meetingUrl: meetingUrl(request.params.id),
        });
        return { version: preview.version, ...preview.mail };
      },
    );

    app.get(
      `/moeder/:id/${pagePath}`,
      { config: { policy: policies.staff } },
      async (request, reply) => {
        const id = pathId(request.params);
        const parsed = changeNoteQuery.safeParse(request.query ?? {});
        const changeNote = parsed.success ? (parsed.data.changeNote?.trim() ?? '') : '';
        const preview = await previewRelease({
          ...readAs(request),
          meetingId: id,
          kind,
          changeNote: changeNote || null,
          meetingUrl: meetingUrl(id),
        });
        return sendHtml(
          reply,
          <ReleasePreviewPage
            ctx={pageContext(request, reply)}
            preview={preview}
            changeNote={changeNote}
          />,
        );
      },
    );
  }
}
