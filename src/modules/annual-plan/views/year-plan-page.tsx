import { ActionBar } from '../../../platform/http/components/action-bar';
import { ConfirmButton } from '../../../platform/http/components/confirm-button';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TopicRow } from '../repository';
import type { YearPlan } from '../topics';
import { monthName, yearPlanHref } from './shared';
import { TopicFields, type TopicFormValues } from './topic-fields';
import { YearWheel } from './year-wheel';

const a = da.annualPlan;
type Option = { value: string; label: string };

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
          <ConfirmButton
            action={`/aarshjul/emner/${topic.id}/slet`}
            csrfToken={ctx.csrfToken}
            label={a.delete}
            accessibleLabel={a.deleteLabel(topic.title)}
            question={a.deleteConfirm}
            confirmLabel={da.confirmButtons.deleteTopic}
            isDanger
          />
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
  abilities: { mayManage: boolean };
}) {
  const { ctx, plan, year, errors } = props;
  const { mayManage } = props.abilities;
  return (
    <Layout ctx={ctx} title={plan ? a.heading(plan.organization.name, year) : a.title}>
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
      {plan === undefined ? <EmptyState message={a.noOrganizations} /> : null}
      {plan ? (
        <>
          <ActionBar>
            <a href={yearPlanHref(plan.organization.id, year - 1)}>{a.previousYear(year - 1)}</a>
            <a href={yearPlanHref(plan.organization.id, year + 1)}>{a.nextYear(year + 1)}</a>
          </ActionBar>
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
