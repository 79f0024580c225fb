import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, formList, parseForm, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { readAs, writeAs } from '../../platform/http/service-call';
import { listOrganizations, readLocations } from '../organizations/index';
import { meetingSeriesFormSchema } from './forms';
import { createMeetingSeries, previewMeetingSeries, type SeriesPreview } from './meeting-series';
import { listTemplates } from './templates';
import { MeetingSeriesPage, type MeetingSeriesFormValues } from './views/meeting-series-page';

type FormBody = Record<string, string | string[] | undefined>;

function valuesFromBody(body: FormBody): MeetingSeriesFormValues {
  const single = (value: string | string[] | undefined) =>
    Array.isArray(value) ? value[0] : value;
  return {
    organizationId: single(body.organizationId),
    templateId: single(body.templateId),
    title: single(body.title),
    firstDate: single(body.firstDate),
    lastDate: single(body.lastDate),
    everyWeeks: single(body.everyWeeks),
    startTime: single(body.startTime),
    durationMinutes: single(body.durationMinutes),
    location: single(body.location),
    dates: body.handling === 'opret' ? formList.parse(body.dates) : undefined,
  };
}

/** Mødeplan (/moeder/moedeplan): a series of meetings in one step, previewed before it is made. */
export async function meetingSeriesPages(app: FastifyInstance): Promise<void> {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values: MeetingSeriesFormValues;
      errors: FieldErrors;
      preview?: SeriesPreview;
      status?: number;
    },
  ) => {
    const actor = requireActor(request);
    const ctx = readAs(request);
    const [organizations, templates, locations] = await Promise.all([
      listOrganizations(ctx),
      listTemplates(ctx),
      readLocations({ tx: ctx.tx }),
    ]);
    return sendHtml(
      reply,
      <MeetingSeriesPage
        ctx={pageContext(request, reply)}
        values={options.values}
        errors={options.errors}
        preview={options.preview}
        organizations={organizations
          .filter((organization) =>
            can(actor, 'meeting.create', { organizationId: organization.id }),
          )
          .map((organization) => ({ value: organization.id, label: organization.name }))}
        templates={templates}
        locations={locations.map((location) => location.description)}
      />,
      options.status,
    );
  };

  const requireMayCreate = (request: FastifyRequest) => {
    if (!can(requireActor(request), 'meeting.create')) throw new AppError('FORBIDDEN');
  };

  app.get('/moeder/moedeplan', { config: { policy: policies.staff } }, async (request, reply) => {
    requireMayCreate(request);
    return render(request, reply, {
      values: { everyWeeks: '2' },
      errors: {},
    });
  });

  app.post('/moeder/moedeplan', { config: { policy: policies.staff } }, async (request, reply) => {
    requireMayCreate(request);
    const body = (request.body ?? {}) as FormBody;
    const values = valuesFromBody(body);
    if (body.handling === 'skabelon') {
      const template = (await listTemplates(readAs(request))).find(
        (candidate) => candidate.id === values.templateId,
      );
      if (!template)
        return render(request, reply, {
          values,
          errors: { templateId: da.meetings.templateRequired },
          status: 400,
        });
      return render(request, reply, {
        values: {
          ...values,
          organizationId: template.organizationId,
          title: template.name,
          startTime: template.defaultStartTime.slice(0, 5),
          durationMinutes: String(template.defaultDurationMinutes),
          location: template.defaultLocation ?? values.location,
        },
        errors: {},
      });
    }
    const parsed = parseForm(meetingSeriesFormSchema, body);
    if (!parsed.ok) return render(request, reply, { values, errors: parsed.errors, status: 400 });
    const input = parsed.data;
    try {
      if (input.dryRun) {
        const preview = await previewMeetingSeries({ ...readAs(request), input });
        return render(request, reply, { values, errors: {}, preview });
      }
      await writeAs(request, (ctx) => createMeetingSeries({ ...ctx, input }));
    } catch (error) {
      const errors = fieldErrorsFrom(error);
      // A rejected choice of dates keeps the preview, so the dates can be ticked again.
      const preview =
        errors.dates === undefined
          ? undefined
          : await previewMeetingSeries({
              ...readAs(request),
              input: { ...input, dates: undefined },
            });
      return render(request, reply, { values, errors, preview, status: 400 });
    }
    return redirectAfterPost(reply, `/moeder?organisation=${input.organizationId}`);
  });
}
