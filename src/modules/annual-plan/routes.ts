import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors } from '../../platform/http/api';
import { toLocalDate } from '../../platform/i18n/format';
import { readAs, writeAs } from '../../platform/http/service-call';
import { presentCaseToCouncil, presentTopic, presentTreatment, presentYearPlan } from './present';
import {
  annualPlanResponse,
  caseToCouncilResponse,
  fromQuery,
  idParams,
  meetingTopicParams,
  topicCreateBody,
  topicResponse,
  topicUpdateBody,
  treatmentCreateBody,
  treatmentResponse,
  yearQuery,
} from './schemas';
import {
  fillCasesToCouncil,
  listTreatments,
  addTreatment,
  deleteTreatment,
  listCasesToCouncil,
} from './treatments';
import {
  getYearPlan,
  createTopic,
  getTopic,
  updateTopic,
  deleteTopic,
  listMeetingTopics,
  addTopicToAgenda,
} from './topics';

const tags = ['Årshjul'];

/** JSON API for the årshjul, planned treatments of papers and cases on their way to the council. */
export async function annualPlanRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { ...commonErrors, 409: commonErrors[400] };

  api.get(
    '/api/v1/organizations/:id/annual-plan',
    {
      config: { policy: policies.members },
      schema: {
        tags,
        summary: 'En organisations årshjul for et år, måned for måned',
        params: idParams,
        querystring: yearQuery,
        response: { 200: annualPlanResponse, ...errors },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(toLocalDate(new Date()).slice(0, 4));
      return presentYearPlan(
        await getYearPlan({ ...readAs(request), organizationId: request.params.id, year }),
      );
    },
  );

  api.post(
    '/api/v1/organizations/:id/annual-plan',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Tilføj et planlagt emne til årshjulet',
        params: idParams,
        body: topicCreateBody,
        response: { 201: topicResponse, ...errors },
      },
    },
    async (request, reply) => {
      const topic = await writeAs(request, (ctx) =>
        createTopic({ ...ctx, organizationId: request.params.id, input: request.body }),
      );
      return reply.status(201).send(presentTopic(topic));
    },
  );

  api.get(
    '/api/v1/annual-plan/topics/:id',
    {
      config: { policy: policies.members },
      schema: {
        tags,
        summary: 'Et planlagt emne',
        params: idParams,
        response: { 200: topicResponse, ...errors },
      },
    },
    async (request) => {
      return presentTopic(await getTopic({ ...readAs(request), topicId: request.params.id }));
    },
  );

  api.patch(
    '/api/v1/annual-plan/topics/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Ret et planlagt emne',
        params: idParams,
        body: topicUpdateBody,
        response: { 200: topicResponse, ...errors },
      },
    },
    async (request) => {
      const topic = await writeAs(request, (ctx) =>
        updateTopic({ ...ctx, topicId: request.params.id, input: request.body }),
      );
      return presentTopic(topic);
    },
  );

  api.delete(
    '/api/v1/annual-plan/topics/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Slet et planlagt emne',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await writeAs(request, (ctx) => deleteTopic({ ...ctx, topicId: request.params.id }));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/meetings/:id/planned-topics',
    {
      config: { policy: policies.members },
      schema: {
        tags,
        summary: 'Årshjulets emner for mødets måned, som endnu ikke er på en dagsorden i år',
        params: idParams,
        response: { 200: z.object({ data: z.array(topicResponse) }), ...errors },
      },
    },
    async (request) => {
      const result = await listMeetingTopics({
        ...readAs(request),
        meetingId: request.params.id,
      });
      return { data: result.topics.map(presentTopic) };
    },
  );

  api.post(
    '/api/v1/meetings/:id/planned-topics/:topicId',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Sæt et planlagt emne på mødets dagsorden som nyt sidste punkt',
        params: meetingTopicParams,
        response: { 201: z.object({ itemId: z.uuid() }), ...errors },
      },
    },
    async (request, reply) => {
      const { id, topicId } = request.params;
      const result = await writeAs(request, (ctx) =>
        addTopicToAgenda({ ...ctx, meetingId: id, topicId }),
      );
      return reply.status(201).send(result);
    },
  );

  api.post(
    '/api/v1/meetings/:id/cases-to-council',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary:
          'Udfyld mødets stående punkt "Sager på vej til byrådet" med sager planlagt fra mødets dato',
        params: idParams,
        response: { 200: z.object({ itemId: z.uuid(), count: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      return writeAs(request, (ctx) =>
        fillCasesToCouncil({ ...ctx, meetingId: request.params.id }),
      );
    },
  );

  api.get(
    '/api/v1/papers/:id/planned-treatments',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'En sags planlagte behandlinger (rådmandsmøde → udvalg → magistrat → byråd)',
        params: idParams,
        response: { 200: z.object({ data: z.array(treatmentResponse) }), ...errors },
      },
    },
    async (request) => {
      const { treatments } = await listTreatments({
        ...readAs(request),
        paperId: request.params.id,
      });
      return { data: treatments.map(presentTreatment) };
    },
  );

  api.post(
    '/api/v1/papers/:id/planned-treatments',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Planlæg en behandling af sagen i et organ på en dato',
        params: idParams,
        body: treatmentCreateBody,
        response: { 201: treatmentResponse, ...errors },
      },
    },
    async (request, reply) => {
      const treatment = await writeAs(request, (ctx) =>
        addTreatment({ ...ctx, paperId: request.params.id, input: request.body }),
      );
      return reply.status(201).send(presentTreatment(treatment));
    },
  );

  api.delete(
    '/api/v1/planned-treatments/:id',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Slet en planlagt behandling',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await writeAs(request, (ctx) => deleteTreatment({ ...ctx, treatmentId: request.params.id }));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/cases-to-council',
    {
      config: { policy: policies.members },
      schema: {
        tags,
        summary: 'Sager på vej til byrådet: planlagt i Magistraten eller Byrådet fra en dato',
        querystring: fromQuery,
        response: { 200: z.object({ data: z.array(caseToCouncilResponse) }), ...errors },
      },
    },
    async (request) => {
      const from = request.query.from ?? toLocalDate(new Date());
      const rows = await listCasesToCouncil({ ...readAs(request), from });
      return { data: rows.map(presentCaseToCouncil) };
    },
  );
}
