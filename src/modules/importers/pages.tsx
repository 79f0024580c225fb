import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import { publicMessage } from '../../platform/http/error-handler';
import { parseForm, type FieldErrors } from '../../platform/http/form';
import { sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readMultipart } from '../../platform/http/upload';
import { da } from '../../platform/i18n/da';
import { publicationsTopic } from '../publishing/index';
import { importFields } from './schemas';
import { importDeps, requireImportActor } from './request';
import { importUpload, type ImportRun } from './service';
import { ImportPage, type ImportFormValues } from './views';

/** What an import refuses with: shown at the form, which keeps the administrator's choices. */
const refusedCodes = new Set([
  'VALIDATION_FAILED',
  'IMPORT_INVALID',
  'IMPORT_FORMAT_UNKNOWN',
  'PAYLOAD_TOO_LARGE',
]);

/** /admin/import: upload an export, try it first, see what it did. */
export async function importPages(app: FastifyInstance): Promise<void> {
  const maxUploadMb = Math.floor(app.config.uploadMaxBytes / (1024 * 1024));
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: ImportFormValues; errors: FieldErrors; run?: ImportRun; status?: number },
  ) =>
    sendHtml(
      reply,
      <ImportPage
        ctx={pageContext(request, reply)}
        values={state.values}
        errors={state.errors}
        run={state.run}
        maxUploadMb={maxUploadMb}
      />,
      state.status,
    );

  app.get(
    '/admin/import',
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      requireImportActor(request);
      return render(request, reply, { values: { format: 'auto', dryRun: true }, errors: {} });
    },
  );

  app.post(
    '/admin/import',
    { config: { policy: policies.administrators, acceptsUploads: true } },
    async (request, reply) => {
      const actor = requireImportActor(request);
      const { files, fields } = readMultipart(request);
      const parsed = parseForm(importFields, fields);
      if (!parsed.ok) {
        return render(request, reply, {
          values: { format: 'auto', dryRun: fields.dryRun === 'on' },
          errors: parsed.errors,
          status: 400,
        });
      }
      const values = parsed.data;
      const [file] = files;
      if (!file) {
        return render(request, reply, {
          values,
          errors: { file: da.imports.fileMissing },
          status: 400,
        });
      }
      try {
        const run = await importUpload(importDeps(app, actor), file, values);
        if (!run.dryRun) app.liveEvents.publish(publicationsTopic);
        return render(request, reply, { values, errors: {}, run });
      } catch (error) {
        if (!(error instanceof AppError) || !refusedCodes.has(error.code)) throw error;
        const errors: FieldErrors = { file: publicMessage(error) };
        for (const [index, detail] of error.details.entries()) {
          errors[`detail-${index}`] = `${detail.field}: ${detail.message}`;
        }
        return render(request, reply, { values, errors, status: error.status });
      }
    },
  );
}
