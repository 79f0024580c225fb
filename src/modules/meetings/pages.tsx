import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can, type Actor } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, parseForm, type FieldErrors, formList } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { toLocalDate, toLocalTime } from '../../platform/i18n/format';
import { readAs, writeAs } from '../../platform/http/service-call';
import {
  listOrganizations,
  listPersons,
  readLocations,
  readMeetingRules,
  readMembershipsOfOrganization,
} from '../organizations/index';
import {
  endTimeAfter,
  itemFormSchema,
  meetingEditFormSchema,
  meetingFieldMap,
  meetingFormSchema,
  moveFormSchema,
} from './forms';
import { idParams, itemParams } from './schemas';
import { meetingAbilities } from './policy';
import { meetingDeadlines } from './deadlines';
import { addAgendaItem, updateAgendaItem, deleteAgendaItem, moveAgendaItem } from './agenda-items';
import { createMeeting, updateMeeting, deleteMeeting } from './meeting-edits';
import type { AgendaItemView } from './meeting-detail';
import { listMeetings, getMeetingDetail } from './meeting-detail';
import { listTemplates, type TemplateWithItems } from './templates';
import { ItemFormPage, type ItemFormValues } from './views/item-form-page';
import { MeetingFormPage, type MeetingFormValues } from './views/meeting-form-page';
import { MeetingListPage } from './views/meeting-list-page';
import { MeetingPage } from './views/meeting-page';
import { PrintableAgendaPage } from './views/printable-agenda-page';
import type { readPackageStates } from '../packages/index';
import { itemPages } from './item-pages';
import { meetingSeriesPages } from './series-pages';

type FormBody = Record<string, string | undefined>;

const listQuery = z.object({ organisation: z.uuid().optional().catch(undefined) });

const newMeetingQuery = z.object({ skabelon: z.uuid().optional().catch(undefined) });

/**
 * The new-meeting form filled from a template: its name as title, its start time and length,
 * its usual place and its organization. The date, case number and contact stay as typed.
 */
function filledFromTemplate(
  values: MeetingFormValues,
  template: TemplateWithItems,
): MeetingFormValues {
  const startTime = template.defaultStartTime.slice(0, 5);
  return {
    ...values,
    organizationId: template.organizationId,
    templateId: template.id,
    title: template.name,
    startTime,
    endTime: endTimeAfter(startTime, template.defaultDurationMinutes),
    location: template.defaultLocation ?? values.location,
  };
}

/** What the release form lacked, when minutes/pages.tsx sends the secretariat back to fix it. */
const releaseErrorQuery = z.object({
  fejl: z.enum(['changeNote', 'lateReason']).optional().catch(undefined),
});

/**
 * What the meeting pages read from a module built on meetings, passed in by app.ts so that
 * meetings does not import it (packages imports meetings).
 */
export type MeetingPagesOptions = {
  /** The package state the meeting page shows (packages' readPackageStates). */
  readPackageStates: typeof readPackageStates;
};

