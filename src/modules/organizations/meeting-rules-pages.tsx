import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import {
  Checkbox,
  fieldErrorsFrom,
  formList,
  formValue,
  pathId,
  TextField,
  type FieldErrors,
} from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { HiddenCsrf, Layout, pageContext, type PageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { da } from '../../platform/i18n/da';
import {
  getMeetingRulesToConfigure,
  listConfigurableOrganizations,
  updateMeetingRules,
  type ClosureReason,
} from './meeting-rules';

const t = da.law.settings;
const spareRows = 3;
const base = '/admin/moederegler';

type FormValues = {
  agendaDeadlineWeekdays: string;
  materialDeadlineWeekdays: string;
  closureReasons: ClosureReason[];
  restoreDefaults: boolean;
};

function RulesListPage(props: { ctx: PageContext; organizations: { id: string; name: string }[] }) {
  return (
    <Layout ctx={props.ctx} title={t.link}>
      <h1>{t.link}</h1>
      <p>{t.lead}</p>
      <ul>
        {props.organizations.map((organization) => (
          <li key={organization.id}>
            <a href={`${base}/${organization.id}`}>{organization.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function RulesPage(props: {
  ctx: PageContext;
  organization: { id: string; name: string };
  values: FormValues;
  errors: FieldErrors;
  saved: boolean;
}) {
  const { ctx, organization, values, errors } = props;
  const rows = [
    ...values.closureReasons,
    ...Array.from({ length: spareRows }, () => ({ code: '', label: '' })),
  ];
  const title = t.title(organization.name);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{`← ${t.link}`}</a>
      </p>
      <h1>{title}</h1>
      <p>{t.lead}</p>
      <p>
        <a href={`/admin/godkendelsestrin/${organization.id}`}>{da.approvals.settingsLink}</a>
      </p>
      {props.saved ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.saved}</p>
          </div>
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{errors.form ?? da.errors.VALIDATION_FAILED}</p>
          </div>
        </div>
      ) : null}
      <form method="post" action={`${base}/${organization.id}`} novalidate>
        <HiddenCsrf token={ctx.csrfToken} />
        <h2>{t.deadlinesHeading}</h2>
        <p class="form-hint">{t.deadlineHint}</p>
        <TextField
          name="agendaDeadlineWeekdays"
          label={t.agendaDeadline}
          type="number"
          inputMode="numeric"
          width="xs"
          value={values.agendaDeadlineWeekdays}
          errors={errors}
        />
        <TextField
          name="materialDeadlineWeekdays"
          label={t.materialDeadline}
          type="number"
          inputMode="numeric"
          width="xs"
          value={values.materialDeadlineWeekdays}
          errors={errors}
        />
        <h2>{t.reasonsHeading}</h2>
        <p>{t.reasonsLead}</p>
        {errors.closureReasons ? <p class="form-error-message">{errors.closureReasons}</p> : null}
        {rows.map((reason, index) => (
          <fieldset key={index} class="closure-reason-row">
            <legend class="sr-only">{t.reasonRow(index + 1)}</legend>
            <TextField
              name="code"
              id={`code-${index}`}
              errorKey={`closureReasons.${index}.code`}
              label={`${t.code} (${t.reasonRow(index + 1).toLowerCase()})`}
              width="s"
              value={reason.code}
              errors={errors}
            />
            <TextField
              name="label"
              id={`label-${index}`}
              errorKey={`closureReasons.${index}.label`}
              label={`${t.label} (${t.reasonRow(index + 1).toLowerCase()})`}
              value={reason.label}
              errors={errors}
            />
          </fieldset>
        ))}
        <Checkbox
          name="restoreDefaults"
          label={t.restoreDefaults}
          checked={values.restoreDefaults}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          {t.save}
        </button>
      </form>
    </Layout>
  );
}

const rulesForm = z.object({
  agendaDeadlineWeekdays: formValue,
  materialDeadlineWeekdays: formValue,
  code: formList,
  label: formList,
  restoreDefaults: formValue,
});

/** A whole number of weekdays, or NaN so that the service names the field. */
const toWeekdays = (value: string) => (/^\d{1,3}$/.test(value.trim()) ? Number(value) : NaN);

/** The secretariat's page for an organization's § 8 deadlines and § 10 closure reasons. */
export async function meetingRulesPages(app: FastifyInstance): Promise<void> {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: FormValues; errors?: FieldErrors; status?: number } = {},
  ) => {
    const { organization, rules } = await getMeetingRulesToConfigure({
      ...readAs(request),
      organizationId: pathId(request.params),
    });
    const values = options.values ?? {
      agendaDeadlineWeekdays: String(rules.agendaDeadlineWeekdays),
      materialDeadlineWeekdays: String(rules.materialDeadlineWeekdays),
      closureReasons: rules.closureReasons,
      restoreDefaults: false,
    };
    const saved = (request.query as { gemt?: string } | undefined)?.gemt === '1';
    return sendHtml(
      reply,
      <RulesPage
        ctx={pageContext(request, reply)}
        organization={organization}
        values={values}
        errors={options.errors ?? {}}
        saved={saved && !options.errors}
      />,
      options.status,
    );
  };

  app.get(base, { config: { policy: policies.staff } }, async (request, reply) => {
    const organizations = await listConfigurableOrganizations(readAs(request));
    return sendHtml(
      reply,
      <RulesListPage ctx={pageContext(request, reply)} organizations={organizations} />,
    );
  });

  app.get(`${base}/:id`, { config: { policy: policies.staff } }, (request, reply) =>
    render(request, reply),
  );

  app.post(`${base}/:id`, { config: { policy: policies.staff } }, async (request, reply) => {
    const organizationId = pathId(request.params);
    const form = rulesForm.parse(request.body ?? {});
    const restoreDefaults = form.restoreDefaults === 'on';
    // Rows left empty (the spare ones) are no reasons.
    const closureReasons = form.code
      .map((code, index) => ({ code: code.trim(), label: (form.label[index] ?? '').trim() }))
      .filter((reason) => reason.code !== '' || reason.label !== '');
    try {
      await writeAs(request, (ctx) =>
        updateMeetingRules({
          ...ctx,
          organizationId,
          input: {
            agendaDeadlineWeekdays: toWeekdays(form.agendaDeadlineWeekdays),
            materialDeadlineWeekdays: toWeekdays(form.materialDeadlineWeekdays),
            closureReasons: restoreDefaults ? null : closureReasons,
          },
        }),
      );
    } catch (error) {
      return render(request, reply, {
        values: {
          agendaDeadlineWeekdays: form.agendaDeadlineWeekdays,
          materialDeadlineWeekdays: form.materialDeadlineWeekdays,
          closureReasons,
          restoreDefaults,
        },
        errors: fieldErrorsFrom(error),
        status: 400,
      });
    }
    return redirectAfterPost(reply, `${base}/${organizationId}?gemt=1`);
  });
}
