import { ActionBar } from '../../../platform/http/components/action-bar';
import type { FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { LetterheadFields, type PaperFormValues } from './letterhead-fields';
import type { Option } from './select-options';

const t = da.papers;

export function NewPaperPage(props: {
  ctx: PageContext;
  values: PaperFormValues;
  errors: FieldErrors;
  organizations: Option[];
  units: Option[];
}) {
  return (
    <Layout ctx={props.ctx} title={t.createTitle}>
      <h1>{t.createTitle}</h1>
      <ErrorSummary messages={Object.values(props.errors)} />
      <form method="post" action="/sager/ny" novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <LetterheadFields
          values={props.values}
          errors={props.errors}
          organizations={props.organizations}
          units={props.units}
        />
        <ActionBar>
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
          <a class="button button-secondary" href="/sager">
            {t.cancel}
          </a>
        </ActionBar>
      </form>
    </Layout>
  );
}