/** Server-rendered pages for meetings and agendas (Danish URLs). */
export async function meetingPages(
  app: FastifyInstance,
  options: MeetingPagesOptions,
): Promise<void> {
  const db = () => app.database.db;

  app.get('/moeder', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const actor = requireActor(request);
    const { organisation } = listQuery.parse(request.query);
    const [meetings, organizations] = await Promise.all([
      listMeetings({ ...readAs(request), filter: { organizationId: organisation } }),
      listOrganizations(readAs(request)),
    ]);
    return sendHtml(
      reply,
      <MeetingListPage
        ctx={pageContext(request, reply)}
        meetings={meetings}
        organizations={organizations.map((organization) => ({
          value: organization.id,
          label: organization.name,
        }))}
        selectedOrganizationId={organisation}
        abilities={{ mayCreate: can(actor, 'meeting.create') }}
      />,
    );
  });

  const renderMeetingForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values: MeetingFormValues;
      errors: FieldErrors;
      status?: number;
      /** Fill the form from this template (one the actor may see), when it is one. */
      templateId?: string;
    },
  ) => {
    const actor = requireActor(request);
    const ctx = readAs(request);
    const [organizations, templates, persons, locations] = await Promise.all([
      listOrganizations(ctx),
      listTemplates(ctx),
      listPersons(ctx),
      readLocations({ tx: ctx.tx }),
    ]);
    const template = templates.find((candidate) => candidate.id === options.templateId);
    const errors =
      options.templateId !== undefined && !template
        ? { ...options.errors, templateId: da.meetings.templateRequired }
        : options.errors;
    return sendHtml(
      reply,
      <MeetingFormPage
        ctx={pageContext(request, reply)}
        mode="create"
        action="/moeder/ny"
        cancelHref="/moeder"
        values={template ? filledFromTemplate(options.values, template) : options.values}
        errors={errors}
        organizations={organizations
          .filter((organization) =>
            can(actor, 'meeting.create', { organizationId: organization.id }),
          )
          .map((organization) => ({ value: organization.id, label: organization.name }))}
        templates={templates}
        persons={persons.map((person) => ({ value: person.id, label: person.name }))}
        locations={locations.map((location) => location.description)}
      />,
      options.status,
    );
  };

  app.get('/moeder/ny', { config: { policy: policies.staff } }, async (request, reply) => {
    requireCan(requireActor(request), 'meeting.create');
    const { skabelon } = newMeetingQuery.parse(request.query ?? {});
    return renderMeetingForm(request, reply, { values: {}, errors: {}, templateId: skabelon });
  });

  app.post('/moeder/ny', { config: { policy: policies.staff } }, async (request, reply) => {
    const actor = requireActor(request);
    requireCan(actor, 'meeting.create');
    const body = request.body as FormBody;
    // "Brug skabelon": the same form back, filled from the chosen template; nothing is created.
    if (body.handling === 'skabelon')
      return renderMeetingForm(request, reply, {
        values: body,
        errors: {},
        templateId: body.templateId ?? '',
        status: body.templateId ? 200 : 400,
      });
    const parsed = parseForm(meetingFormSchema, body);
    if (!parsed.ok)
      return renderMeetingForm(request, reply, {
        values: body,
        errors: parsed.errors,
        status: 400,
      });
    try {
      const meeting = await writeAs(request, (ctx) =>
        createMeeting({ ...ctx, input: parsed.data }),
      );
      return redirectAfterPost(reply, `/moeder/${meeting.id}`);
    } catch (error) {
      return renderMeetingForm(request, reply, {
        values: body,
        errors: fieldErrorsFrom(error, meetingFieldMap),
        status: 400,
      });
    }
  });

  await meetingSeriesPages(app);

  app.get('/moeder/:id', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = parseParams(idParams, request.params);
    const detail = await getMeetingDetail({ ...readAs(request), meetingId: id });
    const abilities = meetingAbilities(actor, detail.meeting);
    // The secretariat sees the § 8 deadlines ahead of the release.
    const deadlines = abilities.mayConduct
      ? meetingDeadlines(
          detail.meeting.startsAt,
          await readMeetingRules({ tx: db() }, detail.meeting.organizationId),
        )
      : undefined;
    const releaseError = releaseErrorQuery.parse(request.query ?? {}).fejl;
    const packageStates = await options.readPackageStates({ ...readAs(request), meetingIds: [id] });
    return sendHtml(
      reply,
      <MeetingPage
        ctx={pageContext(request, reply)}
        detail={detail}
        abilities={abilities}
        deadlines={deadlines}
        releaseError={releaseError}
        packageState={packageStates.get(id) ?? { kind: 'none' }}
      />,
    );
  });

  app.get('/moeder/:id/udskrift', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const { id } = parseParams(idParams, request.params);
    const detail = await getMeetingDetail({ ...readAs(request), meetingId: id });
    return sendHtml(
      reply,
      <PrintableAgendaPage ctx={pageContext(request, reply)} detail={detail} />,
    );
  });

  const renderMeetingEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    options: { values?: MeetingFormValues; errors: FieldErrors; status?: number },
  ) => {
    const actor = requireActor(request);
    const ctx = readAs(request);
    const detail = await getMeetingDetail({ ...ctx, meetingId });
    requireCan(actor, 'meeting.update', detail.meeting.organizationId);
    const { meeting } = detail;
    const [persons, locations] = await Promise.all([
      listPersons(ctx),
      readLocations({ tx: ctx.tx }),
    ]);
    const values: MeetingFormValues = options.values ?? {
      title: meeting.title,
      date: toLocalDate(meeting.startsAt),
      startTime: toLocalTime(meeting.startsAt),
      endTime: toLocalTime(meeting.endsAt),
      location: meeting.locationDescription ?? '',
      caseNumber: meeting.caseNumber ?? '',
      secretariatContactId: meeting.secretariatContactId ?? '',
    };
    return sendHtml(
      reply,
      <MeetingFormPage
        ctx={pageContext(request, reply)}
        mode="edit"
        action={`/moeder/${meeting.id}/rediger`}
        cancelHref={`/moeder/${meeting.id}`}
        deleteAction={
          can(actor, 'meeting.delete', meeting) ? `/moeder/${meeting.id}/slet` : undefined
        }
        values={values}
        errors={options.errors}
        organizations={[]}
        templates={[]}
        persons={persons.map((person) => ({ value: person.id, label: person.name }))}
        locations={locations.map((location) => location.description)}
      />,
      options.status,
    );
  };

  app.get('/moeder/:id/rediger', { config: { policy: policies.staff } }, async (request, reply) => {
    const { id } = parseParams(idParams, request.params);
    return renderMeetingEdit(request, reply, id, { errors: {} });
  });

  app.post(
    '/moeder/:id/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id } = parseParams(idParams, request.params);
      const body = request.body as FormBody;
      const parsed = parseForm(meetingEditFormSchema, body);
      if (!parsed.ok)
        return renderMeetingEdit(request, reply, id, {
          values: body,
          errors: parsed.errors,
          status: 400,
        });
      try {
        await writeAs(request, (ctx) =>
          updateMeeting({ ...ctx, meetingId: id, input: parsed.data }),
        );
        return redirectAfterPost(reply, `/moeder/${id}`);
      } catch (error) {
        return renderMeetingEdit(request, reply, id, {
          values: body,
          errors: fieldErrorsFrom(error, meetingFieldMap),
          status: 400,
        });
      }
    },
  );

  app.post('/moeder/:id/slet', { config: { policy: policies.staff } }, async (request, reply) => {
    const { id } = parseParams(idParams, request.params);
    await writeAs(request, (ctx) => deleteMeeting({ ...ctx, meetingId: id }));
    return redirectAfterPost(reply, '/moeder');
  });

  const renderItemForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      meetingId: string;
      itemId?: string;
      values?: ItemFormValues;
      errors: FieldErrors;
      status?: number;
    },
  ) => {
    const actor = requireActor(request);
    const detail = await getMeetingDetail({
      ...readAs(request),
      meetingId: options.meetingId,
    });
    requireCan(actor, 'agendaItem.write', detail.meeting.organizationId);
    const base = `/moeder/${options.meetingId}`;
    const existing = options.itemId
      ? detail.plan.items.find((item) => item.id === options.itemId)
      : undefined;
    if (options.itemId && !existing) throw new AppError('NOT_FOUND');
    const rules = await readMeetingRules({ tx: db() }, detail.meeting.organizationId);
    // A reason dropped from the list since stays selectable on the item that has it.
    const closureReasons =
      existing?.closedReasonCode &&
      !rules.closureReasons.some((reason) => reason.code === existing.closedReasonCode)
        ? [
            ...rules.closureReasons,
            {
              code: existing.closedReasonCode,
              label: existing.closedReasonLabel ?? existing.closedReasonCode,
            },
          ]
        : rules.closureReasons;
    const values: ItemFormValues =
      options.values ?? (existing ? itemFormValues(existing) : { isPublic: true });
    return sendHtml(
      reply,
      <ItemFormPage
        ctx={pageContext(request, reply)}
        mode={existing ? 'edit' : 'create'}
        meetingTitle={detail.meeting.title}
        action={existing ? `${base}/punkter/${existing.id}/rediger` : `${base}/punkter/ny`}
        cancelHref={base}
        values={values}
        errors={options.errors}
        closureReasons={closureReasons}
        parents={detail.plan.items
          .filter((item) => item.depth === 0)
          .map((item) => ({ value: item.id, label: `${item.label} ${item.title}` }))}
        members={(await readMembershipsOfOrganization({ tx: db() }, detail.meeting.organizationId))
          .map((membership) => ({
            value: membership.personId,
            label: `${membership.personName} (${da.membershipRoles[membership.role]})`,
          }))
          .sort((a, b) => a.label.localeCompare(b.label, 'da'))}
      />,
      options.status,
    );
  };

  app.get(
    '/moeder/:id/punkter/ny',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id } = parseParams(idParams, request.params);
      return renderItemForm(request, reply, { meetingId: id, errors: {} });
    },
  );

  app.post(
    '/moeder/:id/punkter/ny',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id } = parseParams(idParams, request.params);
      const body = request.body as FormBody;
      const values = formValuesFromBody(body);
      const parsed = parseForm(itemFormSchema, body);
      if (!parsed.ok)
        return renderItemForm(request, reply, {
          meetingId: id,
          values,
          errors: parsed.errors,
          status: 400,
        });
      try {
        const item = await writeAs(request, (ctx) =>
          addAgendaItem({ ...ctx, meetingId: id, input: parsed.data }),
        );
        return redirectAfterPost(reply, `/moeder/${id}#punkt-${item.id}`);
      } catch (error) {
        return renderItemForm(request, reply, {
          meetingId: id,
          values,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
    },
  );

  app.get(
    '/moeder/:id/punkter/:itemId/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, itemId } = parseParams(itemParams, request.params);
      return renderItemForm(request, reply, { meetingId: id, itemId, errors: {} });
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, itemId } = parseParams(itemParams, request.params);
      const body = request.body as FormBody;
      const values = formValuesFromBody(body);
      const parsed = parseForm(itemFormSchema, body);
      if (!parsed.ok) {
        return renderItemForm(request, reply, {
          meetingId: id,
          itemId,
          values,
          errors: parsed.errors,
          status: 400,
        });
      }
      const { parentId: _ignoredOnEdit, ...changes } = parsed.data;
      const disqualifiedPersonIds = formList.parse(body.disqualifiedPersonIds);
      try {
        await writeAs(request, (ctx) =>
          updateAgendaItem({
            ...ctx,
            meetingId: id,
            itemId,
            input: {
              ...changes,
              disqualifiedPersonIds,
            },
          }),
        );
        return redirectAfterPost(reply, `/moeder/${id}#punkt-${itemId}`);
      } catch (error) {
        return renderItemForm(request, reply, {
          meetingId: id,
          itemId,
          values,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/slet',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, itemId } = parseParams(itemParams, request.params);
      await writeAs(request, (ctx) => deleteAgendaItem({ ...ctx, meetingId: id, itemId }));
      return redirectAfterPost(reply, `/moeder/${id}`);
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/flyt',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, itemId } = parseParams(itemParams, request.params);
      const parsed = parseForm(moveFormSchema, request.body);
      if (!parsed.ok) {
        throw new AppError('VALIDATION_FAILED', {
          details: Object.entries(parsed.errors).map(([field, message]) => ({ field, message })),
        });
      }
      await writeAs(request, (ctx) =>
        moveAgendaItem({ ...ctx, meetingId: id, itemId, position: parsed.data.position }),
      );
      return redirectAfterPost(reply, `/moeder/${id}#punkt-${itemId}`);
    },
  );

  await itemPages(app);
}

/** Unknown or malformed ids in a URL are simply pages that do not exist. */
function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new AppError('NOT_FOUND');
  return result.data;
}

