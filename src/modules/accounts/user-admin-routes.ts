import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { roles } from '../../platform/auth/roles';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { toIsoWithOffset } from '../../platform/i18n/format';
import {
  createManagedUser,
  getManagedUser,
  invitationLifetimeHours,
  inviteUser,
  listManagedUsers,
  updateManagedUser,
  type ManagedUser,
} from './user-admin';
import { issueTokenForUser, tokenLifetime } from './api-tokens';

const userResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  active: z.boolean(),
  deactivatedAt: z.string().nullable().describe('ISO 8601 with offset, Europe/Copenhagen'),
  hasPassword: z.boolean(),
  singleSignOn: z.boolean().describe('Logger ind via single sign-on'),
  invitationPending: z.boolean().describe('Har et invitationslink, der endnu kan bruges'),
});

export function presentManagedUser({
  user,
  person,
  isInvited,
}: ManagedUser): z.infer<typeof userResponse> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    personId: user.personId,
    personName: person?.name ?? null,
    active: user.deactivatedAt === null,
    deactivatedAt: user.deactivatedAt ? toIsoWithOffset(user.deactivatedAt) : null,
    hasPassword: user.passwordHash !== null,
    singleSignOn: user.oidcSubject !== null,
    invitationPending: isInvited,
  };
}

const tags = ['Brugere'];
const config = { policy: policies.administrators };
const writeErrors = { ...commonErrors, 409: errorResponse };
const roleDescription = `Rolle: ${roles.join(', ')}`;

/** JSON API for user management (administrators). */
export async function userAdminRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const linkBase = app.config.publicBaseUrl;

  api.get(
    '/api/v1/users',
    {
      config,
      schema: {
        tags,
        summary: 'Alle brugere',
        response: { 200: z.object({ data: z.array(userResponse) }), ...commonErrors },
      },
    },
    async (request) => ({
      data: (await listManagedUsers(readAs(request))).map(presentManagedUser),
    }),
  );

  api.post(
    '/api/v1/users',
    {
      config,
      schema: {
        tags,
        summary: 'Opret en bruger og send en invitation pr. e-mail',
        description: `Brugeren får en e-mail med et engangslink til at vælge sin adgangskode; linket udløber efter ${invitationLifetimeHours} timer. Fejlkoder: EMAIL_TAKEN (409) når e-mailen er i brug, PERSON_DEACTIVATED (409) når personen er deaktiveret, VALIDATION_FAILED (400) for en ukendt person eller rolle. Uden name bruges personens navn.`,
        body: z.object({
          email: z.string().max(320),
          role: z.string().max(50).describe(roleDescription),
          personId: z.string().max(100).nullable().optional(),
          name: z.string().max(200).optional(),
        }),
        response: { 201: userResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const user = await writeAs(request, (ctx) =>
        createManagedUser({ ...ctx, input: request.body, linkBase }),
      );
      const created = await getManagedUser({ ...readAs(request), id: user.id });
      return reply.status(201).send(presentManagedUser(created));
    },
  );

  api.get(
    '/api/v1/users/:id',
    {
      config,
      schema: {
        tags,
        summary: 'En bruger',
        params: z.object({ id: z.uuid() }),
        response: { 200: userResponse, ...commonErrors },
      },
    },
    async (request) =>
      presentManagedUser(await getManagedUser({ ...readAs(request), id: request.params.id })),
  );

  api.patch(
    '/api/v1/users/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Skift rolle, navn eller person, eller deaktivér (active: false)',
        description:
          'Deaktivering afslutter alle brugerens sessioner og tilbagekalder alle API-tokens; brugeren kan ikke logge ind, før active: true. personId: null fjerner koblingen til personen.',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          role: z.string().max(50).optional().describe(roleDescription),
          personId: z.string().max(100).nullable().optional(),
          name: z.string().max(200).optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: userResponse, ...writeErrors },
      },
    },
    async (request) => {
      const id = request.params.id;
      await writeAs(request, (ctx) => updateManagedUser({ ...ctx, id, input: request.body }));
      return presentManagedUser(await getManagedUser({ ...readAs(request), id }));
    },
  );

  api.post(
    '/api/v1/users/:id/invitation',
    {
      config,
      schema: {
        tags,
        summary: 'Send brugeren et nyt invitationslink (det gamle holder op med at virke)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await writeAs(request, (ctx) => inviteUser({ ...ctx, id: request.params.id, linkBase }));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/users/:id/tokens',
    {
      config,
      schema: {
        tags,
        summary: 'Opret et API-token til brugeren (vises kun én gang)',
        description:
          'Til en integration eller en app, som kommunen sætter op for brugeren. Tokenet giver præcis brugerens adgang; brugeren ser og kan slette det under Min konto.',
        params: z.object({ id: z.uuid() }),
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
          201: z.object({
            id: z.uuid(),
            name: z.string(),
            expiresAt: z.string().describe('ISO 8601 with offset, Europe/Copenhagen'),
            token: z.string().describe('Vises kun her, aldrig igen'),
          }),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const created = await writeAs(request, (ctx) =>
        issueTokenForUser({ ...ctx, userId: request.params.id, input: request.body }),
      );
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({
        id: created.id,
        name: created.name,
        expiresAt: toIsoWithOffset(created.expiresAt),
        token: created.token,
      });
    },
  );
}
