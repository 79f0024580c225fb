import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { commonErrors } from '../../platform/http/api';
import { pathId } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { sendStoredFile } from '../files/index';
import { getMeetingDetail } from '../meetings/index';
import { readPerson } from '../organizations/index';
import {
  listPackageBuilds,
  packageForDownload,
  requestPackageBuild,
  type ListedBuild,
} from './jobs';
import type { PackageBuildRow } from './repository';
import { agendaToDocx } from './agenda-docx';
import { audiences, isAudience, loadAgendaPlan, type Audience } from './service';
import { PackagePage } from './views';

const buildResponse = z.object({
  id: z.uuid(),
  audience: z.enum(audiences),
  forPersonId: z
    .uuid()
    .nullable()
    .describe("a member's own package, without the items where the member is inhabil"),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  fileName: z.string().nullable(),
  error: z
    .string()
    .nullable()
    .describe('why it failed; on a running build, that an earlier attempt was interrupted'),
  freshness: z
    .enum(['current', 'stale'])
    .nullable()
    .describe(
      'a finished package: current, or stale once the agenda, a memo or a bilag changed since (it is then rebuilt); null until finished',
    ),
});

const presentBuild = (
  build: PackageBuildRow & Partial<Pick<ListedBuild, 'freshness'>>,
): z.input<typeof buildResponse> => ({
  id: build.id,
  audience: build.audience,
  forPersonId: build.forPersonId,
  status: build.status,
  progress: build.progress,
  requestedAt: build.requestedAt.toISOString(),
  finishedAt: build.finishedAt?.toISOString() ?? null,
  pageCount: build.pageCount,
  fileName: build.fileName,
  error: build.error,
  freshness: build.freshness ?? null,
});

/** Meeting packages: queued builds (never built inside a request), their progress and downloads. */
export async function packageRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  /** The package PDF, shown in the browser; with ?download=1 saved as a file instead. */
  const download = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    audience: Audience,
  ) => {
    const build = await packageForDownload({ ...readAs(request), meetingId, audience });
    const isDownload = (request.query as { download?: unknown } | undefined)?.download === '1';
    return sendStoredFile(request, reply, {
      tx: db(),
      blobs: app.blobs,
      sha256: build.fileSha256,
      fileName: build.fileName,
      cacheControl: 'private, no-cache',
      disposition: isDownload ? 'attachment' : 'viewable',
    });
  };

  api.post(
    '/api/v1/meetings/:id/packages',
    {
      config: { policy: policies.staff },
      schema: {
        tags: ['Møder'],
        summary: 'Bestil en mødepakke (bygges i baggrunden)',
        params: z.object({ id: z.uuid() }),
        body: z.object({ audience: z.enum(audiences).default('full') }),
        response: { 202: buildResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const build = await writeAs(request, (ctx) =>
        requestPackageBuild({
          ...ctx,
          meetingId: request.params.id,
          audience: request.body.audience,
        }),
      );
      return reply.status(202).send(presentBuild(build));
    },
  );

  api.get(
    '/api/v1/meetings/:id/packages',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Møder'],
        summary: 'Mødets mødepakker og deres fremdrift',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ data: z.array(buildResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      const builds = await listPackageBuilds({ ...readAs(request), meetingId: request.params.id });
      return { data: builds.map(presentBuild) };
    },
  );

  api.get(
    '/api/v1/meetings/:id/packages/:audience/content',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Møder'],
        summary: 'Hent den seneste færdige mødepakke (PDF)',
        description:
          'ETag er PDF-filens SHA-256. Den fulde pakke kræver adgang til lukkede punkter. Vises i browseren (inline); download=1 henter den som fil (attachment).',
        params: z.object({ id: z.uuid(), audience: z.enum(audiences) }),
        querystring: z.object({ download: z.enum(['1']).optional() }),
      },
    },
    async (request, reply) => download(request, reply, request.params.id, request.params.audience),
  );

  const sendAgendaDocx = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    audience: Audience,
  ) => {
    const actor = requireActor(request);
    const { plan, fileName } = await loadAgendaPlan(
      { actor, tx: db(), blobs: app.blobs },
      meetingId,
      audience,
    );
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', contentDisposition(fileName, { type: 'attachment' }))
      .send(await agendaToDocx(plan));
  };

  api.get(
    '/api/v1/meetings/:id/agenda.docx',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Møder'],
        summary: 'Dagsordenen som Word-fil (punkterne som overskrifter)',
        description:
          'Lukkede punkter vises, som brugeren må se dem; audience=public viser kun deres neutrale titel.',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ audience: z.enum(audiences).default('full') }),
      },
    },
    async (request, reply) =>
      sendAgendaDocx(request, reply, request.params.id, request.query.audience),
  );

  app.get(
    '/moeder/:id/dagsorden.docx',
    { config: { policy: 'signedIn' } },
    async (request, reply) => sendAgendaDocx(request, reply, pathId(request.params), 'full'),
  );

  const renderPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = requireActor(request);
    const meetingId = pathId(request.params);
    const detail = await getMeetingDetail({ ...readAs(request), meetingId });
    const builds = await listPackageBuilds({ ...readAs(request), meetingId });
    const memberNames = new Map<string, string>();
    for (const personId of new Set(builds.flatMap((build) => build.forPersonId ?? []))) {
      const person = await readPerson({ tx: db() }, personId);
      if (person) memberNames.set(personId, person.name);
    }
    return sendHtml(
      reply,
      <PackagePage
        ctx={pageContext(request, reply)}
        meeting={detail.meeting}
        builds={builds}
        isAgendaReleased={detail.releases.length > 0}
        memberNames={memberNames}
        mayBuild={can(actor, 'agendaItem.write', {
          organizationId: detail.meeting.organizationId,
        })}
      />,
    );
  };

  app.get('/moeder/:id/pakke', { config: { policy: 'signedIn' } }, renderPage);

  app.post('/moeder/:id/pakke', { config: { policy: policies.staff } }, async (request, reply) => {
    const meetingId = pathId(request.params);
    const raw = (request.body as { audience?: unknown } | undefined)?.audience;
    const audience = typeof raw === 'string' && isAudience(raw) ? raw : 'full';
    await writeAs(request, (ctx) => requestPackageBuild({ ...ctx, meetingId, audience }));
    return redirectAfterPost(reply, `/moeder/${meetingId}/pakke`);
  });

  app.get(
    '/moeder/:id/pakke/:audience',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const raw = (request.params as { audience?: string }).audience ?? '';
      const audience = raw.replace(/\.pdf$/, '');
      if (!isAudience(audience)) return reply.callNotFound();
      return download(request, reply, pathId(request.params), audience);
    },
  );
}
