import { can } from '../../platform/auth/policy';
import { Checkbox, Select, TextArea, TextField, type FieldErrors } from '../../platform/http/form';
import type { PageContext } from '../../platform/http/layout';
import { ErrorSummary, HiddenCsrf, Layout } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import type { CaseToCouncilRow, TopicRow, TreatmentView } from './repository';
import { formatIsoDate, type MeetingTopics, type PaperTreatments, type YearPlan } from './service';
import { wheelColors, wheelSegments, wheelSize } from './year-plan';

const a = da.annualPlan;

type Option = { value: string; label: string };

const monthName = (month: number) => a.months[month - 1] ?? String(month);

export type TopicFormValues = {
  title?: string;
  month?: string;
  year?: string;
  recursYearly?: boolean;
  responsible?: string;
  note?: string;
};

export const yearPlanHref = (organizationId: string, year: number) =>
  `/aarshjul?organisation=${organizationId}&aar=${year}`;

/** The drawn wheel: twelve month segments with their topic counts; the list is its text twin. */
export function YearWheel(props: { plan: YearPlan }) {
  const { plan } = props;
  const counts = plan.months.map((month) => month.topics.length);
  const segments = wheelSegments(counts);
  const summary = plan.months
    .map(({ month, topics }) => `${monthName(month)} ${a.topicCount(topics.length)}`)
    .join(', ');
  const center = wheelSize.size / 2;
  return (
    <svg
      class="annual-wheel"
      viewBox={`0 0 ${wheelSize.size} ${wheelSize.size}`}
      width={wheelSize.size}
      height={wheelSize.size}
      role="img"
      aria-labelledby="aarshjul-titel aarshjul-beskrivelse"
    >
      <title id="aarshjul-titel">{a.wheelTitle(plan.organization.name, plan.year)}</title>
      <desc id="aarshjul-beskrivelse">{a.wheelDesc(summary)}</desc>
      <circle cx={center} cy={center} r={wheelSize.outer + 4} fill={wheelColors.background} />
      {segments.map((segment, index) => {
        const topics = plan.months[index]?.topics ?? [];
        return (
          <g key={segment.month} data-month={segment.month} data-count={topics.length}>
            {/* A tooltip for pointer users; the list below carries the same for everyone. */}
            <title>
              {`${monthName(segment.month)}: ${
                topics.map((topic) => topic.title).join('; ') || a.noTopics
              }`}
            </title>
            <path
              d={segment.path}
              fill={segment.fill}
              stroke={wheelColors.stroke}
              stroke-width="2"
            />
            <text
              x={segment.labelX}
              y={segment.labelY - 4}
              text-anchor="middle"
              font-size="14"
              font-weight="600"
              fill={segment.textColor}
            >
              {a.monthsShort[index]}
            </text>
            <text
              x={segment.labelX}
              y={segment.labelY + 13}
              text-anchor="middle"
              font-size="13"
              fill={segment.textColor}
            >
              {topics.length > 0 ? String(topics.length) : '–'}
            </text>
          </g>
        );
      })}
      <text
        x={center}
        y={center + 8}
        text-anchor="middle"
        font-size="24"
        font-weight="700"
        fill={wheelColors.centerText}
      >
        {String(plan.year)}
      </text>
    </svg>
  );
}

function TopicFields(props: { values: TopicFormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      <TextField name="title" label={a.topicTitle} errors={errors} value={values.title} required />
      <Select
        name="month"
        label={a.month}
        errors={errors}
        value={values.month}
        options={a.months.map((name, index) => ({ value: String(index + 1), label: name }))}
        required
      />
      <TextField
        name="year"
        label={a.topicYear}
        hint={a.topicYearHint}
        errors={errors}
        value={values.year}
        type="number"
        inputMode="numeric"
        width="xs"
        required
      />
      <Checkbox
        name="recursYearly"
        label={a.recursYearly}
        hint={a.recursYearlyHint}
        errors={errors}
        checked={values.recursYearly ?? false}
      />
      <TextField
        name="responsible"
        label={a.responsible}
        errors={errors}
        value={values.responsible}
      />
      <TextArea name="note" label={a.note} errors={errors} value={values.note} rows={2} />
    </>
  );
}

