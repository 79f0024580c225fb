import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fieldErrorsFrom, parseForm, type FieldErrors } from '../../platform/http/form';
import { sendHtml } from '../../platform/http/html';
import { Layout, pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import type { Db } from '../../platform/db/client';
import { readAs } from '../../platform/http/service-call';
import { searchQuerySchema } from './schemas';
import { search, searchPublished, type SearchResults } from './service';
import { SearchFormView, SearchResultsView, type SearchParams } from './views';

const paramsSchema = z.object({
  q: z.string().optional(),
  organization: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  type: z.string().optional(),
  page: z.string().optional(),
});

export type SearchPageState = {
  params: SearchParams;
  errors: FieldErrors;
  results: SearchResults | undefined;
};

/**
 * Reads a search page's query string: no query is an empty form, a bad one is the form with
 * its errors (not an error page), a good one is searched by `run`.
 */
export async function searchPageState(
  rawQuery: unknown,
  run: (query: z.output<typeof searchQuerySchema>) => Promise<SearchResults>,
): Promise<SearchPageState> {
  const raw = paramsSchema.safeParse(rawQuery);
  const params: SearchParams = raw.success ? raw.data : {};
  if (!raw.success || (raw.data.q ?? '').trim() === '') {
    return { params, errors: {}, results: undefined };
  }
  const parsed = parseForm(searchQuerySchema, raw.data);
  if (!parsed.ok) return { params, errors: parsed.errors, results: undefined };
  try {
    return { params, errors: {}, results: await run(parsed.data) };
  } catch (error) {
    return { params, errors: fieldErrorsFrom(error), results: undefined };
  }
}

/** /soeg: the search page for signed-in users. */
export async function searchPages(app: FastifyInstance): Promise<void> {
  app.get('/soeg', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const state = await searchPageState(request.query, (query) => search(readAs(request), query));
    return sendHtml(
      reply,
      <Layout ctx={pageContext(request, reply)} title={da.search.title}>
        <h1>{da.search.title}</h1>
        <SearchFormView path="/soeg" params={state.params} errors={state.errors} withDates />
        {state.results ? (
          <SearchResultsView path="/soeg" params={state.params} results={state.results} />
        ) : (
          <p>{da.search.empty}</p>
        )}
      </Layout>,
    );
  });
}

/** The portal's search over published snapshots, for its own page. */
export function searchPublishedPage(db: Db, rawQuery: unknown): Promise<SearchPageState> {
  return searchPageState(rawQuery, (query) => searchPublished(db, query));
}
