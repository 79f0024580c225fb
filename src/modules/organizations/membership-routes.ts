import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { readMultipart } from '../../platform/http/upload';
import { da } from '../../platform/i18n/da';
import { importMemberships } from './membership-import';
import {
  createMembershipBody,
  importFields,
  importPlanResponse,
  membershipResponse,
  membersOnDateQuery,
  presentMembership,
  updateMembershipBody,
} from './membership-schemas';
import {
  createMembership,
  deleteMembership,
  listMembershipsOn,
  updateMembership,
} from './memberships';

const tags = ['Organisationer'];
const params = z.object({ id: z.uuid() });
const membershipParams = z.object({ id: z.uuid(), mid: z.uuid() });

/** JSON API for an organization's memberships (issue 18). */
export async function membershipRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/organizations/:id/memberships',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Organisationens medlemmer på en dato',
        description:
          'Medlemskaber, der gælder på datoen (query `date`, ÅÅÅÅ-MM-DD; standard i dag), formanden først. Roller: chair (formand), vice_chair (næstformand), member (medlem), substitute (stedfortræder/suppleant), secretary (sekretær), observer (observatør).',
        params,
        querystring: membersOnDateQuery,
        response: {
          200: z.object({ date: z.string(), data: z.array(membershipResponse) }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const result = await listMembershipsOn({
        ...readAs(request),
        organizationId: request.params.id,
        date: request.query.date,
      });
      return { date: result.date, data: result.memberships.map(presentMembership) };
    },
  );

  api.post(
    '/api/v1/organizations/:id/memberships',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Gør en person til medlem',
        description:
          'En periode, der slutter før den begynder, er 400 MEMBERSHIP_ENDS_BEFORE_START; et overlappende medlemskab med samme rolle er 409 MEMBERSHIP_OVERLAP; en ukendt person er 400 VALIDATION_FAILED (personId). Administratorer og sekretariatet.',
        params,
        body: createMembershipBody,
        response: { 201: membershipResponse, ...commonErrors, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const row = await writeAs(request, (ctx) =>
        createMembership({ ...ctx, organizationId: request.params.id, input: request.body }),
      );
      return reply.status(201).send(presentMembership(row));
    },
  );

  api.patch(
    '/api/v1/organizations/:id/memberships/:mid',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Ret eller afslut et medlemskab',
        description:
          'Rolle, startDate og endDate; endDate afslutter medlemskabet (null åbner det igen). Afholdte møders fremmøde ændres ikke.',
        params: membershipParams,
        body: updateMembershipBody,
        response: { 200: membershipResponse, ...commonErrors, 409: errorResponse },
      },
    },
    async (request) => {
      const row = await writeAs(request, (ctx) =>
        updateMembership({
          ...ctx,
          organizationId: request.params.id,
          membershipId: request.params.mid,
          input: request.body,
        }),
      );
      return presentMembership(row);
    },
  );

  api.delete(
    '/api/v1/organizations/:id/memberships/:mid',
    {
      config: { policy: policies.staff },
      schema: {
        tags,
        summary: 'Slet et medlemskab oprettet ved en fejl',
        params: membershipParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await writeAs(request, (ctx) =>
        deleteMembership({
          ...ctx,
          organizationId: request.params.id,
          membershipId: request.params.mid,
        }),
      );
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/organizations/:id/membership-imports',
    {
      config: { policy: policies.administrators, acceptsUploads: true },
      schema: {
        tags,
        summary: 'Importér en medlemsliste (CSV eller XLSX, multipart/form-data)',
        description:
          'Felter: file (CSV med ; eller , eller XLSX; kolonner Navn, Titel, E-mail, Telefon, Rolle, Fra, Til; andre kolonner, fx Parti, springes over; overskrifter uden hensyn til store/små bogstaver), dryRun (true: planen vises, intet gemmes) og endMissing (true: medlemskaber for personer, der ikke står på listen, afsluttes i går). Personer genkendes på e-mail og ellers præcist navn. Uden dryRun gemmes alt i én transaktion, eller intet: en række med fejl giver 422 IMPORT_INVALID med fejlene pr. linje. Kun administratorer.',
        consumes: ['multipart/form-data'],
        params,
        response: {
          200: importPlanResponse,
          ...commonErrors,
          413: errorResponse,
          415: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request) => {
      const { files, fields } = readMultipart(request);
      const parsed = importFields.safeParse(fields);
      const [file] = files;
      if (!parsed.success || !file) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'file', message: da.memberships.import.fileMissing }],
        });
      }
      return writeAs(request, (ctx) =>
        importMemberships({
          ...ctx,
          organizationId: request.params.id,
          file: file.bytes,
          options: parsed.data,
        }),
      );
    },
  );
}
