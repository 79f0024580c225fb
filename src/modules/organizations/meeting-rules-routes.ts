import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { getMeetingRules, updateMeetingRules, type MeetingRules } from './meeting-rules';

const weekdays = z.number().int().min(1).max(30);

const closureReason = z.object({
  code: z.string().max(40).describe('Stable code, a–z, 0–9 and _, e.g. "personnel"'),
  label: z.string().max(200).describe('Danish label shown when an item is closed'),
});

const settingsResponse = z.object({
  organizationId: z.uuid(),
  agendaDeadlineWeekdays: weekdays.describe('Styrelsesloven § 8: the agenda, weekdays before'),
  materialDeadlineWeekdays: weekdays.describe('The material, weekdays before the meeting'),
  closureReasons: z.array(closureReason).describe('Styrelsesloven § 10: reasons to close an item'),
  closureReasonsAreDefault: z.boolean(),
});

const settingsBody = z
  .object({
    agendaDeadlineWeekdays: weekdays.optional(),
    materialDeadlineWeekdays: weekdays.optional(),
    closureReasons: z
      .array(closureReason)
      .max(30)
      .nullable()
      .optional()
      .describe('null restores the default list'),
  })
  .strict();

const tags = ['Organisationer'];
const params = z.object({ id: z.uuid() });

const present = (rules: MeetingRules): z.infer<typeof settingsResponse> => ({
  organizationId: rules.organizationId,
  agendaDeadlineWeekdays: rules.agendaDeadlineWeekdays,
  materialDeadlineWeekdays: rules.materialDeadlineWeekdays,
  closureReasons: rules.closureReasons,
  closureReasonsAreDefault: rules.closureReasonsAreDefault,
});

/** JSON API for an organization's meeting rules (§ 8 deadlines, § 10 closure reasons). */
export async function meetingRulesRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/organizations/:id/settings',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Organisationens mødefrister (§ 8) og grunde til lukkede punkter (§ 10)',
        params,
        response: { 200: settingsResponse, ...commonErrors },
      },
    },
    async (request) =>
      present(await getMeetingRules({ ...readAs(request), organizationId: request.params.id })),
  );

  api.patch(
    '/api/v1/organizations/:id/settings',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Ændr mødefrister og grunde til lukkede punkter',
        params,
        body: settingsBody,
        response: { 200: settingsResponse, ...commonErrors },
      },
    },
    async (request) =>
      present(
        await writeAs(request, (ctx) =>
          updateMeetingRules({ ...ctx, organizationId: request.params.id, input: request.body }),
        ),
      ),
  );
}