function requireCan(
  actor: Actor,
  action: 'meeting.create' | 'meeting.update' | 'agendaItem.write',
  organizationId?: string,
) {
  if (!can(actor, action, organizationId ? { organizationId } : undefined))
    throw new AppError('FORBIDDEN');
}

function formValuesFromBody(body: FormBody): ItemFormValues {
  return {
    ...body,
    isPublic: body.isPublic === 'on',
    disqualifiedPersonIds: formList.parse(body.disqualifiedPersonIds),
  };
}

function itemFormValues(item: AgendaItemView): ItemFormValues {
  return {
    title: item.title,
    durationMinutes: String(item.durationMinutes),
    purpose: item.purpose ?? '',
    method: item.method ?? '',
    responsible: item.responsible.join('\n'),
    // Bilag with a file are changed on the item's page; the form lists those by title only.
    attachments: item.attachments
      .filter((attachment) => !attachment.fromPaper && attachment.fileName === null)
      .map((attachment) => attachment.title)
      .join('\n'),
    isPublic: item.isPublic,
    publicTitle: item.publicTitle ?? '',
    publishClosedDecision:
      item.publishClosedDecision === null ? '' : item.publishClosedDecision ? 'ja' : 'nej',
    note: item.note ?? '',
    parentId: item.parentId ?? '',
    disqualifiedPersonIds: item.disqualifiedPersonIds,
    closedReasonCode: item.closedReasonCode ?? '',
    closedReasonText: item.closedReasonText ?? '',
  };
}
