import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonErrors } from '../../platform/http/api';
import { pathId } from '../../platform/http/form';
import { sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs } from '../../platform/http/service-call';
import { toIsoWithOffset } from '../../platform/i18n/format';
import { compareAgendaVersions, type AgendaComparison } from './agenda-comparison';
import { listReleases, requireVisibleMeeting } from './lifecycle';
import { meetingParams } from './schemas';
import { AgendaComparisonPage } from './views/agenda-comparison-page';

const version = z.coerce.number().int().min(1).max(100_000);

const releaseRef = z.object({
  version: z.number().int(),
  releasedAt: z.string().describe('ISO 8601 with offset, Europe/Copenhagen'),
  changeNote: z.string().nullable(),
});

const itemChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added') }),
  z.object({ kind: z.literal('removed') }),
  z.object({ kind: z.literal('moved'), fromNumber: z.string(), toNumber: z.string() }),
  z.object({ kind: z.literal('titleChanged'), from: z.string(), to: z.string() }),
  z.object({
    kind: z.literal('memoVersionChanged'),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
  }),
  z.object({ kind: z.literal('attachmentAdded'), title: z.string() }),
  z.object({ kind: z.literal('attachmentRemoved'), title: z.string() }),
  z.object({ kind: z.literal('closedChanged'), isPublic: z.boolean() }),
]);

const comparisonResponse = z.object({
  meetingId: z.uuid(),
  from: releaseRef,
  to: releaseRef,
  items: z
    .array(
      z.object({
        itemId: z.uuid(),
        number: z.string(),
        title: z.string(),
        changes: z.array(itemChange),
      }),
    )
    .describe('changed items in the later version’s order, then the removed ones'),
  unchangedCount: z.number().int(),
});

function presentComparison(comparison: AgendaComparison): z.input<typeof comparisonResponse> {
  const ref = (release: AgendaComparison['from']) => ({
    version: release.version,
    releasedAt: toIsoWithOffset(release.releasedAt),
    changeNote: release.changeNote,
  });
  return {
    meetingId: comparison.meetingId,
    from: ref(comparison.from),
    to: ref(comparison.to),
    items: comparison.diff.items,
    unchangedCount: comparison.diff.unchangedCount,
  };
}

/** Comparing two released versions of an agenda: GET /api/v1/meetings/:id/agenda-comparison, /moeder/:id/versioner. */
export async function agendaComparisonRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/meetings/:id/agenda-comparison',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Mødeafvikling og referat'],
        summary: 'Hvad der er ændret mellem to udsendte versioner af dagsordenen',
        description:
          'Item by item: added, removed, moved, title, memo version, bilag, closed/open. Closed items the caller may not read are left out of both versions. An unknown version is 404.',
        params: meetingParams,
        querystring: z.object({ from: version, to: version }),
        response: { 200: comparisonResponse, ...commonErrors },
      },
    },
    async (request) =>
      presentComparison(
        await compareAgendaVersions({
          ...readAs(request),
          meetingId: request.params.id,
          fromVersion: request.query.from,
          toVersion: request.query.to,
        }),
      ),
  );

  const pageQuery = z.object({
    fra: version.optional().catch(undefined),
    til: version.optional().catch(undefined),
  });

  app.get('/moeder/:id/versioner', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const id = pathId(request.params);
    const ctx = readAs(request);
    const query = pageQuery.parse(request.query ?? {});
    // Without a choice: the latest version against the one before it.
    const meeting = await requireVisibleMeeting({ ...ctx, meetingId: id });
    const latest = (await listReleases({ ...ctx, meeting }))[0]?.version;
    // Nothing released yet: nothing to compare, so back to the meeting.
    if (latest === undefined) return reply.redirect(`/moeder/${id}`, 303);
    const toVersion = query.til ?? latest;
    const fromVersion = query.fra ?? Math.max(1, toVersion - 1);
    const comparison = await compareAgendaVersions({
      ...ctx,
      meetingId: id,
      fromVersion,
      toVersion,
    });
    return sendHtml(
      reply,
      <AgendaComparisonPage ctx={pageContext(request, reply)} comparison={comparison} />,
    );
  });
}
