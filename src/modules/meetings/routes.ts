import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { inTransaction } from '../../platform/db/transaction';
import { commonErrors } from '../../platform/http/api';
import {
  presentItem,
  presentMeetingDetail,
  presentMeetingSummary,
  presentTemplate,
} from './present';
import {
  idParams,
  itemCreateBody,
  itemMoveBody,
  itemParams,
  itemResponse,
  itemUpdateBody,
  meetingCreateBody,
  meetingDetailResponse,
  meetingListQuery,
  meetingListResponse,
  meetingUpdateBody,
  templateCreateBody,
  templateResponse,
  templateUpdateBody,
} from './schemas';
import * as service from './service';
import * as templates from './templates';

const tags = ['Møder'];

/** JSON API for meetings, agenda items and templates under /api/v1. */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  api.get(
    '/api/v1/meetings',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Møder i et datointerval (lokale datoer, begge inklusive)',
        querystring: meetingListQuery,
        response: { 200: meetingListResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const meetings = await service.listMeetings(
        { actor, tx: db() },
        {
          from: request.query.from,
          to: request.query.to,
          organizationId: request.query.organization,
        },
      );
      return { data: meetings.map(presentMeetingSummary) };
    },
  );

  api.get(
    '/api/v1/meetings/:id',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Et møde med dagsorden og beregnet tidsplan',
        params: idParams,
        response: { 200: meetingDetailResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentMeetingDetail(
        await service.getMeetingDetail({ actor, tx: db() }, request.params.id),
      );
    },
  );

  api.post(
    '/api/v1/meetings',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Opret et møde, evt. ud fra en skabelon',
        body: meetingCreateBody,
        response: { 201: meetingDetailResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const detail = await inTransaction(db(), async (tx) => {
        const meeting = await service.createMeeting({ actor, tx }, request.body);
        return service.getMeetingDetail({ actor, tx }, meeting.id);
      });
      return reply.status(201).send(presentMeetingDetail(detail));
    },
  );

  api.patch(
    '/api/v1/meetings/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Ret et møde',
        params: idParams,
        body: meetingUpdateBody,
        response: { 200: meetingDetailResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const detail = await inTransaction(db(), async (tx) => {
        await service.updateMeeting({ actor, tx }, request.params.id, request.body);
        return service.getMeetingDetail({ actor, tx }, request.params.id);
      });
      return presentMeetingDetail(detail);
    },
  );

  api.delete(
    '/api/v1/meetings/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Slet et møde',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await inTransaction(db(), (tx) => service.deleteMeeting({ actor, tx }, request.params.id));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/meetings/:id/items',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Tilføj et dagsordenspunkt sidst på dagsordenen (eller under et overpunkt)',
        params: idParams,
        body: itemCreateBody,
        response: { 201: itemResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const detail = await inTransaction(db(), async (tx) => {
        const item = await service.addAgendaItem({ actor, tx }, request.params.id, request.body);
        return { item, detail: await service.getMeetingDetail({ actor, tx }, request.params.id) };
      });
      return reply.status(201).send(itemFromDetail(detail.detail, detail.item.id));
    },
  );

  api.patch(
    '/api/v1/meetings/:id/items/:itemId',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Ret et dagsordenspunkt',
        params: itemParams,
        body: itemUpdateBody,
        response: { 200: itemResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { id, itemId } = request.params;
      const detail = await inTransaction(db(), async (tx) => {
        await service.updateAgendaItem({ actor, tx }, id, itemId, request.body);
        return service.getMeetingDetail({ actor, tx }, id);
      });
      return itemFromDetail(detail, itemId);
    },
  );

  api.delete(
    '/api/v1/meetings/:id/items/:itemId',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Slet et dagsordenspunkt',
        params: itemParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, itemId } = request.params;
      await inTransaction(db(), (tx) => service.deleteAgendaItem({ actor, tx }, id, itemId));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/meetings/:id/items/:itemId/move',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Flyt et punkt til en ny plads blandt sine søskende; tidsplanen beregnes igen',
        params: itemParams,
        body: itemMoveBody,
        response: { 200: meetingDetailResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { id, itemId } = request.params;
      const detail = await inTransaction(db(), async (tx) => {
        await service.moveAgendaItem({ actor, tx }, id, itemId, request.body.position);
        return service.getMeetingDetail({ actor, tx }, id);
      });
      return presentMeetingDetail(detail);
    },
  );

  const templateTags = ['Mødeskabeloner'];

  api.get(
    '/api/v1/meeting-templates',
    {
      config: { policy: policies.staff },
      schema: {
        tags: templateTags,
        summary: 'Mødeskabeloner med stående punkter',
        response: { 200: z.object({ data: z.array(templateResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await templates.listTemplates({ actor, tx: db() });
      return { data: rows.map(presentTemplate) };
    },
  );

  api.get(
    '/api/v1/meeting-templates/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags: templateTags,
        summary: 'En mødeskabelon',
        params: idParams,
        response: { 200: templateResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentTemplate(await templates.getTemplate({ actor, tx: db() }, request.params.id));
    },
  );

  api.post(
    '/api/v1/meeting-templates',
    {
      config: { policy: policies.administrators },
      schema: {
        tags: templateTags,
        summary: 'Opret en mødeskabelon (administrator)',
        body: templateCreateBody,
        response: { 201: templateResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const template = await inTransaction(db(), (tx) =>
        templates.createTemplate({ actor, tx }, request.body),
      );
      return reply.status(201).send(presentTemplate(template));
    },
  );

  api.put(
    '/api/v1/meeting-templates/:id',
    {
      config: { policy: policies.administrators },
      schema: {
        tags: templateTags,
        summary: 'Erstat en mødeskabelons navn, standarder og stående punkter (administrator)',
        params: idParams,
        body: templateUpdateBody,
        response: { 200: templateResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const template = await inTransaction(db(), (tx) =>
        templates.updateTemplate({ actor, tx }, request.params.id, request.body),
      );
      return presentTemplate(template);
    },
  );
}

function itemFromDetail(detail: service.MeetingDetail, itemId: string) {
  const planned = detail.plan.items.find((item) => item.id === itemId);
  if (!planned) throw new Error(`item ${itemId} is missing from its own meeting`);
  return presentItem(planned);
}
