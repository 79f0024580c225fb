import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin';
import { commonErrors } from '../../platform/http/api';
import { presentSearch } from './present';
import { searchQuerySchema, searchResponseSchema } from './schemas';
import { search } from './service';

/** GET /api/v1/search: everything the caller may see, ranked, with snippets and facets. */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/search',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Søgning'],
        summary: 'Søg i møder, punkter, referater, sager, bilag, personer og organisationer',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentSearch(await search({ actor, tx: app.database.db }, request.query));
    },
  );
}
