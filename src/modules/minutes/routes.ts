import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { errorResponse, commonErrors } from '../../platform/http/api';
import { toIsoWithOffset } from '../../platform/i18n/format';
import { meetingTopic, writeToMeeting } from './meeting-topic';
import { readAs, writeAs } from '../../platform/http/service-call';
import { getMeetingDetail, presentItem } from '../meetings/index';
import { listAttendance, recordAttendance } from './attendance';
import { callInSubstitute, sendRegrets, withdrawRegrets } from './substitutes';
import { carryOverItem, getItemHistory } from './carry-over';
import {
  createFollowUp,
  listFollowUpsOfItems,
  listMyFollowUps,
  setFollowUpStatus,
} from './follow-ups';
import * as lifecycle from './lifecycle';
import { getLiveView } from './live-view';
import {
  addMinutesAddendum,
  getPhrases,
  listSignOffs,
  replacePhrases,
  saveItemMinutes,
  signOffMinutes,
} from './minutes';
import {
  presentAttendance,
  presentAttendanceEntry,
  presentFollowUp,
  presentLifecycle,
  presentLive,
  presentRelease,
} from './present';
import {
  addendumBody,
  addendumResponse,
  attendanceBody,
  attendanceEntryResponse,
  regretsBody,
  substituteBody,
  attendanceResponse,
  carryOverBody,
  carryOverResponse,
  followUpBody,
  followUpListResponse,
  followUpParams,
  followUpResponse,
  followUpStatusBody,
  historyResponse,
  itemParams,
  lifecycleResponse,
  liveResponse,
  meetingParams,
  minutesBody,
  phrasesBody,
  phrasesResponse,
  minutesReleaseBody,
  releaseBody,
  releaseResponse,
  signOffsResponse,
} from './schemas';

const tags = ['Mødeafvikling og referat'];
const errors = { ...commonErrors, 409: errorResponse };

