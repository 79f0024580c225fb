import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import {
  approvalQueue,
  approveAsLeader,
  getApprovalSettings,
  returnAsLeader,
  saveApprovalSettings,
} from './approval';
import { presentSubmission, returnBody, submissionResponse } from './routes';

const tags = ['Indsendelser'];
const idParams = z.object({ id: z.uuid() });
const writeErrors = { ...commonErrors, 409: errorResponse };

const approvalSettingsBody = z.object({
  isRequired: z.boolean().describe('a leader approves submissions before the secretariat'),
  approverUserIds: z.array(z.uuid()).max(100).describe('users who may approve (staff roles)'),
});
const approvalSettingsResponse = approvalSettingsBody.extend({ organizationId: z.uuid() });

const queueResponse = z.object({
  data: z.array(
    submissionResponse.extend({
      paperTitle: z.string(),
      meetingTitle: z.string(),
    }),
  ),
});

/** The approval step's API: the leader's queue and decisions, and each organization's setting. */
export async function approvalRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const paperUrl = (paperId: string) => `${app.config.publicBaseUrl}/sager/${paperId}`;

  api.get(
    '/api/v1/approvals',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Indsendelser, der venter på min godkendelse som leder',
        response: { 200: queueResponse, ...commonErrors },
      },
    },
    async (request) => ({
      data: (await approvalQueue(readAs(request))).map((row) => ({
        ...presentSubmission(row),
        paperTitle: row.paperTitle,
        meetingTitle: row.meetingTitle,
      })),
    }),
  );

  api.post(
    '/api/v1/approvals/:id/approve',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Godkend en indsendelse som leder (den går videre til sekretariatet)',
        description: 'Only an approver of the paper’s organization; others get 404.',
        params: idParams,
        response: { 200: submissionResponse, ...writeErrors },
      },
    },
    async (request) =>
      presentSubmission(
        await writeAs(request, (ctx) =>
          approveAsLeader({ ...ctx, submissionId: request.params.id }),
        ),
      ),
  );

  api.post(
    '/api/v1/approvals/:id/return',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Returnér en indsendelse til sagsbehandleren med en kommentar (mailes)',
        params: idParams,
        body: returnBody,
        response: { 200: submissionResponse, ...writeErrors },
      },
    },
    async (request) =>
      presentSubmission(
        await writeAs(request, (ctx) =>
          returnAsLeader({
            ...ctx,
            submissionId: request.params.id,
            comment: request.body.comment,
            paperUrl,
          }),
        ),
      ),
  );

  api.get(
    '/api/v1/organizations/:id/approval-settings',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Organisationens godkendelsestrin før sekretariatet',
        params: idParams,
        response: { 200: approvalSettingsResponse, ...commonErrors },
      },
    },
    async (request) => {
      const settings = await getApprovalSettings({
        ...readAs(request),
        organizationId: request.params.id,
      });
      return {
        organizationId: settings.organizationId,
        isRequired: settings.isRequired,
        approverUserIds: settings.approverUserIds,
      };
    },
  );

  api.put(
    '/api/v1/organizations/:id/approval-settings',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Slå godkendelsestrinnet til eller fra og vælg godkendere',
        params: idParams,
        body: approvalSettingsBody,
        response: { 200: approvalSettingsResponse, ...writeErrors },
      },
    },
    async (request) => {
      const settings = await writeAs(request, (ctx) =>
        saveApprovalSettings({ ...ctx, organizationId: request.params.id, input: request.body }),
      );
      return {
        organizationId: settings.organizationId,
        isRequired: settings.isRequired,
        approverUserIds: settings.approverUserIds,
      };
    },
  );
}
