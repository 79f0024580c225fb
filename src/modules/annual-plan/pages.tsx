import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, parseForm, pathId, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, isValidIsoDate, toLocalDate } from '../../platform/i18n/format';
import { readAs, writeAs } from '../../platform/http/service-call';
import { listMeetings, meetingAbilities } from '../meetings/index';
import { listOrganizations } from '../organizations/index';
import { mayPlanTreatments } from './policy';
import { monthField, treatmentCreateBody, yearField } from './schemas';
import {
  listCasesToCouncil,
  casesToCouncilItem,
  fillCasesToCouncil,
  listTreatments,
  addTreatment,
  deleteTreatment,
} from './treatments';
import {
  getYearPlan,
  createTopic,
  getTopic,
  updateTopic,
  deleteTopic,
  listMeetingTopics,
  addTopicToAgenda,
} from './topics';
import { CasesToCouncilPage } from './views/cases-to-council-page';
import { MeetingTopicsPage } from './views/meeting-topics-page';
import { yearPlanHref } from './views/shared';
import type { TopicFormValues } from './views/topic-fields';
import { TopicFormPage } from './views/topic-form-page';
import { TreatmentsPage, type TreatmentFormValues } from './views/treatments-page';
import { YearPlanPage } from './views/year-plan-page';

type FormBody = Record<string, string | undefined>;

const currentYear = () => Number(toLocalDate(new Date()).slice(0, 4));

const yearPlanQuery = z.object({
  organisation: z.uuid().optional().catch(undefined),
  aar: z.coerce.number().pipe(yearField).optional().catch(undefined),
});

const fromQuery = z.object({
  fra: z.string().refine(isValidIsoDate).optional().catch(undefined),
});

const formText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: da.validation.tooLong(max) })
    .optional()
    .transform((value) => (value ? value : null));

/** The topic form: the same rules as the API, from text fields. */
const topicFormSchema = z.object({
  title: z
    .string({ error: da.validation.required })
    .trim()
    .min(1, { error: da.validation.required })
    .max(300, { error: da.validation.tooLong(300) }),
  month: z.coerce.number({ error: da.annualPlan.monthRange }).pipe(monthField),
  year: z.coerce.number({ error: da.annualPlan.yearRange }).pipe(yearField),
  recursYearly: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
  responsible: formText(300),
  note: formText(2_000),
});

/** The treatment form: empty fields are left out, then the API's rules apply. */
const treatmentFormSchema = z.preprocess(
  (body) =>
    Object.fromEntries(
      Object.entries(body as FormBody).filter(([, value]) => value !== undefined && value !== ''),
    ),
  treatmentCreateBody,
);

const topicValues = (body: FormBody): TopicFormValues => ({
  title: body.title,
  month: body.month,
  year: body.year,
  recursYearly: body.recursYearly === 'on',
  responsible: body.responsible,
  note: body.note,
});

