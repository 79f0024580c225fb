import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/plugin';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import type { FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { readMultipart } from '../../platform/http/upload';
import { inTransactionWithFiles } from '../files/index';
import { sendItemAttachmentFile } from './item-attachment-routes';
import {
  addItemAttachments,
  attachItemFile,
  changeItemAttachment,
  removeItemAttachment,
} from './item-attachments';
import { getItemPage } from './item-page';
import { meetingAbilities } from './policy';
import { itemParams } from './schemas';
import { itemPagePath } from './views/agenda-parts';
import { ItemPage } from './views/item-page';

const attachmentParams = itemParams.extend({ attachmentId: z.uuid() });

/** Errors an upload form shows on the re-rendered page, with their own status. */
const refusedCodes = new Set([
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_UNREADABLE',
  'MEETING_LOCKED',
]);

/** Unknown or malformed ids in a URL are simply pages that do not exist. */
function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new AppError('NOT_FOUND');
  return result.data;
}

/** The agenda item's page (/moeder/:id/punkter/:itemId) and its bilag forms. */
export async function itemPages(app: FastifyInstance): Promise<void> {
  const maxUploadMb = () => Math.round(app.config.uploadMaxBytes / (1024 * 1024));

  const renderItemPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldErrors; errorsFor?: string; status?: number } = {},
  ) => {
    const actor = requireActor(request);
    const { id, itemId } = parseParams(itemParams, request.params);
    const data = await getItemPage({ ...readAs(request), meetingId: id, itemId });
    return sendHtml(
      reply,
      <ItemPage
        ctx={pageContext(request, reply)}
        data={data}
        abilities={meetingAbilities(actor, data.detail.meeting)}
        maxUploadMb={maxUploadMb()}
        uploadErrors={options.errors}
        errorsFor={options.errorsFor}
      />,
      options.status,
    );
  };

  /** Runs a bilag change; a refused file or a locked meeting re-renders the page at its form. */
  const changeAttachments = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: string,
    work: () => Promise<unknown>,
  ) => {
    const { id, itemId } = parseParams(itemParams, request.params);
    try {
      await work();
    } catch (error) {
      if (!(error instanceof AppError) || !refusedCodes.has(error.code)) throw error;
      const errors: FieldErrors = {};
      for (const detail of error.details) errors[detail.field] ??= detail.message;
      if (Object.keys(errors).length === 0) errors.file = error.message;
      return renderItemPage(request, reply, { errors, errorsFor: form, status: error.status });
    }
    return redirectAfterPost(reply, `${itemPagePath(id, itemId)}#bilag`);
  };

  app.get('/moeder/:id/punkter/:itemId', { config: { policy: 'signedIn' } }, (request, reply) =>
    renderItemPage(request, reply),
  );

  app.post(
    '/moeder/:id/punkter/:itemId/bilag',
    { config: { policy: policies.staff, acceptsUploads: true } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, itemId } = parseParams(itemParams, request.params);
      return changeAttachments(request, reply, 'ny', async () => {
        const { files, fields } = readMultipart(request);
        await inTransactionWithFiles(
          app.database.db,
          app.blobs,
          { maxBytes: app.config.uploadMaxBytes },
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
      });
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/bilag/:attachmentId/fil',
    { config: { policy: policies.staff, acceptsUploads: true } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, itemId, attachmentId } = parseParams(attachmentParams, request.params);
      return changeAttachments(request, reply, `fil-${attachmentId}`, async () => {
        const { files } = readMultipart(request);
        await inTransactionWithFiles(
          app.database.db,
          app.blobs,
          { maxBytes: app.config.uploadMaxBytes },
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
      });
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/bilag/:attachmentId/flyt',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, itemId, attachmentId } = parseParams(attachmentParams, request.params);
      const body = request.body as Record<string, string | undefined> | undefined;
      const move = body?.retning === 'op' ? 'up' : 'down';
      return changeAttachments(request, reply, 'ny', () =>
        writeAs(request, (ctx) =>
          changeItemAttachment({ ...ctx, meetingId: id, itemId, attachmentId, move }),
        ),
      );
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/bilag/:attachmentId/slet',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, itemId, attachmentId } = parseParams(attachmentParams, request.params);
      return changeAttachments(request, reply, 'ny', () =>
        writeAs(request, (ctx) =>
          removeItemAttachment({ ...ctx, meetingId: id, itemId, attachmentId }),
        ),
      );
    },
  );

  app.get(
    '/moeder/:id/punkter/:itemId/bilag/:attachmentId',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const { id, itemId, attachmentId } = parseParams(attachmentParams, request.params);
      return sendItemAttachmentFile(app, request, reply, {
        meetingId: id,
        itemId,
        attachmentId,
      });
    },
  );
}
