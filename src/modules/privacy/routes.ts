import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { commonErrors } from '../../platform/http/api';
import { readAs, writeAs } from '../../platform/http/service-call';
import { presentRetentionSettings } from './present';
import { personalDataResponse, retentionSettingsBody, retentionSettingsResponse } from './schemas';
import * as service from './service';

const tags = ['Persondata'];

/** Checked before the body is validated, so a non-administrator learns nothing (404, not 400). */
async function requirePrivacyManager(request: FastifyRequest): Promise<void> {
  if (!can(requireActor(request), 'privacy.manage')) throw new AppError('NOT_FOUND');
}

/** JSON API: retention settings and the export of one person's data (administrators). */
export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/privacy/retention',
    {
      config: { policy: policies.administrators },
      schema: {
        tags,
        summary: 'Slettefristerne (administratorer)',
        response: { 200: retentionSettingsResponse, ...commonErrors },
      },
    },
    async (request) => {
      return presentRetentionSettings(await service.getRetentionSettings(readAs(request)));
    },
  );

  api.put(
    '/api/v1/privacy/retention',
    {
      config: { policy: policies.administrators },
      preValidation: requirePrivacyManager,
      schema: {
        tags,
        summary:
          'Gem slettefristerne (administratorer); null betyder, at oplysningerne gemmes uden frist',
        body: retentionSettingsBody,
        response: { 200: retentionSettingsResponse, ...commonErrors },
      },
    },
    async (request) => {
      const saved = await writeAs(request, (ctx) =>
        service.saveRetentionSettings({ ...ctx, input: request.body }),
      );
      return presentRetentionSettings(saved);
    },
  );

  api.get(
    '/api/v1/persons/:id/personal-data',
    {
      config: { policy: policies.administrators },
      preValidation: requirePrivacyManager,
      schema: {
        tags,
        summary:
          'Alt, hvad systemet har registreret om én person (indsigtsretten; administratorer; hentningen logges)',
        params: z.object({ id: z.uuid() }),
        response: { 200: personalDataResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const data = await writeAs(request, (ctx) =>
        service.exportPersonalData({ ...ctx, personId: request.params.id }),
      );
      return reply.header('cache-control', 'no-store').send(data);
    },
  );
}
