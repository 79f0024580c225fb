import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/plugin';
import { commonErrors } from '../../platform/http/api';
import { pathId } from '../../platform/http/form';
import { paperToDocx, paperToPdf } from './export-document';
import { loadPaperDocument, paperFileName } from './paper-document';

const mediaTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

type Format = keyof typeof mediaTypes;

/** The memo with its letterhead and cover, typeset as PDF (Typst) or written as Word. */
async function sendPaperDocument(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  paperId: string,
  format: Format,
): Promise<FastifyReply> {
  const actor = requireActor(request);
  const document = await loadPaperDocument({ actor, tx: app.database.db }, paperId);
  const bytes = format === 'pdf' ? paperToPdf(document) : await paperToDocx(document);
  return reply
    .type(mediaTypes[format])
    .header('cache-control', 'private, no-cache')
    .header(
      'content-disposition',
      contentDisposition(paperFileName(document.title, format), {
        type: format === 'pdf' ? 'inline' : 'attachment',
      }),
    )
    .send(Buffer.from(bytes));
}

/** Downloads of a memo as PDF and Word, for the API and for the pages. */
export async function paperDocumentRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['pdf', 'docx'] as const) {
    api.get(
      `/api/v1/papers/:id/${format}`,
      {
        config: { policy: 'signedIn' },
        schema: {
          tags: ['Sager'],
          summary:
            format === 'pdf'
              ? 'Sagen som PDF (PDF/UA-1) med brevhoved, cover og afsnit'
              : 'Sagen som Word-fil med brevhoved, cover og afsnit',
          params: z.object({ id: z.uuid() }),
          response: commonErrors,
        },
      },
      async (request, reply) => sendPaperDocument(app, request, reply, request.params.id, format),
    );
    app.get(`/sager/:id/${format}`, { config: { policy: 'signedIn' } }, async (request, reply) =>
      sendPaperDocument(app, request, reply, pathId(request.params), format),
    );
  }
}
