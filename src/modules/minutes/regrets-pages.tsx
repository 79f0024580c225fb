import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathId, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs } from '../../platform/http/service-call';
import { da } from '../../platform/i18n/da';
import { writeToMeeting } from './meeting-topic';
import { getOwnAttendance, sendRegrets, withdrawRegrets } from './substitutes';
import { RegretsPage } from './views/regrets-page';

const maxReason = 500;

/** /moeder/:id/afbud: a member's own afbud, reached from the meeting page. */
export async function regretsPages(app: FastifyInstance): Promise<void> {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { reason?: string; errors?: FieldErrors; status?: number } = {},
  ) => {
    const id = pathId(request.params);
    const { meeting, entry } = await getOwnAttendance({ ...readAs(request), meetingId: id });
    return sendHtml(
      reply,
      <RegretsPage
        ctx={pageContext(request, reply)}
        meeting={meeting}
        entry={entry}
        reason={options.reason ?? ''}
        errors={options.errors ?? {}}
      />,
      options.status,
    );
  };

  app.get('/moeder/:id/afbud', { config: { policy: 'signedIn' } }, async (request, reply) =>
    render(request, reply),
  );

  app.post('/moeder/:id/afbud', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const id = pathId(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (reason.length > maxReason) {
      return render(request, reply, {
        reason,
        errors: { reason: da.validation.tooLong(maxReason) },
        status: 400,
      });
    }
    await writeToMeeting(request, id, (ctx) =>
      sendRegrets({ ...ctx, meetingId: id, input: { reason: reason || null } }),
    );
    return redirectAfterPost(reply, `/moeder/${id}/afbud`);
  });

  app.post(
    '/moeder/:id/afbud/tilbage',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const id = pathId(request.params);
      await writeToMeeting(request, id, (ctx) => withdrawRegrets({ ...ctx, meetingId: id }));
      return redirectAfterPost(reply, `/moeder/${id}/afbud`);
    },
  );
}
