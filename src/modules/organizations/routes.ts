import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/plugin';
import { commonErrors } from '../../platform/http/api';
import { membershipRoles, organizationClassifications } from './enums';
import { selectMembershipsOfOrganization } from './repository';
import { getOrganization, listOrganizations } from './service';

const organizationResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  classification: z.enum(organizationClassifications),
  parentId: z.uuid().nullable(),
});

const membershipResponse = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  role: z.enum(membershipRoles),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

const tags = ['Organisationer'];

/** JSON API for organizations and their members. */
export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const present = (row: z.input<typeof organizationResponse>) => ({
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    classification: row.classification,
    parentId: row.parentId,
  });

  api.get(
    '/api/v1/organizations',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'Organisationer, som brugeren kan se',
        response: { 200: z.object({ data: z.array(organizationResponse) }), ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await listOrganizations({ actor, tx: app.database.db });
      return { data: rows.map(present) };
    },
  );

  api.get(
    '/api/v1/organizations/:id',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        summary: 'En organisation med medlemmer',
        params: z.object({ id: z.uuid() }),
        response: {
          200: organizationResponse.extend({ memberships: z.array(membershipResponse) }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const tx = app.database.db;
      const organization = await getOrganization({ actor, tx, id: request.params.id });
      const memberships = await selectMembershipsOfOrganization(tx, organization.id);
      return {
        ...present(organization),
        memberships: memberships.map((membership) => ({
          id: membership.id,
          personId: membership.personId,
          personName: membership.personName,
          role: membership.role,
          startDate: membership.startDate,
          endDate: membership.endDate,
        })),
      };
    },
  );
}
