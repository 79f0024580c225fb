import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, parseForm, pathId, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { formatDateLong, toLocalDate } from '../../platform/i18n/format';
import { readAs, writeAs } from '../../platform/http/service-call';
import { getMeetingDetail, listMeetings } from '../meetings/index';
import { getPaper } from '../papers/index';
import { returnBody, submitBody } from './routes';
import * as service from './service';
import { QueuePage, SubmitPage } from './views';

function idOf(request: FastifyRequest): string {
  return pathId(request.params);
}

type FormBody = Record<string, string | undefined>;

/** Pages of the submission workflow: submit a paper, and the secretary's queue per meeting. */
export async function submissionPages(app: FastifyInstance): Promise<void> {
  const renderSubmit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values?: { meetingId?: string; durationMinutes?: string };
      errors?: FieldErrors;
      status?: number;
    } = {},
  ) => {
    const actor = requireActor(request);
    const ctx = readAs(request);
    const { paper } = await getPaper({ ...ctx, paperId: idOf(request) });
    const meetings = await listMeetings({
      ...ctx,
      filter: {
        organizationId: paper.organizationId,
        from: toLocalDate(new Date()),
      },
    });
    const history = await service.paperSubmissions({ ...ctx, paperId: paper.id });
    return sendHtml(
      reply,
      <SubmitPage
        ctx={pageContext(request, reply)}
        paper={paper}
        mayWrite={can(actor, 'paper.write', { organizationId: paper.organizationId })}
        isEditable={paper.status === 'draft' || paper.status === 'returned'}
        meetings={meetings.map((meeting) => ({
          value: meeting.id,
          label: `${meeting.title}, ${formatDateLong(meeting.startsAt)}`,
        }))}
        history={history}
        values={options.values ?? {}}
        errors={options.errors ?? {}}
      />,
      options.status,
    );
  };

  app.get('/sager/:id/indsend', { config: { policy: 'signedIn' } }, async (request, reply) =>
    renderSubmit(request, reply),
  );

  app.post(
    '/sager/:id/indsend',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      const values = { meetingId: body.meetingId, durationMinutes: body.durationMinutes };
      const minutes = /^\d{1,4}$/.test((body.durationMinutes ?? '').trim())
        ? Number(body.durationMinutes)
        : Number.NaN;
      const parsed = parseForm(submitBody, { meetingId: body.meetingId, durationMinutes: minutes });
      if (!parsed.ok)
        return renderSubmit(request, reply, { values, errors: parsed.errors, status: 400 });
      try {
        await writeAs(request, (ctx) =>
          service.submitPaper({ ...ctx, paperId: idOf(request), input: parsed.data }),
        );
      } catch (error) {
        return renderSubmit(request, reply, {
          values,
          errors: fieldErrorsFrom(error, { cover: 'meetingId' }),
          status: 400,
        });
      }
      return redirectAfterPost(reply, `/sager/${idOf(request)}/indsend`);
    },
  );

  const renderQueue = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    options: { errors?: Record<string, FieldErrors>; status?: number } = {},
  ) => {
    const ctx = readAs(request);
    const detail = await getMeetingDetail({ ...ctx, meetingId });
    const queue = await service.meetingQueue({ ...ctx, meetingId });
    return sendHtml(
      reply,
      <QueuePage
        ctx={pageContext(request, reply)}
        meeting={{
          id: meetingId,
          title: detail.meeting.title,
          date: formatDateLong(detail.meeting.startsAt),
        }}
        queue={queue}
        errors={options.errors ?? {}}
      />,
      options.status,
    );
  };

  app.get(
    '/moeder/:id/indsendelser',
    { config: { policy: policies.staff } },
    async (request, reply) => renderQueue(request, reply, idOf(request)),
  );

  /** A decision that fails (late without acceptance, missing comment) comes back on the queue page. */
  const decide = async (
    request: FastifyRequest,
    reply: FastifyReply,
    act: (submissionId: string) => Promise<{ meetingId: string }>,
  ) => {
    const submissionId = idOf(request);
    try {
      const { meetingId } = await act(submissionId);
      return redirectAfterPost(reply, `/moeder/${meetingId}/indsendelser`);
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'CONFLICT' && error.status !== 400))
        throw error;
      const submission = await service.submissionMeeting({ ...readAs(request), submissionId });
      const errors =
        error.code === 'CONFLICT' ? { decision: error.message } : fieldErrorsFrom(error);
      return renderQueue(request, reply, submission.meetingId, {
        errors: { [submissionId]: errors },
        status: error.status,
      });
    }
  };

  app.post(
    '/indsendelser/:id/godkend',
    { config: { policy: policies.staff } },
    async (request, reply) =>
      decide(request, reply, (submissionId) =>
        writeAs(request, (ctx) =>
          service.approveSubmission({
            ...ctx,
            submissionId,
            options: {
              acceptLate: (request.body as FormBody | undefined)?.acceptLate === 'on',
            },
          }),
        ),
      ),
  );

  app.post(
    '/indsendelser/:id/returner',
    { config: { policy: policies.staff } },
    async (request, reply) =>
      decide(request, reply, (submissionId) => {
        const parsed = returnBody.safeParse(request.body ?? {});
        if (!parsed.success) {
          throw new AppError('VALIDATION_FAILED', {
            details: parsed.error.issues.map((issue) => ({
              field: 'comment',
              message: issue.message,
            })),
          });
        }
        return writeAs(request, (ctx) =>
          service.returnSubmission({ ...ctx, submissionId, comment: parsed.data.comment }),
        );
      }),
  );
}
