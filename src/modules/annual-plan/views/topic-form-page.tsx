import { ActionBar } from '../../../platform/http/components/action-bar';
import type { FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TopicRow } from '../repository';
import { yearPlanHref } from './shared';
import { TopicFields, type TopicFormValues } from './topic-fields';

const a = da.annualPlan;

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
        <ActionBar>
          <button type="submit" class="button button-primary">
            {a.save}
          </button>
          <a class="button button-secondary" href={yearPlanHref(topic.organizationId, topic.year)}>
            {a.cancel}
          </a>
        </ActionBar>
      </form>
    </Layout>
  );
}
