import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/plugin';
import { roles } from '../../platform/auth/roles';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { commonErrors } from '../../platform/http/api';
import * as service from './service';

const meResponse = z.object({
  kind: z.enum(['user', 'system']),
  email: z.string().optional(),
  name: z.string().optional(),
  role: z.enum(roles).optional(),
  organizationIds: z.array(z.uuid()),
});

/** JSON API for the signed-in account. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['Konto'],
        summary: 'Den indloggede bruger',
        response: { 200: meResponse, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return actor.kind === 'user'
        ? {
            kind: 'user' as const,
            email: actor.email,
            name: actor.name,
            role: actor.role,
            organizationIds: [...actor.organizationIds],
          }
        : { kind: 'system' as const, organizationIds: [] };
    },
  );

  api.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['Konto'],
        summary: 'Opret et personligt API-token (vises kun én gang)',
        body: z.object({ name: z.string().trim().min(1).max(100).optional() }),
        response: { 201: z.object({ token: z.string() }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
      const token = await inTransaction(app.database.db, (tx) =>
        service.createApiToken({ actor, tx }, { email: actor.email, name: request.body.name }),
      );
      return reply.status(201).send({ token });
    },
  );
}
