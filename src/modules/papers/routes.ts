import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { presentPaper, presentPaperSummary } from './present';
import {
  coverBody,
  coverDraftResponse,
  paperCreateBody,
  paperResponse,
  paperSummaryResponse,
  paperRulesBody,
  paperRulesResponse,
  paperUpdateBody,
  sectionsBody,
  sectionTemplateBody,
  sectionTemplateResponse,
  wordImportResponse,
} from './schemas';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readMultipart } from '../../platform/http/upload';
import { readAs, writeAs } from '../../platform/http/service-call';
import { importWordPaper } from './word-import';
import { getPaperRules, savePaperRules } from './paper-rules';
import { draftCoverFor, saveCover } from './paper-cover';
import { getSectionTemplate, saveSectionTemplate } from './section-templates';
import { setPaperStatus, reopenPaper } from './paper-status';
import { createPaper, updatePaper, saveSections, requireEditable } from './paper-editing';
import { listPapers, getPaper, listVersions, compareVersions } from './paper-reading';

const tags = ['Sager'];
const idParams = z.object({ id: z.uuid() });
const writeErrors = { ...commonErrors, 409: errorResponse };

/** JSON API for papers (sager/indstillinger): letterhead, sections with LIX, and the short cover. */
export async function paperRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/papers',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Sager, som brugeren kan se',
        response: { 200: z.object({ data: z.array(paperSummaryResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      return { data: (await listPapers(readAs(request))).map(presentPaperSummary) };
    },
  );

  api.get(
    '/api/v1/papers/:id',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'En sag med afsnit, cover og læsbarhed (LIX)',
        params: idParams,
        response: { 200: paperResponse, ...commonErrors },
      },
    },
    async (request) => {
      return presentPaper(await getPaper({ ...readAs(request), paperId: request.params.id }));
    },
  );

  api.post(
    '/api/v1/papers',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Opret en kladde med organisationens afsnit',
        body: paperCreateBody,
        response: { 201: paperResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const detail = await writeAs(request, async (ctx) => {
        const paper = await createPaper({ ...ctx, input: request.body });
        return getPaper({ ...ctx, paperId: paper.id });
      });
      return reply.status(201).send(presentPaper(detail));
    },
  );

  api.patch(
    '/api/v1/papers/:id',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Ret sagens brevhoved',
        params: idParams,
        body: paperUpdateBody,
        response: { 200: paperResponse, ...writeErrors },
      },
    },
    async (request) => {
      const detail = await writeAs(request, async (ctx) => {
        await updatePaper({ ...ctx, paperId: request.params.id, input: request.body });
        return getPaper({ ...ctx, paperId: request.params.id });
      });
      return presentPaper(detail);
    },
  );

  api.post(
    '/api/v1/papers/:id/treated',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Markér en sag på dagsordenen som behandlet (sekretariatet)',
        params: idParams,
        response: { 200: paperResponse, ...writeErrors },
      },
    },
    async (request) => {
      const detail = await writeAs(request, async (ctx) => {
        await setPaperStatus({ ...ctx, paperId: request.params.id, status: 'treated' });
        return getPaper({ ...ctx, paperId: request.params.id });
      });
      return presentPaper(detail);
    },
  );

  api.post(
    '/api/v1/papers/:id/reopen',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Genåbn en godkendt sag til rettelse (forfatteren)',
        description:
          'Sagen bliver kladde igen. Den godkendte version bliver på dagsordenen og er den, deltagerne læser, indtil den rettede sag er indsendt og godkendt igen.',
        params: idParams,
        response: { 200: paperResponse, ...writeErrors },
      },
    },
    async (request) => {
      const detail = await writeAs(request, async (ctx) => {
        await reopenPaper({ ...ctx, paperId: request.params.id });
        return getPaper({ ...ctx, paperId: request.params.id });
      });
      return presentPaper(detail);
    },
  );

  api.put(
    '/api/v1/papers/:id/sections',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Gem afsnittene (HTML renses på serveren)',
        params: idParams,
        body: sectionsBody,
        response: { 200: paperResponse, ...writeErrors },
      },
    },
    async (request) => {
      const detail = await writeAs(request, async (ctx) => {
        await saveSections({
          ...ctx,
          paperId: request.params.id,
          sections: request.body.sections,
        });
        return getPaper({ ...ctx, paperId: request.params.id });
      });
      return presentPaper(detail);
    },
  );

  api.post(
    '/api/v1/papers/:id/word-import',
    {
      config: { policy: policies.writers, acceptsUploads: true },
      schema: {
        tags,
        summary: 'Læs en Word-fil (.docx) ind i sagens afsnit (gemmes ikke)',
        description:
          'Multipart med feltet file. Overskrifter fordeles på sagens afsnit; tekst, der ikke passer nogen steder, kommer i unmapped. Gem resultatet med PUT /api/v1/papers/{id}/sections.',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          200: wordImportResponse,
          ...writeErrors,
          413: errorResponse,
        },
      },
    },
    async (request) => {
      await requireEditable({ ...readAs(request), paperId: request.params.id });
      const { files } = readMultipart(request);
      if (!files[0]) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'file', message: da.wordImport.missingFile }],
        });
      }
      const { sections } = await getPaper({
        ...readAs(request),
        paperId: request.params.id,
      });
      return importWordPaper(
        files[0].bytes,
        sections.map((section) => section.heading),
      );
    },
  );

  api.get(
    '/api/v1/organizations/:id/paper-template',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'De afsnit, nye sager til organisationen starter med',
        params: idParams,
        response: { 200: sectionTemplateResponse, ...commonErrors },
      },
    },
    async (request) => {
      return getSectionTemplate({ ...readAs(request), organizationId: request.params.id });
    },
  );

  api.put(
    '/api/v1/organizations/:id/paper-template',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Sæt organisationens afsnit for nye sager (administrator)',
        params: idParams,
        body: sectionTemplateBody,
        response: { 200: sectionTemplateResponse, ...commonErrors },
      },
    },
    async (request) => {
      return writeAs(request, (ctx) =>
        saveSectionTemplate({
          ...ctx,
          organizationId: request.params.id,
          headings: request.body.headings,
        }),
      );
    },
  );

  api.get(
    '/api/v1/organizations/:id/paper-rules',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Organisationens regler for sager (cover, sagsnummer, frist)',
        params: idParams,
        response: { 200: paperRulesResponse, ...commonErrors },
      },
    },
    async (request) => {
      return getPaperRules({ ...readAs(request), organizationId: request.params.id });
    },
  );

  api.put(
    '/api/v1/organizations/:id/paper-rules',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Sæt organisationens regler for sager (administrator)',
        description:
          'caseNumberPattern er et regulært udtryk, som hele sagsnummeret skal passe til; caseNumberExample skal passe til det.',
        params: idParams,
        body: paperRulesBody,
        response: { 200: paperRulesResponse, ...commonErrors },
      },
    },
    async (request) => {
      return writeAs(request, (ctx) =>
        savePaperRules({ ...ctx, organizationId: request.params.id, rules: request.body }),
      );
    },
  );

  api.get(
    '/api/v1/papers/:id/versions',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Sagens versioner (hver gemning er en version), nyeste først',
        params: idParams,
        response: {
          200: z.object({
            data: z.array(
              z.object({ number: z.number().int(), createdAt: z.string(), actor: z.string() }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const versions = await listVersions({
        ...readAs(request),
        paperId: request.params.id,
      });
      return {
        data: versions.map((version) => ({
          number: version.number,
          createdAt: version.createdAt.toISOString(),
          actor: version.actorLabel,
        })),
      };
    },
  );

  api.get(
    '/api/v1/papers/:id/versions/compare',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Ændringer afsnit for afsnit mellem to versioner (ord-diff)',
        params: idParams,
        querystring: z.object({
          from: z.coerce.number().int().positive(),
          to: z.coerce.number().int().positive(),
        }),
        response: {
          200: z.object({
            sections: z.array(
              z.object({
                heading: z.string(),
                change: z.enum(['unchanged', 'changed', 'added', 'removed']),
                parts: z.array(
                  z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }),
                ),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const sections = await compareVersions({
        ...readAs(request),
        paperId: request.params.id,
        older: request.query.from,
        newer: request.query.to,
      });
      return { sections };
    },
  );

  api.post(
    '/api/v1/papers/:id/cover-draft',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Lav et udkast til cover ud fra notatets afsnit (gemmes ikke)',
        description:
          'Formål fra "… har til formål at …", ønsket handling fra INDSTILLING, hovedbudskaber rangeret med TextRank over danske ordstammer uden stopord, implikationer fra ØKONOMI og VIDERE PROCES. Svaret forklarer, hvor hver del kommer fra. Er en sprogmodel sat op (LLM_BASE_URL, LLM_MODEL), skriver den udkastet i stedet; prompt og svar gemmes i revisionsloggen.',
        params: idParams,
        response: { 200: coverDraftResponse, ...commonErrors },
      },
    },
    async (request) => {
      return draftCoverFor({
        ...readAs(request),
        paperId: request.params.id,
        options: {
          llm: app.config.llm,
        },
      });
    },
  );

  api.put(
    '/api/v1/papers/:id/cover',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Gem det korte cover (ordgrænser håndhæves)',
        params: idParams,
        body: coverBody,
        response: { 200: paperResponse, ...writeErrors },
      },
    },
    async (request) => {
      const detail = await writeAs(request, async (ctx) => {
        await saveCover({ ...ctx, paperId: request.params.id, cover: request.body });
        return getPaper({ ...ctx, paperId: request.params.id });
      });
      return presentPaper(detail);
    },
  );
}
