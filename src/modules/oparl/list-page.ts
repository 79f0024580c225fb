import { z } from 'zod';
import type { OparlObject } from './graph';

const dateTime = z.iso.datetime({ offset: true, local: false });

/** The query a list understands; anything else is ignored, as the spec allows. */
export const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  created_since: dateTime.optional(),
  created_until: dateTime.optional(),
  modified_since: dateTime.optional(),
  modified_until: dateTime.optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const defaultPageSize = 20;

const filterNames = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;

/** One page of a list, with `pagination` and `links` (`next` on every page but the last). */
export function listPage(
  listUrl: string,
  all: readonly OparlObject[],
  query: ListQuery,
): { data: OparlObject[]; pagination: Record<string, number>; links: Record<string, string> } {
  const bound = (name: (typeof filterNames)[number]) => {
    const value = query[name];
    return value === undefined ? undefined : new Date(value).getTime();
  };
  const createdSince = bound('created_since');
  const createdUntil = bound('created_until');
  const modifiedSince = bound('modified_since');
  const modifiedUntil = bound('modified_until');
  const matching = all.filter((object) => {
    const created = new Date(object.created).getTime();
    const modified = new Date(object.modified).getTime();
    return (
      (createdSince === undefined || created >= createdSince) &&
      (createdUntil === undefined || created <= createdUntil) &&
      (modifiedSince === undefined || modified >= modifiedSince) &&
      (modifiedUntil === undefined || modified <= modifiedUntil)
    );
  });
  const size = query.limit ?? defaultPageSize;
  const totalPages = Math.max(1, Math.ceil(matching.length / size));
  const page = query.page;
  // The filters and the page size stay in every link, so following `next` keeps the selection.
  const link = (target: number) => {
    const params = new URLSearchParams();
    for (const name of filterNames) {
      const value = query[name];
      if (value !== undefined) params.set(name, value);
    }
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    params.set('page', String(target));
    return `${listUrl}?${params.toString()}`;
  };
  return {
    data: matching.slice((page - 1) * size, page * size),
    pagination: {
      totalElements: matching.length,
      elementsPerPage: size,
      currentPage: page,
      totalPages,
    },
    links: {
      first: link(1),
      ...(page > 1 ? { prev: link(Math.min(page - 1, totalPages)) } : {}),
      self: link(page),
      ...(page < totalPages ? { next: link(page + 1) } : {}),
      last: link(totalPages),
    },
  };
}
