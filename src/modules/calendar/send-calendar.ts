import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/** Sends an iCalendar document; `attachment` for a file to save, `inline` for a feed. */
export function sendCalendar(
  reply: FastifyReply,
  ics: string,
  options: { fileName: string; type: 'attachment' | 'inline'; cache: string },
): FastifyReply {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', contentDisposition(options.fileName, { type: options.type }))
    .header('cache-control', options.cache)
    .send(ics);
}
