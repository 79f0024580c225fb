import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/plugin';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { readMultipart } from '../../platform/http/upload';
import { inTransactionWithFiles, sendStoredFile } from '../files/index';
import type { ItemAttachmentRow } from './item-attachment-repository';
import {
  addItemAttachments,
  attachItemFile,
  changeItemAttachment,
  getItemAttachmentForDownload,
  listItemAttachments,
  removeItemAttachment,
} from './item-attachments';
import { itemAttachmentFileUrl } from './present';
import { itemParams } from './schemas';

const tags = ['Møder'];

const itemAttachmentResponse = z.object({
  id: z.uuid(),
  position: z
    .number()
    .int()
    .describe("place among the item's own bilag; the package numbers them after the memo's"),
  title: z.string(),
  fileName: z.string().nullable().describe('null for a bilag listed by title only'),
  mediaType: z.string().nullable(),
  byteSize: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  sha256: z.string().nullable(),
  url: z.string().nullable().describe('where the file is fetched, when there is one'),
});
const listResponse = z.object({ data: z.array(itemAttachmentResponse) });
const attachmentParams = itemParams.extend({ attachmentId: z.uuid() });
const changeBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    move: z.enum(['up', 'down']).optional(),
  })
  .refine((body) => body.title !== undefined || body.move !== undefined, {
    message: 'title or move',
  });

const fileErrors = {
  ...commonErrors,
  409: errorResponse,
  413: errorResponse,
  415: errorResponse,
  422: errorResponse,
};

function presentItemAttachment(meetingId: string, itemId: string) {
  return (attachment: ItemAttachmentRow): z.input<typeof itemAttachmentResponse> => ({
    id: attachment.id,
    position: attachment.position,
    title: attachment.title,
    fileName: attachment.fileName,
    mediaType: attachment.mediaType,
    byteSize: attachment.byteSize,
    pageCount: attachment.pageCount,
    sha256: attachment.fileSha256,
    url:
      attachment.fileName === null ? null : itemAttachmentFileUrl(meetingId, itemId, attachment.id),
  });
}

/** Streams a file uploaded to an item, as papers' bilag are served. */
export async function sendItemAttachmentFile(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  ids: { meetingId: string; itemId: string; attachmentId: string },
): Promise<FastifyReply> {
  const ctx = readAs(request);
  const attachment = await getItemAttachmentForDownload({ ...ctx, ...ids });
  return sendStoredFile(request, reply, {
    tx: ctx.tx,
    blobs: app.blobs,
    sha256: attachment.fileSha256,
    fileName: attachment.fileName,
    cacheControl: 'private, no-cache',
    disposition: 'viewable',
  });
}

/** JSON API for an item's own bilag: list, upload (multipart), give a file, rename, reorder, remove, download. */
export async function itemAttachmentRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const limits = () => ({ maxBytes: app.config.uploadMaxBytes });
  const base = '/api/v1/meetings/:id/items/:itemId/attachments';

  api.get(
    base,
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Punktets egne bilag i rækkefølge',
        description: 'Sagens bilag står på sagen og nummereres før punktets egne i mødepakken.',
        params: itemParams,
        response: { 200: listResponse, ...commonErrors },
      },
    },
    async (request) => {
      const { id, itemId } = request.params;
      const rows = await listItemAttachments({ ...readAs(request), meetingId: id, itemId });
      return { data: rows.map(presentItemAttachment(id, itemId)) };
    },
  );

  api.post(
    base,
    {
      config: { policy: policies.staff, acceptsUploads: true },
      schema: {
        tags,
        summary: 'Vedhæft bilag til punktet (multipart/form-data: file, evt. flere, og title)',
        description:
          'Tilladt: PDF, DOCX, XLSX, PNG og JPEG, afgjort af filens indhold. Beskadigede, krypterede og for store filer afvises, og intet gemmes. Et afholdt møde er låst (409 MEETING_LOCKED).',
        consumes: ['multipart/form-data'],
        params: itemParams,
        response: { 201: listResponse, ...fileErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, itemId } = request.params;
      const { files, fields } = readMultipart(request);
      const rows = await inTransactionWithFiles(
        app.database.db,
        app.blobs,
        limits(),
        (tx, storeFile) =>
          addItemAttachments({
            actor,
            tx,
            storeFile,
            meetingId: id,
            itemId,
            uploads: files.map((file) => ({
              ...file,
              title: files.length === 1 ? fields.title : undefined,
            })),
          }),
      );
      return reply.status(201).send({ data: rows.map(presentItemAttachment(id, itemId)) });
    },
  );

  api.put(
    `${base}/:attachmentId/file`,
    {
      config: { policy: policies.staff, acceptsUploads: true },
      schema: {
        tags,
        summary: 'Giv et bilag sin fil (multipart/form-data: file)',
        description:
          'Et bilag, der kun er registreret med sin titel, får en fil (eller filen udskiftes). Samme kontrol af filen som ved vedhæftning.',
        consumes: ['multipart/form-data'],
        params: attachmentParams,
        response: { 200: listResponse, ...fileErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { id, itemId, attachmentId } = request.params;
      const { files } = readMultipart(request);
      const rows = await inTransactionWithFiles(
        app.database.db,
        app.blobs,
        limits(),
        (tx, storeFile) =>
          attachItemFile({
            actor,
            tx,
            storeFile,
            meetingId: id,
            itemId,
            attachmentId,
            upload: files[0],
          }),
      );
      return { data: rows.map(presentItemAttachment(id, itemId)) };
    },
  );

  api.patch(
    `${base}/:attachmentId`,
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Omdøb et af punktets bilag eller flyt det op eller ned',
        params: attachmentParams,
        body: changeBody,
        response: { 200: listResponse, ...fileErrors },
      },
    },
    async (request) => {
      const { id, itemId, attachmentId } = request.params;
      const rows = await writeAs(request, (ctx) =>
        changeItemAttachment({
          ...ctx,
          meetingId: id,
          itemId,
          attachmentId,
          title: request.body.title,
          move: request.body.move,
        }),
      );
      return { data: rows.map(presentItemAttachment(id, itemId)) };
    },
  );

  api.delete(
    `${base}/:attachmentId`,
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Fjern et af punktets bilag (de øvrige omnummereres)',
        params: attachmentParams,
        response: { 204: z.null(), ...fileErrors },
      },
    },
    async (request, reply) => {
      const { id, itemId, attachmentId } = request.params;
      await writeAs(request, (ctx) =>
        removeItemAttachment({ ...ctx, meetingId: id, itemId, attachmentId }),
      );
      return reply.status(204).send(null);
    },
  );

  api.get(
    `${base}/:attachmentId/content`,
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Hent filen til et af punktets bilag',
        description: 'Samme adgang som punktet. ETag er filens SHA-256.',
        params: attachmentParams,
      },
    },
    async (request, reply) => {
      const { id, itemId, attachmentId } = request.params;
      return sendItemAttachmentFile(app, request, reply, {
        meetingId: id,
        itemId,
        attachmentId,
      });
    },
  );
}
