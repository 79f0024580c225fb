import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { openStoredFile } from './service';

/** Shown in the browser: PDFs and images. Office files are downloaded. */
const viewableTypes: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * Streams a stored file (a bilag) under its own name, with a content-hash ETag (304 when the
 * client has it) and a sandbox CSP, so a user's file is never run as a page of ours whatever it
 * contains. `viewable` files open in the browser, others download; `attachment` always downloads.
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: {
    tx: Db;
    blobs: BlobStore;
    sha256: string;
    fileName: string;
    cacheControl: string;
    disposition: 'viewable' | 'attachment';
  },
): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply
    .header('etag', etag)
    .header('cache-control', file.cacheControl)
    .header('content-security-policy', "sandbox; default-src 'none'");
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const stored = await openStoredFile({ tx: file.tx, blobs: file.blobs }, file.sha256);
  const isInline = file.disposition === 'viewable' && viewableTypes.has(stored.mediaType);
  return reply
    .type(stored.mediaType)
    .header('content-length', stored.byteSize)
    .header(
      'content-disposition',
      contentDisposition(file.fileName, { type: isInline ? 'inline' : 'attachment' }),
    )
    .send(stored.stream);
}
