import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { da } from '../../platform/i18n/da';
import { readAs, writeAs } from '../../platform/http/service-call';
import { submissionStatuses } from './db-schema';
import type { SubmissionRow } from './repository';
import * as service from './service';

const tags = ['Indsendelser'];
const idParams = z.object({ id: z.uuid() });
const writeErrors = { ...commonErrors, 409: errorResponse };

export const submissionResponse = z.object({
  id: z.uuid(),
  paperId: z.uuid(),
  meetingId: z.uuid(),
  status: z.enum(submissionStatuses),
  durationMinutes: z.number().int(),
  submittedAt: z.string(),
  deadline: z.string(),
  isLate: z.boolean(),
  decisionComment: z.string().nullable(),
  agendaItemId: z.uuid().nullable(),
});

export function presentSubmission(row: SubmissionRow): z.input<typeof submissionResponse> {
  return {
    id: row.id,
    paperId: row.paperId,
    meetingId: row.meetingId,
    status: row.status,
    durationMinutes: row.durationMinutes,
    submittedAt: row.submittedAt.toISOString(),
    deadline: row.deadline.toISOString(),
    isLate: row.isLate,
    decisionComment: row.decisionComment,
    agendaItemId: row.agendaItemId,
  };
}

export const submitBody = z.object({
  meetingId: z.uuid({ error: da.submissions.unknownMeeting }),
  durationMinutes: z
    .number({ error: da.validation.duration })
    .int({ error: da.validation.duration })
    .min(0, { error: da.validation.duration })
    .max(600, { error: da.validation.duration }),
});

export const returnBody = z.object({
  comment: z
    .string({ error: da.submissions.commentRequired })
    .trim()
    .min(1, { error: da.submissions.commentRequired })
    .max(5_000, { error: da.validation.tooLong(5_000) }),
});

export const approveBody = z.object({ acceptLate: z.boolean().default(false) });

/** JSON API for the submission workflow: submit, the meeting's queue, return and approve. */
export async function submissionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/papers/:id/submissions',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Indsend en sag til et møde',
        params: idParams,
        body: submitBody,
        response: { 201: submissionResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const row = await writeAs(request, (ctx) =>
        service.submitPaper({ ...ctx, paperId: request.params.id, input: request.body }),
      );
      return reply.status(201).send(presentSubmission(row));
    },
  );

  api.get(
    '/api/v1/papers/:id/submissions',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'En sags indsendelser',
        params: idParams,
        response: { 200: z.object({ data: z.array(submissionResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      return {
        data: (
          await service.paperSubmissions({ ...readAs(request), paperId: request.params.id })
        ).map(presentSubmission),
      };
    },
  );

  api.get(
    '/api/v1/meetings/:id/submissions',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Sekretariatets kø af indsendte sager til et møde',
        params: idParams,
        response: {
          200: z.object({ data: z.array(submissionResponse.extend({ paperTitle: z.string() })) }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const rows = await service.meetingQueue({ ...readAs(request), meetingId: request.params.id });
      return {
        data: rows.map((row) => ({ ...presentSubmission(row), paperTitle: row.paperTitle })),
      };
    },
  );

  api.post(
    '/api/v1/submissions/:id/return',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Returnér en sag med en kommentar',
        params: idParams,
        body: returnBody,
        response: { 200: submissionResponse, ...writeErrors },
      },
    },
    async (request) => {
      const row = await writeAs(request, (ctx) =>
        service.returnSubmission({
          ...ctx,
          submissionId: request.params.id,
          comment: request.body.comment,
        }),
      );
      return presentSubmission(row);
    },
  );

  api.post(
    '/api/v1/submissions/:id/approve',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Godkend en sag: den kommer på dagsordenen (en sen indsendelse kræver acceptLate)',
        params: idParams,
        body: approveBody,
        response: { 200: submissionResponse, ...writeErrors },
      },
    },
    async (request) => {
      const row = await writeAs(request, (ctx) =>
        service.approveSubmission({
          ...ctx,
          submissionId: request.params.id,
          options: request.body,
        }),
      );
      return presentSubmission(row);
    },
  );
}
