import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, parseForm, pathId, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { listOrganizations } from '../organizations/index';
import { templateFormSchema, type TemplateFormRow } from './forms';
import { templateCreateBody, templateUpdateBody } from './schemas';
import { TemplateFormPage, type TemplateFormValues } from './views/template-form-page';
import { TemplateListPage } from './views/template-list-page';
import { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates';

type FormBody = Record<string, string | string[] | undefined>;

/** What the form showed, so a rejected form comes back as the user typed it. */
function valuesFromBody(body: FormBody): TemplateFormValues {
  const list = (value: string | string[] | undefined) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  const single = (value: string | string[] | undefined) =>
    Array.isArray(value) ? value[0] : value;
  const titles = list(body.itemTitle);
  const durations = list(body.itemDuration);
  const methods = list(body.itemMethod);
  const placements = list(body.itemPlacement);
  const rows: TemplateFormRow[] = titles
    .map((title, index) => ({
      title,
      durationMinutes: durations[index] ?? '',
      method: methods[index] ?? '',
      placement: placements[index] ?? '',
    }))
    .filter((row) =>
      [row.title, row.durationMinutes, row.method].some((value) => value.trim() !== ''),
    );
  return {
    organizationId: single(body.organizationId),
    name: single(body.name),
    defaultStartTime: single(body.defaultStartTime),
    defaultDurationMinutes: single(body.defaultDurationMinutes),
    defaultLocation: single(body.defaultLocation),
    rows,
  };
}

/** The form's rows become the same body the API validates, with the same messages. */
function parseCreateForm(body: FormBody) {
  const rows = parseForm(templateFormSchema, body);
  return rows.ok ? parseForm(templateCreateBody, rows.data) : rows;
}

function parseUpdateForm(body: FormBody) {
  const rows = parseForm(templateFormSchema, body);
  return rows.ok ? parseForm(templateUpdateBody, rows.data) : rows;
}

/** Administrators keep the meeting templates (standing items and default durations). */
export async function templatePages(app: FastifyInstance): Promise<void> {
  app.get('/skabeloner', { config: { policy: policies.staff } }, async (request, reply) => {
    const actor = requireActor(request);
    const templates = await listTemplates(readAs(request));
    return sendHtml(
      reply,
      <TemplateListPage
        ctx={pageContext(request, reply)}
        templates={templates}
        abilities={{ mayManage: can(actor, 'template.manage') }}
      />,
    );
  });

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      mode: 'create' | 'edit';
      action: string;
      values: TemplateFormValues;
      errors: FieldErrors;
      status?: number;
    },
  ) => {
    const actor = requireActor(request);
    if (!can(actor, 'template.manage')) throw new AppError('FORBIDDEN');
    const organizations = await listOrganizations(readAs(request));
    return sendHtml(
      reply,
      <TemplateFormPage
        ctx={pageContext(request, reply)}
        mode={options.mode}
        action={options.action}
        values={options.values}
        errors={options.errors}
        organizations={organizations.map((organization) => ({
          value: organization.id,
          label: organization.name,
        }))}
      />,
      options.status,
    );
  };

  app.get(
    '/skabeloner/ny',
    { config: { policy: policies.administrators } },
    async (request, reply) =>
      render(request, reply, {
        mode: 'create',
        action: '/skabeloner/ny',
        values: { defaultStartTime: '09:00', defaultDurationMinutes: '60', rows: [] },
        errors: {},
      }),
  );

  app.post(
    '/skabeloner/ny',
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      const options = {
        mode: 'create' as const,
        action: '/skabeloner/ny',
        values: valuesFromBody(body),
      };
      const parsed = parseCreateForm(body);
      if (!parsed.ok)
        return render(request, reply, { ...options, errors: parsed.errors, status: 400 });
      try {
        await writeAs(request, (ctx) => createTemplate({ ...ctx, input: parsed.data }));
      } catch (error) {
        return render(request, reply, { ...options, errors: fieldErrorsFrom(error), status: 400 });
      }
      return redirectAfterPost(reply, '/skabeloner');
    },
  );

  app.get(
    '/skabeloner/:id/rediger',
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      const template = await getTemplate({
        ...readAs(request),
        templateId: pathId(request.params),
      });
      return render(request, reply, {
        mode: 'edit',
        action: `/skabeloner/${template.id}/rediger`,
        values: {
          name: template.name,
          defaultStartTime: template.defaultStartTime.slice(0, 5),
          defaultDurationMinutes: String(template.defaultDurationMinutes),
          defaultLocation: template.defaultLocation ?? '',
          rows: template.items.map((item) => ({
            title: item.title,
            durationMinutes: String(item.durationMinutes),
            method: item.method ?? '',
            placement: item.placement,
          })),
        },
        errors: {},
      });
    },
  );

  app.post(
    '/skabeloner/:id/rediger',
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      const templateId = pathId(request.params);
      const body = (request.body ?? {}) as FormBody;
      const options = {
        mode: 'edit' as const,
        action: `/skabeloner/${templateId}/rediger`,
        values: valuesFromBody(body),
      };
      const parsed = parseUpdateForm(body);
      if (!parsed.ok)
        return render(request, reply, { ...options, errors: parsed.errors, status: 400 });
      try {
        await writeAs(request, (ctx) => updateTemplate({ ...ctx, templateId, input: parsed.data }));
      } catch (error) {
        return render(request, reply, { ...options, errors: fieldErrorsFrom(error), status: 400 });
      }
      return redirectAfterPost(reply, '/skabeloner');
    },
  );
}
