import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { z } from 'zod';
import {
  formValue,
  parseForm,
  pathId,
  TextField,
  type FieldErrors,
} from '../../platform/http/form';
import { DataTable } from '../../platform/http/components/data-table';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import {
  ErrorSummary,
  HiddenCsrf,
  Layout,
  pageContext,
  type PageContext,
} from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import { readAs, writeAs } from '../../platform/http/service-call';
import type { RetentionPeriods } from './repository';
import { retentionFields, retentionSettingsForm, type RetentionField } from './schemas';
import type { PersonalData } from './schemas';
import * as service from './service';

const t = da.privacy;
const basePath = '/admin/persondata';

type FormValues = Record<RetentionField, string>;

const pageQuery = z.object({
  q: formValue.transform((value) => value.trim().slice(0, 200)),
  gemt: formValue,
});

const formValues = (periods: RetentionPeriods): FormValues => ({
  draftPaperMonths: periods.draftPaperMonths?.toString() ?? '',
  departedPersonMonths: periods.departedPersonMonths?.toString() ?? '',
  sessionAndMailDays: periods.sessionAndMailDays?.toString() ?? '',
  auditEventYears: periods.auditEventYears?.toString() ?? '',
});

function PrivacyPage(props: {
  ctx: PageContext;
  values: FormValues;
  errors: FieldErrors;
  saved: boolean;
  lastRunAt: Date | null;
  persons: Array<{ id: string; name: string; email: string | null }>;
  query: string;
}) {
  const { values, errors } = props;
  return (
    <Layout ctx={props.ctx} title={t.title}>
      <h1>{t.title}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      {props.saved ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.saved}</p>
          </div>
        </div>
      ) : null}
      <section aria-labelledby="retention-heading">
        <h2 id="retention-heading">{t.retentionTitle}</h2>
        <p>{t.retentionIntro}</p>
        <p>
          {props.lastRunAt
            ? t.lastRun(`${formatDateLong(props.lastRunAt)} kl. ${formatTime(props.lastRunAt)}`)
            : t.neverRun}
        </p>
        <form method="post" action={basePath}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          {retentionFields.map((field) => (
            <TextField
              key={field}
              name={field}
              label={t[field]}
              hint={t[`${field}Hint`]}
              value={values[field]}
              errors={errors}
              inputMode="numeric"
              width="xs"
            />
          ))}
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
        </form>
      </section>
      <section aria-labelledby="persons-heading">
        <h2 id="persons-heading">{t.personsTitle}</h2>
        <p>{t.personsIntro}</p>
        <form method="get" action={basePath} role="search">
          <TextField name="q" label={t.searchLabel} value={props.query} errors={{}} />
          <button type="submit" class="button button-secondary">
            {t.search}
          </button>
        </form>
        {props.persons.length === 0 ? <p>{t.noPersons}</p> : null}
        {props.persons.length === service.personListLimit ? (
          <p>{t.showingFirst(service.personListLimit)}</p>
        ) : null}
        <DataTable
          caption={t.personsTitle}
          isCompact
          rows={props.persons}
          rowKey={(person) => person.id}
          columns={[
            {
              header: t.personColumn,
              isRowHeader: true,
              cell: (person) => <a href={`${basePath}/personer/${person.id}`}>{person.name}</a>,
            },
            { header: t.emailColumn, class: 'break-word', cell: (person) => person.email ?? '' },
          ]}
        />
      </section>
    </Layout>
  );
}

const sectionKeys = [
  'memberships',
  'userAccounts',
  'attendance',
  'minutesSignOffs',
  'followUps',
  'disqualifications',
  'papersAsCaseOfficer',
  'auditEvents',
] as const;

function PersonPage(props: { ctx: PageContext; data: PersonalData }) {
  const { person } = props.data;
  const title = t.exportTitle(person.name);
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href={basePath}>{t.back}</a>
      </p>
      <h1>{title}</h1>
      <p>{t.description.person}</p>
      <dl>
        <dt>{t.emailColumn}</dt>
        <dd>{person.email ?? '–'}</dd>
      </dl>
      <p>
        <a
          class="button button-primary"
          href={`${basePath}/personer/${person.id}/persondata.json`}
          download
        >
          {t.download}
        </a>
      </p>
      <h2>{t.counts}</h2>
      <table class="table table--compact">
        <caption class="sr-only">{t.counts}</caption>
        <tbody>
          {sectionKeys.map((key) => (
            <tr key={key}>
              <th scope="row">{t.sections[key]}</th>
              <td>{props.data[key].length}</td>
              <td>{t.description[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** /admin/persondata: retention settings and the export of one person (administrators). */
export async function privacyPages(app: FastifyInstance): Promise<void> {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: FormValues; errors?: FieldErrors; saved?: boolean; status?: number } = {},
  ) => {
    const settings = await service.getRetentionSettings(readAs(request));
    const query = pageQuery.parse(request.query ?? {});
    const persons = await service.listPersonsForExport({
      ...readAs(request),
      query: query.q || undefined,
    });
    return sendHtml(
      reply,
      <PrivacyPage
        ctx={pageContext(request, reply)}
        values={options.values ?? formValues(settings)}
        errors={options.errors ?? {}}
        saved={options.saved ?? false}
        lastRunAt={settings.lastRunAt}
        persons={persons}
        query={query.q}
      />,
      options.status,
    );
  };

  app.get(basePath, { config: { policy: policies.administrators } }, async (request, reply) =>
    render(request, reply, { saved: pageQuery.parse(request.query ?? {}).gemt === '1' }),
  );

  app.post(basePath, { config: { policy: policies.administrators } }, async (request, reply) => {
    // Not found for others before anything is parsed, like the API.
    await service.getRetentionSettings(readAs(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(retentionSettingsForm, body);
    if (!parsed.ok) {
      const values = Object.fromEntries(
        retentionFields.map((field) => [field, typeof body[field] === 'string' ? body[field] : '']),
      ) as FormValues;
      return render(request, reply, { values, errors: parsed.errors, status: 400 });
    }
    await writeAs(request, (ctx) => service.saveRetentionSettings({ ...ctx, input: parsed.data }));
    return redirectAfterPost(reply, `${basePath}?gemt=1`);
  });

  app.get(
    `${basePath}/personer/:id`,
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      const personId = pathId(request.params);
      const data = await writeAs(request, (ctx) =>
        service.exportPersonalData({ ...ctx, personId }),
      );
      return sendHtml(reply, <PersonPage ctx={pageContext(request, reply)} data={data} />);
    },
  );

  app.get(
    `${basePath}/personer/:id/persondata.json`,
    { config: { policy: policies.administrators } },
    async (request, reply) => {
      const personId = pathId(request.params);
      const data = await writeAs(request, (ctx) =>
        service.exportPersonalData({ ...ctx, personId }),
      );
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          contentDisposition(`persondata-${personId}.json`, { type: 'attachment' }),
        )
        .send(JSON.stringify(data, null, 2));
    },
  );
}
