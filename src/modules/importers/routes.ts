import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import { commonErrors, errorResponse } from '../../platform/http/api';
import { readMultipart } from '../../platform/http/upload';
import { da } from '../../platform/i18n/da';
import { publicationsTopic } from '../publishing/index';
import { importDeps, requireImportActor } from './request';
import { importFields, importSummaryResponse } from './schemas';
import { importUpload } from './service';

/** POST /api/v1/imports: the upload form's import as JSON, for scripts. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/imports',
    {
      config: { policy: policies.administrators, acceptsUploads: true },
      schema: {
        tags: ['Import'],
        summary: 'Importér en eksport fra et tidligere system (multipart/form-data)',
        description:
          'Felter: file (én XML- eller PDF-fil, eller en zip med eksportmappen), format (auto, publication, edoc, acadre, fujitsu eller pdf; standard auto) og dryRun (true: alt udføres og rulles tilbage). Svaret er opsummeringen; advarsler stopper ikke importen. Kun administratorer.',
        consumes: ['multipart/form-data'],
        response: {
          200: importSummaryResponse,
          ...commonErrors,
          413: errorResponse,
          415: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request) => {
      const actor = requireImportActor(request);
      const { files, fields } = readMultipart(request);
      const parsed = importFields.safeParse(fields);
      const [file] = files;
      if (!parsed.success || !file) {
        throw new AppError('VALIDATION_FAILED', {
          details: parsed.success
            ? [{ field: 'file', message: da.imports.fileMissing }]
            : parsed.error.issues.map((issue) => ({
                field: issue.path.join('.'),
                message: issue.message,
              })),
        });
      }
      const run = await importUpload(importDeps(app, actor), file, parsed.data);
      if (!run.dryRun) app.liveEvents.publish(publicationsTopic);
      return run;
    },
  );
}