/** JSON API for releasing, holding and minuting meetings, and for follow-ups. */
export async function minutesRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const meetingUrl = (id: string) => `${app.config.publicBaseUrl}/moeder/${id}`;

  api.post(
    '/api/v1/meetings/:id/agenda-releases',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Udsend dagsordenen (første gang eller igen med en ændringsnote)',
        params: meetingParams,
        body: releaseBody,
        description:
          'A release after its deadline (styrelsesloven § 8: the agenda N weekdays before the meeting for the first release, the material M weekdays for later ones, per the organization’s settings) needs lateReason, else 400 LATE_RELEASE_REASON_REQUIRED.',
        response: { 201: releaseResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const release = await writeToMeeting(request, id, (ctx) =>
        lifecycle.releaseAgenda({
          ...ctx,
          meetingId: id,
          input: {
            changeNote: request.body.changeNote,
            lateReason: request.body.lateReason,
            meetingUrl: meetingUrl(id),
          },
        }),
      );
      return reply.status(201).send(presentRelease(release));
    },
  );

  api.get(
    '/api/v1/meetings/:id/agenda-releases',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Udsendte versioner af dagsordenen, nyeste først',
        params: meetingParams,
        response: { 200: z.object({ data: z.array(releaseResponse) }), ...errors },
      },
    },
    async (request) => {
      const ctx = readAs(request);
      const meeting = await lifecycle.requireVisibleMeeting({
        ...ctx,
        meetingId: request.params.id,
      });
      return { data: (await lifecycle.listReleases({ ...ctx, meeting })).map(presentRelease) };
    },
  );

  const transitions = [
    ['start', 'Start mødet', lifecycle.startMeeting],
    ['end', 'Afslut mødet', lifecycle.endMeeting],
  ] as const;
  for (const [path, summary, transition] of transitions) {
    api.post(
      `/api/v1/meetings/:id/${path}`,
      {
        config: { policy: policies.staff },
        schema: {
          tags,
          summary,
          params: meetingParams,
          response: { 200: lifecycleResponse, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        return presentLifecycle(
          await writeToMeeting(request, id, (ctx) => transition({ ...ctx, meetingId: id })),
        );
      },
    );
  }

  for (const [path, summary, action] of [
    ['start', 'Start punktet nu (det kørende punkt afsluttes)', lifecycle.startItem],
    ['end', 'Afslut punktet nu', lifecycle.endItem],
  ] as const) {
    api.post(
      `/api/v1/meetings/:id/items/:itemId/${path}`,
      {
        config: { policy: policies.staff },
        schema: {
          tags,
          summary,
          params: itemParams,
          response: { 200: liveResponse, ...errors },
        },
      },
      async (request) => {
        const { id, itemId } = request.params;
        await writeToMeeting(request, id, (ctx) => action({ ...ctx, meetingId: id, itemId }));
        return presentLive(await getLiveView({ ...readAs(request), meetingId: id }));
      },
    );
  }

  api.post(
    '/api/v1/meetings/:id/minutes-release',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Udsend referatet',
        description:
          'Items treated at the meeting with neither minutes text nor decision: 409 MINUTES_INCOMPLETE, listing them in details, unless confirmIncomplete is true.',
        params: meetingParams,
        body: minutesReleaseBody,
        response: { 200: lifecycleResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      return presentLifecycle(
        await writeToMeeting(request, id, (ctx) =>
          lifecycle.releaseMinutes({
            ...ctx,
            meetingId: id,
            input: {
              meetingUrl: meetingUrl(id),
              confirmIncomplete: request.body?.confirmIncomplete ?? false,
            },
          }),
        ),
      );
    },
  );

  api.get(
    '/api/v1/meetings/:id/live',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Mødet lige nu: forsinkelse, forventet slut og punkternes tid',
        params: meetingParams,
        response: { 200: liveResponse, ...errors },
      },
    },
    async (request) => {
      return presentLive(await getLiveView({ ...readAs(request), meetingId: request.params.id }));
    },
  );

  api.put(
    '/api/v1/meetings/:id/items/:itemId/minutes',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary:
          'Gem punktets referat og beslutning. expectedRevision er den minutesRevision, du læste; 409 MINUTES_CONFLICT hvis en anden har gemt siden, 409 MEETING_LOCKED hvis beslutningen ændres, efter mødet er afholdt (send den gemte beslutning uændret), 409 MINUTES_LOCKED når referatet er udsendt',
        params: itemParams,
        body: minutesBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request) => {
      const { id, itemId } = request.params;
      const body = request.body;
      const detail = await writeToMeeting(request, id, async (ctx) => {
        await saveItemMinutes({
          ...ctx,
          meetingId: id,
          itemId,
          input: {
            minutesText: body.minutes,
            decision: body.decision,
            expectedRevision: body.expectedRevision,
            approvesPreviousMinutes: body.approvesPreviousMinutes,
          },
        });
        return getMeetingDetail({ ...ctx, meetingId: id });
      });
      const item = detail.plan.items.find((candidate) => candidate.id === itemId);
      return item ? presentItem(item) : null;
    },
  );

  api.post(
    '/api/v1/meetings/:id/items/:itemId/addenda',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary:
          'Tilføjelse til referatet af et afholdt møde: den eneste måde at rette beslutninger og fremmøde, og efter udsendelsen referatet',
        params: itemParams,
        body: addendumBody,
        response: { 201: addendumResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      const addendum = await writeToMeeting(request, id, (ctx) =>
        addMinutesAddendum({ ...ctx, meetingId: id, itemId, text: request.body.text }),
      );
      return reply.status(201).send({
        id: addendum.id,
        text: addendum.text,
        authorName: addendum.authorName,
        createdAt: toIsoWithOffset(addendum.createdAt),
      });
    },
  );

  api.get(
    '/api/v1/meetings/:id/minutes-sign-offs',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Hvem har godkendt referatet, og hvornår',
        params: meetingParams,
        response: { 200: signOffsResponse, ...errors },
      },
    },
    async (request) => {
      const rows = await listSignOffs({ ...readAs(request), meetingId: request.params.id });
      return {
        data: rows.map((row) => ({
          personId: row.personId,
          name: row.personName,
          signedAt: toIsoWithOffset(row.signedAt),
        })),
      };
    },
  );

  api.post(
    '/api/v1/meetings/:id/minutes-sign-offs',
    {
      config: { policy: policies.signers },
      schema: {
        tags,
        summary: 'Godkend referatet som deltager',
        params: meetingParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await writeToMeeting(request, id, (ctx) => signOffMinutes({ ...ctx, meetingId: id }));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/meetings/:id/attendance',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Fremmøde: medlemmer på mødedatoen og gæster',
        params: meetingParams,
        response: { 200: attendanceResponse, ...errors },
      },
    },
    async (request) => {
      const ctx = readAs(request);
      const meeting = await lifecycle.requireVisibleMeeting({
        ...ctx,
        meetingId: request.params.id,
      });
      return presentAttendance(await listAttendance(ctx.tx, meeting));
    },
  );

  api.put(
    '/api/v1/meetings/:id/attendance',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary:
          'Registrér fremmødet (hele listen); 409 MEETING_LOCKED når mødet er afholdt (ret med en tilføjelse)',
        params: meetingParams,
        body: attendanceBody,
        response: { 200: attendanceResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entries = await writeToMeeting(request, id, (ctx) =>
        recordAttendance({ ...ctx, meetingId: id, input: request.body.data }),
      );
      return presentAttendance(entries);
    },
  );

  api.post(
    '/api/v1/meetings/:id/regrets',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Meld afbud til mødet (den indloggede brugers person, medlem af organisationen)',
        params: meetingParams,
        body: regretsBody,
        response: { 200: attendanceEntryResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entry = await writeToMeeting(request, id, (ctx) =>
        sendRegrets({ ...ctx, meetingId: id, input: { reason: request.body.reason } }),
      );
      return presentAttendanceEntry(entry);
    },
  );

  api.delete(
    '/api/v1/meetings/:id/regrets',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Træk sit afbud tilbage (ikke når en stedfortræder er indkaldt)',
        params: meetingParams,
        response: { 200: attendanceEntryResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entry = await writeToMeeting(request, id, (ctx) =>
        withdrawRegrets({ ...ctx, meetingId: id }),
      );
      return presentAttendanceEntry(entry);
    },
  );

  api.post(
    '/api/v1/meetings/:id/substitutes',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary:
          'Indkald en stedfortræder for et medlem med afbud; stedfortræderen får mødet, pakken og godkendelsen af referatet; 409 MEETING_LOCKED når mødet er afholdt',
        params: meetingParams,
        body: substituteBody,
        response: { 200: attendanceResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entries = await writeToMeeting(request, id, (ctx) =>
        callInSubstitute({ ...ctx, meetingId: id, input: request.body }),
      );
      return presentAttendance(entries);
    },
  );

  api.post(
    '/api/v1/meetings/:id/items/:itemId/follow-ups',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Opret en opfølgning fra punktets referat',
        params: itemParams,
        body: followUpBody,
        response: { 201: followUpResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      const followUp = await writeToMeeting(request, id, async (ctx) => {
        const created = await createFollowUp({
          ...ctx,
          meetingId: id,
          itemId,
          input: request.body,
        });
        const [listed] = await listFollowUpsOfItems({ ...ctx, itemIds: [itemId] }).then((rows) =>
          rows.filter((row) => row.id === created.id),
        );
        return listed!;
      });
      return reply.status(201).send(presentFollowUp(followUp));
    },
  );

  api.patch(
    '/api/v1/follow-ups/:id',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Marker en opfølgning udført eller åben (ejeren eller sekretariatet)',
        params: followUpParams,
        body: followUpStatusBody,
        response: { 200: followUpResponse, ...errors },
      },
    },
    async (request) => {
      const followUp = await writeAs(request, async (ctx) => {
        const updated = await setFollowUpStatus({
          ...ctx,
          followUpId: request.params.id,
          status: request.body.status,
        });
        const [listed] = await listFollowUpsOfItems({
          ...ctx,
          itemIds: [updated.agendaItemId],
        }).then((rows) => rows.filter((row) => row.id === updated.id));
        ctx.announce(meetingTopic(listed!.meetingId));
        return listed!;
      });
      return presentFollowUp(followUp);
    },
  );

  api.get(
    '/api/v1/me/follow-ups',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Mine opfølgninger (åbne først)',
        response: { 200: followUpListResponse, ...errors },
      },
    },
    async (request) => {
      return { data: (await listMyFollowUps({ ...readAs(request) })).map(presentFollowUp) };
    },
  );

  api.post(
    '/api/v1/meetings/:id/items/:itemId/carry-over',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Udsæt (postpone) eller gentag (repeat) punktet på et senere møde',
        params: itemParams,
        body: carryOverBody,
        response: { 201: carryOverResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      const copy = await writeToMeeting(request, id, async (ctx) => {
        const copy = await carryOverItem({ ...ctx, meetingId: id, itemId, input: request.body });
        ctx.announce(meetingTopic(copy.meetingId));
        return copy;
      });
      return reply.status(201).send({ itemId: copy.id, meetingId: copy.meetingId });
    },
  );

  api.get(
    '/api/v1/meetings/:id/items/:itemId/history',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Punktets behandling på andre møder (udsat, gentaget eller samme sag)',
        params: itemParams,
        response: { 200: historyResponse, ...errors },
      },
    },
    async (request) => {
      const { id, itemId } = request.params;
      const entries = await getItemHistory({ ...readAs(request), meetingId: id, itemId });
      return {
        data: entries.map((entry) => ({
          itemId: entry.itemId,
          meeting: {
            id: entry.meetingId,
            title: entry.meetingTitle,
            start: toIsoWithOffset(entry.meetingStartsAt),
          },
          title: entry.title,
          decision: entry.decision,
          isPostponed: entry.isPostponed,
        })),
      };
    },
  );

  api.get(
    '/api/v1/organizations/:id/minutes-phrases',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Organisationens standardformuleringer til beslutninger',
        params: meetingParams,
        response: { 200: phrasesResponse, ...errors },
      },
    },
    async (request) => getPhrases({ ...readAs(request), organizationId: request.params.id }),
  );

  api.put(
    '/api/v1/organizations/:id/minutes-phrases',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Erstat organisationens standardformuleringer',
        description:
          'approvingPhrase: the phrase that, as the decision of the "Referat" item, approves the previous meeting\'s minutes; one of phrases (else 400), null for none; left out, the current one stays if it is still listed.',
        params: meetingParams,
        body: phrasesBody,
        response: { 200: phrasesResponse, ...errors },
      },
    },
    async (request) =>
      writeAs(request, (ctx) =>
        replacePhrases({
          ...ctx,
          organizationId: request.params.id,
          phrases: request.body.phrases,
          approvingPhrase: request.body.approvingPhrase,
        }),
      ),
  );
}
