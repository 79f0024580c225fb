import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { toIsoWithOffset } from '../../platform/i18n/format';
import { createPerson, getPerson, searchPersons, updatePerson } from './persons';
import { readMembershipsOfPerson } from './reads';
import type { PersonRow } from './repository';

const personResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  unit: z.string().nullable().describe('Enhed eller afdeling'),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  party: z.string().nullable().describe('Parti (politikere)'),
  isExternal: z.boolean().describe('Ekstern, ikke ansat i kommunen'),
  active: z.boolean(),
  deactivatedAt: z.string().nullable().describe('ISO 8601 with offset, Europe/Copenhagen'),
});

const membershipOfPerson = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  role: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

const text = (max: number) => z.string().max(max).nullable().optional();
const personBody = z.object({
  name: z.string().max(200),
  title: text(200),
  unit: text(200),
  email: z.string().max(320).nullable().optional(),
  phone: text(50),
  party: text(100),
  isExternal: z.boolean().optional(),
});

export function presentPerson(row: PersonRow): z.infer<typeof personResponse> {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    unit: row.unit,
    email: row.email,
    phone: row.phone,
    party: row.party,
    isExternal: row.isExternal,
    active: row.deactivatedAt === null,
    deactivatedAt: row.deactivatedAt ? toIsoWithOffset(row.deactivatedAt) : null,
  };
}

const tags = ['Personer'];
const writeErrors = { ...commonErrors, 409: errorResponse };

/** JSON API for the person register (the secretariat and administrators). */
export async function personRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/persons',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Personregistret, evt. søgt i navn, e-mail, titel, enhed og parti',
        querystring: z.object({
          q: z.string().max(200).optional(),
          includeDeactivated: z
            .enum(['true', 'false'])
            .optional()
            .describe('Medtag deaktiverede personer (standard true)'),
        }),
        response: { 200: z.object({ data: z.array(personResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      const rows = await searchPersons({
        ...readAs(request),
        query: {
          q: request.query.q,
          includeDeactivated: request.query.includeDeactivated !== 'false',
        },
      });
      return { data: rows.map(presentPerson) };
    },
  );

  api.post(
    '/api/v1/persons',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Opret en person',
        body: personBody,
        response: { 201: personResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const row = await writeAs(request, (ctx) => createPerson({ ...ctx, input: request.body }));
      return reply.status(201).send(presentPerson(row));
    },
  );

  api.get(
    '/api/v1/persons/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'En person med medlemskaber',
        params: z.object({ id: z.uuid() }),
        response: {
          200: personResponse.extend({ memberships: z.array(membershipOfPerson) }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const ctx = readAs(request);
      const row = await getPerson({ ...ctx, id: request.params.id });
      const memberships = await readMembershipsOfPerson(ctx, row.id);
      return {
        ...presentPerson(row),
        memberships: memberships.map((membership) => ({
          id: membership.id,
          organizationId: membership.organizationId,
          organizationName: membership.organizationName,
          role: membership.role,
          startDate: membership.startDate,
          endDate: membership.endDate,
        })),
      };
    },
  );

  api.patch(
    '/api/v1/persons/:id',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Ret en person; active: false deaktiverer, active: true genaktiverer',
        params: z.object({ id: z.uuid() }),
        body: personBody.partial().extend({ active: z.boolean().optional() }),
        response: { 200: personResponse, ...writeErrors },
      },
    },
    async (request) => {
      const row = await writeAs(request, (ctx) =>
        updatePerson({ ...ctx, id: request.params.id, input: request.body }),
      );
      return presentPerson(row);
    },
  );
}
