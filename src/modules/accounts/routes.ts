import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, startSignedInSession } from '../../platform/auth/plugin';
import { roles } from '../../platform/auth/roles';
import { inTransaction } from '../../platform/db/transaction';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { toIsoWithOffset } from '../../platform/i18n/format';
import type { OwnToken } from './api-tokens';
import {
  listOwnApiTokens,
  tokenLifetime,
  createOwnApiToken,
  revokeOwnApiToken,
} from './api-tokens';
import { changeOwnPassword } from './password-change';

const meResponse = z.object({
  kind: z.enum(['user', 'system']),
  email: z.string().optional(),
  name: z.string().optional(),
  role: z.enum(roles).optional(),
  organizationIds: z.array(z.uuid()),
});

const isoInstant = z.string().describe('ISO 8601 with offset, Europe/Copenhagen');

const tokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: isoInstant,
  expiresAt: isoInstant,
  lastUsedAt: isoInstant.nullable().describe('Opdateres højst hvert femte minut'),
});

function presentToken(token: OwnToken): z.infer<typeof tokenResponse> {
  return {
    id: token.id,
    name: token.name,
    createdAt: toIsoWithOffset(token.createdAt),
    expiresAt: toIsoWithOffset(token.expiresAt),
    lastUsedAt: token.lastUsedAt ? toIsoWithOffset(token.lastUsedAt) : null,
  };
}

/** JSON API for the signed-in account: who it is, its password and its API tokens. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/me',
    {
      config: { policy: 'signedIn' },
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

  api.put(
    '/api/v1/me/password',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Konto'],
        summary: 'Skift din adgangskode',
        description:
          'Kræver den nuværende adgangskode (forkerte forsøg tæller med i login-spærringen). Den nye skal være mindst 12 tegn og svær at gætte. Når den er skiftet, er alle dine sessioner afsluttet og alle dine API-tokens tilbagekaldt, også det, der eventuelt bruges til kaldet.',
        body: z.object({
          currentPassword: z.string().max(1000),
          newPassword: z.string().max(1000),
        }),
        response: { 204: z.null(), ...commonErrors, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await changeOwnPassword(
        { actor, db: app.database.db },
        { ...request.body, isOneTimeChange: false, address: request.ip },
      );
      // A browser session goes on under a new id; every other session has ended.
      if (!request.isTokenAuthenticated && actor.kind === 'user')
        await startSignedInSession(request, { userId: actor.userId });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/me/tokens',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Konto'],
        summary: 'Dine personlige API-tokens (uden selve tokenet)',
        response: { 200: z.object({ data: z.array(tokenResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const tokens = await listOwnApiTokens({ actor, tx: app.database.db });
      return { data: tokens.map(presentToken) };
    },
  );

  api.post(
    '/api/v1/me/tokens',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Konto'],
        summary: 'Opret et personligt API-token (vises kun én gang)',
        description:
          'Kun fra en browsersession (cookie og CSRF-token): et kald med et API-token får 403, så et lækket token ikke kan lave nye.',
        body: z.object({
          name: z.string().max(100).describe('Hvad tokenet bruges til'),
          expiresInDays: z
            .number()
            .int()
            .optional()
            .describe(
              `Dage til tokenet udløber: 1–${tokenLifetime.maxDays}, standard ${tokenLifetime.defaultDays}`,
            ),
        }),
        response: {
          201: tokenResponse.extend({ token: z.string().describe('Vises kun her, aldrig igen') }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await inTransaction(app.database.db, (tx) =>
        createOwnApiToken({
          actor,
          tx,
          input: {
            ...request.body,
            sessionId: request.isTokenAuthenticated ? undefined : request.session.sessionId,
          },
        }),
      );
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ ...presentToken(created), token: created.token });
    },
  );

  api.delete(
    '/api/v1/me/tokens/:id',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['Konto'],
        summary: 'Tilbagekald et af dine API-tokens',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await inTransaction(app.database.db, (tx) =>
        revokeOwnApiToken({ actor, tx, tokenId: request.params.id }),
      );
      return reply.status(204).send(null);
    },
  );
}
