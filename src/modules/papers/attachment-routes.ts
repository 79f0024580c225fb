import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { inTransaction } from '../../platform/db/transaction';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readMultipart } from '../../platform/http/upload';
import { inTransactionWithFiles, sendStoredFile } from '../files/index';
import * as attachments from './attachments';
import { presentPaperAttachment } from './present';
import { attachmentUpdateBody, paperAttachmentResponse } from './schemas';
import { getPaper } from './paper-reading';

const tags = ['Sager'];
const listResponse = z.object({ data: z.array(paperAttachmentResponse) });
const fileErrors = {
  ...commonErrors,
  409: errorResponse,
  413: errorResponse,
  415: errorResponse,
  422: errorResponse,
};
/** Streams a bilag's file; used by the API and the pages. */
export async function sendAttachmentFile(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  attachmentId: string,
): Promise<FastifyReply> {
  const actor = requireActor(request);
  const tx = app.database.db;
  const attachment = await attachments.getAttachmentForDownload({ actor, tx, attachmentId });
  return sendStoredFile(request, reply, {
    tx,
    blobs: app.blobs,
    sha256: attachment.fileSha256,
    fileName: attachment.fileName,
    cacheControl: 'private, no-cache',
    disposition: 'viewable',
  });
}

/** JSON API for a memo's bilag: upload (multipart), rename, reorder, remove and download. */
export async function paperAttachmentRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const limits = () => ({ maxBytes: app.config.uploadMaxBytes });
  const list = async (request: FastifyRequest, paperId: string) => {
    const actor = requireActor(request);
    const detail = await getPaper({ actor, tx: db(), paperId });
    return { data: detail.attachments.map(presentPaperAttachment) };
  };

  api.get(
    '/api/v1/papers/:id/attachments',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Sagens bilag i rækkefølge',
        params: z.object({ id: z.uuid() }),
        response: { 200: listResponse, ...commonErrors },
      },
    },
    async (request) => list(request, request.params.id),
  );

  api.post(
    '/api/v1/papers/:id/attachments',
    {
      config: { policy: policies.writers, acceptsUploads: true },
      schema: {
        tags,
        summary: 'Vedhæft bilag (multipart/form-data: file, evt. flere, og title)',
        description:
          'Tilladt: PDF, DOCX, XLSX, PNG og JPEG. Typen afgøres af filens indhold (magic bytes), og filnavnets endelse skal passe. Krypterede og beskadigede filer afvises, og intet gemmes. Identiske filer gemmes kun én gang.',
        consumes: ['multipart/form-data'],
        params: z.object({ id: z.uuid() }),
        response: { 201: listResponse, ...fileErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { files, fields } = readMultipart(request);
      const rows = await inTransactionWithFiles(db(), app.blobs, limits(), (tx, storeFile) =>
        attachments.addAttachments({
          actor,
          tx,
          storeFile,
          paperId: request.params.id,
          uploads: files.map((file) => ({
            ...file,
            title: files.length === 1 ? fields.title : undefined,
          })),
        }),
      );
      return reply.status(201).send({ data: rows.map(presentPaperAttachment) });
    },
  );

  api.patch(
    '/api/v1/papers/:id/attachments/:attachmentId',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Omdøb et bilag eller flyt det op eller ned',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        body: attachmentUpdateBody,
        response: { 200: listResponse, ...fileErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { id, attachmentId } = request.params;
      await inTransaction(db(), async (tx) => {
        if (request.body.title !== undefined)
          await attachments.renameAttachment({
            actor,
            tx,
            paperId: id,
            attachmentId,
            title: request.body.title,
          });
        if (request.body.move !== undefined)
          await attachments.moveAttachment({
            actor,
            tx,
            paperId: id,
            attachmentId,
            direction: request.body.move,
          });
      });
      return list(request, id);
    },
  );

  api.delete(
    '/api/v1/papers/:id/attachments/:attachmentId',
    {
      config: { policy: policies.writers },
      schema: {
        tags,
        summary: 'Fjern et bilag (de øvrige omnummereres)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        response: { 204: z.null(), ...fileErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, attachmentId } = request.params;
      await inTransaction(db(), (tx) =>
        attachments.removeAttachment({ actor, tx, paperId: id, attachmentId }),
      );
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/attachments/:id/content',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Hent et bilags fil',
        description: 'Samme adgang som sagen. ETag er filens SHA-256.',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => sendAttachmentFile(app, request, reply, request.params.id),
  );
}
