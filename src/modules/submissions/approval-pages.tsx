import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, formList, pathId, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import {
  approvalQueue,
  approveAsLeader,
  getApprovalSettings,
  listApproverCandidates,
  returnAsLeader,
  saveApprovalSettings,
  type ApprovalSettings,
} from './approval';
import { ApprovalQueuePage, ApprovalSettingsPage } from './approval-views';
import { returnBody } from './routes';

type FormBody = Record<string, string | string[] | undefined>;

const noticeQuery = z.object({
  ok: z.enum(['approved', 'returned']).optional().catch(undefined),
});

/** /godkendelser (the leader's queue) and /admin/godkendelsestrin/:id (the organization's step). */
export async function approvalPages(app: FastifyInstance): Promise<void> {
  const paperUrl = (paperId: string) => `${app.config.publicBaseUrl}/sager/${paperId}`;

  const renderQueue = async (
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { submissionId: string; errors: FieldErrors; comment: string; status: number },
  ) => {
    const queue = await approvalQueue(readAs(request));
    return sendHtml(
      reply,
      <ApprovalQueuePage
        ctx={pageContext(request, reply)}
        queue={queue}
        errors={failed ? { [failed.submissionId]: failed.errors } : {}}
        comments={failed ? { [failed.submissionId]: failed.comment } : {}}
        notice={failed ? null : (noticeQuery.parse(request.query ?? {}).ok ?? null)}
      />,
      failed?.status,
    );
  };

  app.get('/godkendelser', { config: { policy: policies.writers } }, async (request, reply) =>
    renderQueue(request, reply),
  );

  app.post(
    '/godkendelser/:id/godkend',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const submissionId = pathId(request.params);
      try {
        await writeAs(request, (ctx) => approveAsLeader({ ...ctx, submissionId }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
        return renderQueue(request, reply, {
          submissionId,
          errors: { decision: error.message },
          comment: '',
          status: error.status,
        });
      }
      return redirectAfterPost(reply, '/godkendelser?ok=approved');
    },
  );

  app.post(
    '/godkendelser/:id/returner',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const submissionId = pathId(request.params);
      const comment = String((request.body as FormBody | undefined)?.comment ?? '');
      const parsed = returnBody.safeParse({ comment });
      try {
        if (!parsed.success) {
          throw new AppError('VALIDATION_FAILED', {
            details: parsed.error.issues.map((issue) => ({
              field: 'comment',
              message: issue.message,
            })),
          });
        }
        await writeAs(request, (ctx) =>
          returnAsLeader({ ...ctx, submissionId, comment: parsed.data.comment, paperUrl }),
        );
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'CONFLICT' && error.status !== 400))
          throw error;
        return renderQueue(request, reply, {
          submissionId,
          errors: error.code === 'CONFLICT' ? { decision: error.message } : fieldErrorsFrom(error),
          comment,
          status: error.status,
        });
      }
      return redirectAfterPost(reply, '/godkendelser?ok=returned');
    },
  );

  const renderSettings = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { settings?: ApprovalSettings; errors?: FieldErrors; status?: number } = {},
  ) => {
    const ctx = readAs(request);
    const organizationId = pathId(request.params);
    const settings = options.settings ?? (await getApprovalSettings({ ...ctx, organizationId }));
    return sendHtml(
      reply,
      <ApprovalSettingsPage
        ctx={pageContext(request, reply)}
        settings={settings}
        candidates={await listApproverCandidates(ctx)}
        errors={options.errors ?? {}}
        saved={(request.query as { gemt?: string } | undefined)?.gemt === '1'}
      />,
      options.status,
    );
  };

  app.get(
    '/admin/godkendelsestrin/:id',
    { config: { policy: policies.staff } },
    async (request, reply) => renderSettings(request, reply),
  );

  app.post(
    '/admin/godkendelsestrin/:id',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const organizationId = pathId(request.params);
      const body = (request.body ?? {}) as FormBody;
      const input = {
        isRequired: body.isRequired === 'on',
        approverUserIds: formList
          .parse(body.approverUserIds)
          .filter((id) => z.uuid().safeParse(id).success),
      };
      try {
        await writeAs(request, (ctx) => saveApprovalSettings({ ...ctx, organizationId, input }));
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        const current = await getApprovalSettings({ ...readAs(request), organizationId });
        return renderSettings(request, reply, {
          settings: { ...current, ...input },
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
      return redirectAfterPost(reply, `/admin/godkendelsestrin/${organizationId}?gemt=1`);
    },
  );
}
