import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
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
  meetingSeriesBody,
  meetingSeriesResponse,
  meetingUpdateBody,
  templateCreateBody,
  templateResponse,
  templateUpdateBody,
} from './schemas';
import { addAgendaItem, updateAgendaItem, deleteAgendaItem, moveAgendaItem } from './agenda-items';
import { createMeeting, updateMeeting, deleteMeeting } from './meeting-edits';
import { createMeetingSeries, previewMeetingSeries, type SeriesPreview } from './meeting-series';
import { da } from '../../platform/i18n/da';
import { toIsoWithOffset } from '../../platform/i18n/format';
import type { MeetingDetail } from './meeting-detail';
import { listMeetings, getMeetingDetail } from './meeting-detail';
import * as templates from './templates';
import { itemAttachmentRoutes } from './item-attachment-routes';

const tags = ['Møder'];

/** JSON API for meetings, agenda items and templates under /api/v1. */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
      const meetings = await listMeetings({
        ...readAs(request),
        filter: {
          from: request.query.from,
          to: request.query.to,
          organizationId: request.query.organization,
        },
      });
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
      return presentMeetingDetail(
        await getMeetingDetail({ ...readAs(request), meetingId: request.params.id }),
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
      const detail = await writeAs(request, async (ctx) => {
        const meeting = await createMeeting({ ...ctx, input: request.body });
        return getMeetingDetail({ ...ctx, meetingId: meeting.id });
      });
      return reply.status(201).send(presentMeetingDetail(detail));
    },
  );

  api.post(
    '/api/v1/meetings/series',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Opret en mødeplan: en række møder, fx hver anden onsdag, uden helligdage',
        description:
          'All meetings are created in one transaction, or none. With dryRun the dates are returned and nothing is created.',
        body: meetingSeriesBody,
        response: { 200: meetingSeriesResponse, 201: meetingSeriesResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (input.dryRun) {
        return presentSeries(await previewMeetingSeries({ ...readAs(request), input }), []);
      }
      const created = await writeAs(request, (ctx) => createMeetingSeries({ ...ctx, input }));
      return reply
        .status(201)
        .send(presentSeries(created, created.meetings.map(presentMeetingSummary)));
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
      const detail = await writeAs(request, async (ctx) => {
        await updateMeeting({ ...ctx, meetingId: request.params.id, input: request.body });
        return getMeetingDetail({ ...ctx, meetingId: request.params.id });
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
      await writeAs(request, (ctx) => deleteMeeting({ ...ctx, meetingId: request.params.id }));
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
      const detail = await writeAs(request, async (ctx) => {
        const item = await addAgendaItem({
          ...ctx,
          meetingId: request.params.id,
          input: request.body,
        });
        return {
          item,
          detail: await getMeetingDetail({ ...ctx, meetingId: request.params.id }),
        };
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
      const { id, itemId } = request.params;
      const detail = await writeAs(request, async (ctx) => {
        await updateAgendaItem({ ...ctx, meetingId: id, itemId, input: request.body });
        return getMeetingDetail({ ...ctx, meetingId: id });
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
      const { id, itemId } = request.params;
      await writeAs(request, (ctx) => deleteAgendaItem({ ...ctx, meetingId: id, itemId }));
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
      const { id, itemId } = request.params;
      const detail = await writeAs(request, async (ctx) => {
        await moveAgendaItem({
          ...ctx,
          meetingId: id,
          itemId,
          position: request.body.position,
        });
        return getMeetingDetail({ ...ctx, meetingId: id });
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
      const rows = await templates.listTemplates(readAs(request));
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
      return presentTemplate(
        await templates.getTemplate({ ...readAs(request), templateId: request.params.id }),
      );
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
      const template = await writeAs(request, (ctx) =>
        templates.createTemplate({ ...ctx, input: request.body }),
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
      const template = await writeAs(request, (ctx) =>
        templates.updateTemplate({ ...ctx, templateId: request.params.id, input: request.body }),
      );
      return presentTemplate(template);
    },
  );

  await itemAttachmentRoutes(app);
}

function itemFromDetail(detail: MeetingDetail, itemId: string) {
  const planned = detail.plan.items.find((item) => item.id === itemId);
  if (!planned) throw new Error(`item ${itemId} is missing from its own meeting`);
  return presentItem(planned);
}

function presentSeries(
  preview: SeriesPreview,
  meetings: Array<ReturnType<typeof presentMeetingSummary>>,
) {
  return {
    dates: preview.chosen.map((date) => ({
      date: date.date,
      start: toIsoWithOffset(date.start),
      end: toIsoWithOffset(date.end),
    })),
    skipped: preview.skipped.map((day) => ({
      date: day.date,
      reason: da.meetingSeries.reasons[day.reason],
    })),
    meetings,
  };
}