/** Pages for the årshjul, a paper's planned treatments and "Sager på vej til byrådet". */
export async function annualPlanPages(app: FastifyInstance): Promise<void> {
  const renderYearPlan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      organizationId?: string;
      year?: number;
      values?: TopicFormValues;
      errors?: FieldErrors;
      status?: number;
    },
  ) => {
    const actor = requireActor(request);
    if (!can(actor, 'annualPlan.read')) throw new AppError('FORBIDDEN');
    const ctx = readAs(request);
    // Units (enheder) send papers but do not meet, so they have no årshjul.
    const organizations = (await listOrganizations(ctx)).filter(
      (organization) =>
        organization.classification !== 'enhed' &&
        can(actor, 'annualPlan.read', { organizationId: organization.id }),
    );
    const year = options.year ?? currentYear();
    const organizationId = options.organizationId ?? organizations[0]?.id;
    const plan = organizationId ? await getYearPlan({ ...ctx, organizationId, year }) : undefined;
    return sendHtml(
      reply,
      <YearPlanPage
        ctx={pageContext(request, reply)}
        plan={plan}
        year={year}
        organizations={organizations.map((organization) => ({
          value: organization.id,
          label: organization.name,
        }))}
        values={options.values ?? {}}
        errors={options.errors ?? {}}
        abilities={{
          mayManage:
            plan !== undefined &&
            can(actor, 'annualPlan.manage', { organizationId: plan.organization.id }),
        }}
      />,
      options.status,
    );
  };

  app.get('/aarshjul', { config: { policy: policies.members } }, async (request, reply) => {
    const { organisation, aar } = yearPlanQuery.parse(request.query);
    return renderYearPlan(request, reply, { organizationId: organisation, year: aar });
  });

  app.post('/aarshjul/emner', { config: { policy: policies.staff } }, async (request, reply) => {
    const body = request.body as FormBody;
    const organizationId = z.uuid().safeParse(body.organizationId);
    if (!organizationId.success) throw new AppError('NOT_FOUND');
    const displayedYear = Number(body.year) || undefined;
    const parsed = parseForm(topicFormSchema, body);
    const again = (errors: FieldErrors) =>
      renderYearPlan(request, reply, {
        organizationId: organizationId.data,
        year: yearField.safeParse(displayedYear).success ? displayedYear : undefined,
        values: topicValues(body),
        errors,
        status: 400,
      });
    if (!parsed.ok) return again(parsed.errors);
    try {
      const topic = await writeAs(request, (ctx) =>
        createTopic({ ...ctx, organizationId: organizationId.data, input: parsed.data }),
      );
      return redirectAfterPost(
        reply,
        `${yearPlanHref(topic.organizationId, topic.year)}#maaned-${topic.month}`,
      );
    } catch (error) {
      return again(fieldErrorsFrom(error));
    }
  });

  const renderTopicForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: TopicFormValues; errors?: FieldErrors; status?: number },
  ) => {
    const topic = await getTopic({
      ...readAs(request),
      topicId: pathId(request.params),
      action: 'annualPlan.manage',
    });
    const values: TopicFormValues = options.values ?? {
      title: topic.title,
      month: String(topic.month),
      year: String(topic.year),
      recursYearly: topic.recursYearly,
      responsible: topic.responsible ?? '',
      note: topic.note ?? '',
    };
    return sendHtml(
      reply,
      <TopicFormPage
        ctx={pageContext(request, reply)}
        topic={topic}
        values={values}
        errors={options.errors ?? {}}
      />,
      options.status,
    );
  };

  app.get(
    '/aarshjul/emner/:id/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => renderTopicForm(request, reply, {}),
  );

  app.post(
    '/aarshjul/emner/:id/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const body = request.body as FormBody;
      const parsed = parseForm(topicFormSchema, body);
      if (!parsed.ok)
        return renderTopicForm(request, reply, {
          values: topicValues(body),
          errors: parsed.errors,
          status: 400,
        });
      try {
        const topic = await writeAs(request, (ctx) =>
          updateTopic({ ...ctx, topicId: id, input: parsed.data }),
        );
        return redirectAfterPost(
          reply,
          `${yearPlanHref(topic.organizationId, topic.year)}#maaned-${topic.month}`,
        );
      } catch (error) {
        return renderTopicForm(request, reply, {
          values: topicValues(body),
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
    },
  );

  app.post(
    '/aarshjul/emner/:id/slet',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const topic = await writeAs(request, async (ctx) => {
        const before = await getTopic({ ...ctx, topicId: id, action: 'annualPlan.manage' });
        await deleteTopic({ ...ctx, topicId: id });
        return before;
      });
      return redirectAfterPost(
        reply,
        `${yearPlanHref(topic.organizationId, topic.year)}#maaned-${topic.month}`,
      );
    },
  );

  // ---- A meeting's planned topics and the cases on their way to the council ----

  const renderMeetingTopics = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldErrors; status?: number } = {},
  ) => {
    const actor = requireActor(request);
    const ctx = readAs(request);
    const result = await listMeetingTopics({ ...ctx, meetingId: pathId(request.params) });
    const cases = await listCasesToCouncil({ ...ctx, from: result.meetingDate });
    const item = casesToCouncilItem(result.detail);
    return sendHtml(
      reply,
      <MeetingTopicsPage
        ctx={pageContext(request, reply)}
        result={result}
        cases={cases}
        casesItem={item ? { id: item.id, title: item.title } : undefined}
        errors={options.errors ?? {}}
        abilities={meetingAbilities(actor, result.detail.meeting)}
      />,
      options.status,
    );
  };

  app.get(
    '/moeder/:id/planlagte-emner',
    { config: { policy: policies.members } },
    async (request, reply) => renderMeetingTopics(request, reply),
  );

  app.post(
    '/moeder/:id/planlagte-emner/:topicId',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const topicId = pathId(request.params, 'topicId');
      try {
        const { itemId } = await writeAs(request, (ctx) =>
          addTopicToAgenda({ ...ctx, meetingId: id, topicId }),
        );
        return redirectAfterPost(reply, `/moeder/${id}#punkt-${itemId}`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'CONFLICT') {
          return renderMeetingTopics(request, reply, {
            errors: { topicId: error.message },
            status: 409,
          });
        }
        return renderMeetingTopics(request, reply, { errors: fieldErrorsFrom(error), status: 400 });
      }
    },
  );

  app.post(
    '/moeder/:id/sager-paa-vej',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      try {
        const { itemId } = await writeAs(request, (ctx) =>
          fillCasesToCouncil({ ...ctx, meetingId: id }),
        );
        return redirectAfterPost(reply, `/moeder/${id}#punkt-${itemId}`);
      } catch (error) {
        return renderMeetingTopics(request, reply, { errors: fieldErrorsFrom(error), status: 400 });
      }
    },
  );

  app.get('/sager-paa-vej', { config: { policy: policies.members } }, async (request, reply) => {
    const from = fromQuery.parse(request.query).fra ?? toLocalDate(new Date());
    const cases = await listCasesToCouncil({ ...readAs(request), from });
    return sendHtml(
      reply,
      <CasesToCouncilPage ctx={pageContext(request, reply)} from={from} cases={cases} />,
    );
  });

  // ---- A paper's planned treatments ----

  const renderTreatments = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: TreatmentFormValues; errors?: FieldErrors; status?: number } = {},
  ) => {
    const actor = requireActor(request);
    const ctx = readAs(request);
    const result = await listTreatments({ ...ctx, paperId: pathId(request.params) });
    const organizations = (await listOrganizations(ctx)).filter(
      (organization) => organization.classification !== 'enhed',
    );
    const meetings = await listMeetings({ ...ctx, filter: { from: result.paper.paperDate } });
    return sendHtml(
      reply,
      <TreatmentsPage
        meetings={meetings.map((meeting) => ({
          value: meeting.id,
          label: `${formatDateLong(meeting.startsAt)}: ${meeting.title} (${meeting.organizationName})`,
        }))}
        ctx={pageContext(request, reply)}
        result={result}
        mayPlan={mayPlanTreatments(actor, result.paper)}
        organizations={organizations.map((organization) => ({
          value: organization.id,
          label: `${organization.name} (${da.organizationClassifications[organization.classification]})`,
        }))}
        values={options.values ?? {}}
        errors={options.errors ?? {}}
      />,
      options.status,
    );
  };

  app.get('/sager/:id/behandlinger', { config: { policy: 'signedIn' } }, async (request, reply) =>
    renderTreatments(request, reply),
  );

  app.post(
    '/sager/:id/behandlinger',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = pathId(request.params);
      const body = request.body as FormBody;
      const values = {
        organizationId: body.organizationId,
        plannedDate: body.plannedDate,
        meetingId: body.meetingId,
        note: body.note,
      };
      const parsed = parseForm(treatmentFormSchema, values);
      if (!parsed.ok)
        return renderTreatments(request, reply, { values, errors: parsed.errors, status: 400 });
      try {
        await writeAs(request, (ctx) => addTreatment({ ...ctx, paperId: id, input: parsed.data }));
        return redirectAfterPost(reply, `/sager/${id}/behandlinger`);
      } catch (error) {
        return renderTreatments(request, reply, {
          values,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
    },
  );

  app.post(
    '/sager/:id/behandlinger/:treatmentId/slet',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = pathId(request.params);
      const treatmentId = pathId(request.params, 'treatmentId');
      await writeAs(request, async (ctx) => {
        const { paperId } = await deleteTreatment({ ...ctx, treatmentId });
        if (paperId !== id) throw new AppError('NOT_FOUND');
      });
      return redirectAfterPost(reply, `/sager/${id}/behandlinger`);
    },
  );
}