function TopicEntry(props: { ctx: PageContext; topic: TopicRow; mayManage: boolean }) {
  const { ctx, topic, mayManage } = props;
  const details = [topic.responsible, topic.recursYearly ? a.yearly : null].filter(Boolean);
  return (
    <li>
      <strong>{topic.title}</strong>
      {details.length > 0 ? ` (${details.join(', ')})` : null}
      {topic.note ? <p class="form-hint">{topic.note}</p> : null}
      {mayManage ? (
        <div class="agenda-actions">
          <a
            class="button button-tertiary"
            href={`/aarshjul/emner/${topic.id}/rediger`}
            aria-label={a.editLabel(topic.title)}
          >
            {a.edit}
          </a>
          <form
            method="post"
            action={`/aarshjul/emner/${topic.id}/slet`}
            data-confirm={a.deleteConfirm}
          >
            <HiddenCsrf token={ctx.csrfToken} />
            <button
              type="submit"
              class="button button-tertiary"
              aria-label={a.deleteLabel(topic.title)}
            >
              {a.delete}
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}

/** The årshjul page: choose organization and year, see the wheel and the list, add topics. */
export function YearPlanPage(props: {
  ctx: PageContext;
  plan: YearPlan | undefined;
  organizations: Option[];
  year: number;
  values: TopicFormValues;
  errors: FieldErrors;
}) {
  const { ctx, plan, year, errors } = props;
  const mayManage =
    plan !== undefined &&
    ctx.actor !== undefined &&
    can(ctx.actor, 'annualPlan.manage', { organizationId: plan.organization.id });
  return (
    <Layout
      ctx={ctx}
      title={plan ? a.heading(plan.organization.name, year) : a.title}
      // The agenda script asks before a delete form is sent; without it the form just works.
      scripts={mayManage ? ['/static/app/agenda.js'] : []}
    >
      <h1>{plan ? a.heading(plan.organization.name, year) : a.title}</h1>
      <form method="get" action="/aarshjul" class="no-print">
        <Select
          name="organisation"
          label={a.organization}
          errors={{}}
          value={plan?.organization.id}
          options={props.organizations}
        />
        <TextField
          name="aar"
          label={a.year}
          errors={{}}
          value={String(year)}
          type="number"
          inputMode="numeric"
          width="xs"
        />
        <button type="submit" class="button button-secondary">
          {a.show}
        </button>
      </form>
      {plan === undefined ? <p>{a.noOrganizations}</p> : null}
      {plan ? (
        <>
          <p class="button-row no-print">
            <a href={yearPlanHref(plan.organization.id, year - 1)}>{a.previousYear(year - 1)}</a>
            <a href={yearPlanHref(plan.organization.id, year + 1)}>{a.nextYear(year + 1)}</a>
          </p>
          <h2>{a.wheelHeading}</h2>
          <YearWheel plan={plan} />
          <h2>{a.listHeading}</h2>
          {plan.months.map(({ month, topics }) => (
            <section key={month} id={`maaned-${month}`} aria-labelledby={`maaned-${month}-h`}>
              <h3 id={`maaned-${month}-h`}>{`${monthName(month)} ${year}`}</h3>
              {topics.length === 0 ? (
                <p>{a.noTopics}</p>
              ) : (
                <ul>
                  {topics.map((topic) => (
                    <TopicEntry key={topic.id} ctx={ctx} topic={topic} mayManage={mayManage} />
                  ))}
                </ul>
              )}
            </section>
          ))}
          {mayManage ? (
            <section aria-labelledby="nyt-emne">
              <h2 id="nyt-emne">{a.addHeading}</h2>
              <ErrorSummary messages={Object.values(errors)} />
              <form method="post" action="/aarshjul/emner" novalidate>
                <HiddenCsrf token={ctx.csrfToken} />
                <input type="hidden" name="organizationId" value={plan.organization.id} />
                <TopicFields
                  values={{ year: String(year), month: '1', ...props.values }}
                  errors={errors}
                />
                <button type="submit" class="button button-primary">
                  {a.add}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

export function TopicFormPage(props: {
  ctx: PageContext;
  topic: TopicRow;
  values: TopicFormValues;
  errors: FieldErrors;
}) {
  const { ctx, topic, values, errors } = props;
  return (
    <Layout ctx={ctx} title={a.editHeading}>
      <h1>{a.editHeading}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={`/aarshjul/emner/${topic.id}/rediger`} novalidate>
        <HiddenCsrf token={ctx.csrfToken} />
        <TopicFields values={values} errors={errors} />
        <p class="button-row">
          <button type="submit" class="button button-primary">
            {a.save}
          </button>
          <a class="button button-secondary" href={yearPlanHref(topic.organizationId, topic.year)}>
            {a.cancel}
          </a>
        </p>
      </form>
    </Layout>
  );
}

export function CasesTable(props: { cases: readonly CaseToCouncilRow[]; caption: string }) {
  return (
    <table class="table table--compact">
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{a.treatmentDate}</th>
          <th scope="col">{a.treatmentBody}</th>
          <th scope="col">{a.paper}</th>
          <th scope="col">{a.caseNumber}</th>
        </tr>
      </thead>
      <tbody>
        {props.cases.map((row) => (
          <tr key={row.id}>
            <td>{formatIsoDate(row.plannedDate)}</td>
            <td>{row.organizationName}</td>
            <td>
              <a href={`/sager/${row.paperId}`}>{row.paperTitle}</a>
            </td>
            <td>{row.paperCaseNumber ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A meeting's planned topics for its month, and the cases on their way to the council. */
export function MeetingTopicsPage(props: {
  ctx: PageContext;
  result: MeetingTopics;
  cases: readonly CaseToCouncilRow[];
  casesItem: { id: string; title: string } | undefined;
  errors: FieldErrors;
}) {
  const { ctx, result, cases, casesItem } = props;
  const { meeting } = result.detail;
  const base = `/moeder/${meeting.id}`;
  const mayWrite =
    ctx.actor !== undefined &&
    can(ctx.actor, 'agendaItem.write', { organizationId: meeting.organizationId });
  const heading = a.plannedTopicsHeading(`${monthName(result.month)} ${result.year}`);
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <p>
        <a href={base}>{`${a.backToMeeting}: ${meeting.title}`}</a>
      </p>
      <ErrorSummary messages={Object.values(props.errors)} />
      <p>{a.plannedTopicsIntro(meeting.organizationName)}</p>
      {result.topics.length === 0 ? <p>{a.noPlannedTopics}</p> : null}
      {result.topics.length > 0 ? (
        <ul>
          {result.topics.map((topic) => (
            <li key={topic.id}>
              <strong>{topic.title}</strong>
              {topic.responsible ? ` (${topic.responsible})` : null}
              {mayWrite ? (
                <form method="post" action={`${base}/planlagte-emner/${topic.id}`}>
                  <HiddenCsrf token={ctx.csrfToken} />
                  <button
                    type="submit"
                    class="button button-secondary"
                    aria-label={a.addToAgendaLabel(topic.title)}
                  >
                    {a.addToAgenda}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={yearPlanHref(meeting.organizationId, result.year)}>{a.title}</a>
      </p>
      <h2>{a.casesToCouncilTitle}</h2>
      <p>{a.casesToCouncilIntro(formatIsoDate(result.meetingDate))}</p>
      {cases.length === 0 ? (
        <p>{a.noCases}</p>
      ) : (
        <CasesTable cases={cases} caption={a.casesToCouncilTitle} />
      )}
      {mayWrite && casesItem ? (
        <form method="post" action={`${base}/sager-paa-vej`}>
          <HiddenCsrf token={ctx.csrfToken} />
          <p class="form-hint">{a.fillHint}</p>
          <button type="submit" class="button button-primary">
            {a.fillStandingItem(casesItem.title)}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** "Sager på vej til byrådet" from a date. */
export function CasesToCouncilPage(props: {
  ctx: PageContext;
  from: string;
  cases: readonly CaseToCouncilRow[];
}) {
  const { ctx, from, cases } = props;
  return (
    <Layout ctx={ctx} title={a.casesToCouncilTitle}>
      <h1>{a.casesToCouncilTitle}</h1>
      <form method="get" action="/sager-paa-vej" class="no-print">
        <TextField name="fra" label={a.casesFrom} errors={{}} value={from} type="date" />
        <button type="submit" class="button button-secondary">
          {a.show}
        </button>
      </form>
      <p>{a.casesToCouncilIntro(formatIsoDate(from))}</p>
      {cases.length === 0 ? (
        <p>{a.noCases}</p>
      ) : (
        <CasesTable cases={cases} caption={a.casesToCouncilTitle} />
      )}
    </Layout>
  );
}

export type TreatmentFormValues = {
  organizationId?: string;
  plannedDate?: string;
  meetingId?: string;
  note?: string;
};

/** A paper's planned treatments, with a form to plan another for those who may. */
export function TreatmentsPage(props: {
  ctx: PageContext;
  result: PaperTreatments;
  mayPlan: boolean;
  organizations: Option[];
  /** Planned meetings from the paper's date on, to plan a treatment by meeting. */
  meetings: Option[];
  values: TreatmentFormValues;
  errors: FieldErrors;
}) {
  const { ctx, result, mayPlan, values, errors } = props;
  const { paper, treatments } = result;
  const heading = a.treatmentsHeading(paper.title);
  return (
    <Layout ctx={ctx} title={heading} scripts={mayPlan ? ['/static/app/agenda.js'] : []}>
      <h1>{heading}</h1>
      <p>
        <a href={`/sager/${paper.id}`}>{a.backToPaper}</a>
      </p>
      <p>{a.treatmentsIntro}</p>
      {treatments.length === 0 ? <p>{a.noTreatments}</p> : null}
      {treatments.length > 0 ? (
        <table class="table table--compact">
          <caption class="sr-only">{a.treatmentsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{a.treatmentDate}</th>
              <th scope="col">{a.treatmentBody}</th>
              <th scope="col">{a.treatmentNote}</th>
              {mayPlan ? <th scope="col">{da.items.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {treatments.map((treatment: TreatmentView) => (
              <tr key={treatment.id}>
                <td>{formatIsoDate(treatment.plannedDate)}</td>
                <td>{`${treatment.organizationName} (${da.organizationClassifications[treatment.organizationClassification]})`}</td>
                <td>{treatment.note ?? ''}</td>
                {mayPlan ? (
                  <td>
                    <form
                      method="post"
                      action={`/sager/${paper.id}/behandlinger/${treatment.id}/slet`}
                      data-confirm={a.deleteTreatmentConfirm}
                    >
                      <HiddenCsrf token={ctx.csrfToken} />
                      <button
                        type="submit"
                        class="button button-tertiary"
                        aria-label={a.deleteTreatmentLabel(
                          treatment.organizationName,
                          formatIsoDate(treatment.plannedDate),
                        )}
                      >
                        {a.delete}
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mayPlan ? (
        <section aria-labelledby="ny-behandling">
          <h2 id="ny-behandling">{a.addTreatment}</h2>
          <ErrorSummary messages={Object.values(errors)} />
          <form method="post" action={`/sager/${paper.id}/behandlinger`} novalidate>
            <HiddenCsrf token={ctx.csrfToken} />
            <Select
              name="organizationId"
              label={a.treatmentBody}
              errors={errors}
              value={values.organizationId}
              options={[{ value: '', label: a.chooseBody }, ...props.organizations]}
            />
            <TextField
              name="plannedDate"
              label={a.treatmentDate}
              errors={errors}
              value={values.plannedDate}
              type="date"
            />
            {props.meetings.length > 0 ? (
              <Select
                name="meetingId"
                label={a.treatmentMeeting}
                hint={a.treatmentMeetingHint}
                errors={errors}
                value={values.meetingId}
                options={[{ value: '', label: a.noMeeting }, ...props.meetings]}
              />
            ) : null}
            <TextField name="note" label={a.treatmentNote} errors={errors} value={values.note} />
            <button type="submit" class="button button-primary">
              {a.addTreatment}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
