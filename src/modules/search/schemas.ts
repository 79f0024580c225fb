import { z } from 'zod';
import { da } from '../../platform/i18n/da';
import { isValidIsoDate } from '../../platform/i18n/format';
import { searchEntityTypes } from './db-schema';

const v = da.validation;
export const maxQueryLength = 500;
export const pageSize = 20;
export const maxPage = 500;

const localDate = z.string({ error: v.date }).refine(isValidIsoDate, { error: v.date });

/** GET /api/v1/search and /soeg: the same fields, strings in and checked values out. */
export const searchQuerySchema = z
  .object({
    q: z
      .string({ error: v.required })
      .trim()
      .min(1, { error: v.required })
      .max(maxQueryLength, { error: da.search.queryTooLong })
      .describe(
        'web-search syntax: words (all must match), "exact phrase", -exclude, a OR b; a case number or file name exactly; "punkt 4" for agenda item 4',
      ),
    organization: z.uuid({ error: v.uuid }).optional(),
    from: localDate.optional().describe('local date, inclusive (YYYY-MM-DD)'),
    to: localDate.optional().describe('local date, inclusive (YYYY-MM-DD)'),
    type: z.enum(searchEntityTypes, { error: v.invalidValue }).optional(),
    page: z.coerce.number({ error: v.invalidValue }).int().min(1).max(maxPage).default(1),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: da.search.dateOrder,
    path: ['to'],
  });

export type SearchQuery = z.output<typeof searchQuerySchema>;

export const searchResponseSchema = z.object({
  total: z.number().int(),
  estimated: z
    .boolean()
    .describe(
      'true when the query has more than 10,000 matches: total and facet counts are then estimated from a sample of one document in sixteen (the results themselves are not)',
    ),
  page: z.number().int(),
  pageSize: z.number().int(),
  results: z
    .array(
      z.object({
        type: z.enum(searchEntityTypes),
        title: z.string(),
        url: z.string(),
        snippet: z
          .string()
          .nullable()
          .describe('HTML: escaped text, matches in <mark>; null when the content is not readable'),
        meeting: z
          .object({ id: z.uuid(), title: z.string(), date: z.string().nullable() })
          .nullable(),
        itemNumber: z
          .string()
          .nullable()
          .describe('an agenda item\'s number on its agenda ("4", "4.A"); "punkt 4" finds it'),
        score: z.number(),
      }),
    )
    .describe(
      'Ranked; of more than 300 matches only the first 300 by title match, then date, are ranked by score, and the rest follow in that order',
    ),
  facets: z.object({
    organization: z.array(z.object({ id: z.uuid(), name: z.string(), count: z.number().int() })),
    year: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
    type: z.array(z.object({ type: z.enum(searchEntityTypes), count: z.number().int() })),
  }),
});

export type SearchResponse = z.output<typeof searchResponseSchema>;
