import { Checkbox, TextArea, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { OrganizationPaperRules } from '../paper-rules';

const t = da.papers;

export function SectionTemplatesPage(props: {
  ctx: PageContext;
  templates: Array<{
    organizationId: string;
    organizationName: string;
    headings: string[];
    isDefault: boolean;
    rules: OrganizationPaperRules;
  }>;
  mayManage: boolean;
  errors: Record<string, FieldErrors>;
  values: Record<string, string>;
  /** Rule forms sent back with errors, by organization id. */
  ruleValues: Record<string, PaperRulesFormValues>;
  ruleErrors: Record<string, FieldErrors>;
}) {
  return (
    <Layout ctx={props.ctx} title={t.templatesTitle}>
      <p>
        <a href="/sager">{`← ${t.listTitle}`}</a>
      </p>
      <h1>{t.templatesTitle}</h1>
      <p>{t.templatesIntro}</p>
      {props.templates.map((template) => {
        const errors = props.errors[template.organizationId] ?? {};
        return (
          <section key={template.organizationId}>
            <h2>{template.organizationName}</h2>
            <p>{template.isDefault ? t.defaultTemplate : t.ownTemplate}</p>
            {props.mayManage ? (
              <form
                method="post"
                action={`/sager/skabeloner/${template.organizationId}`}
                novalidate
              >
                <HiddenCsrf token={props.ctx.csrfToken} />
                <ErrorSummary messages={Object.values(errors)} />
                <TextArea
                  name="headings"
                  id={`headings-${template.organizationId}`}
                  label={t.headings(template.organizationName)}
                  hint={t.headingsHint}
                  errors={errors}
                  value={props.values[template.organizationId] ?? template.headings.join('\n')}
                  rows={Math.max(4, template.headings.length + 1)}
                />
                <button type="submit" class="button button-primary">
                  {t.save}
                </button>
              </form>
            ) : (
              <ol>
                {template.headings.map((heading) => (
                  <li key={heading}>{heading}</li>
                ))}
              </ol>
            )}
            <PaperRulesForm
              organizationId={template.organizationId}
              rules={template.rules}
              values={props.ruleValues[template.organizationId]}
              errors={props.ruleErrors[template.organizationId] ?? {}}
              mayManage={props.mayManage}
              csrfToken={props.ctx.csrfToken}
            />
          </section>
        );
      })}
    </Layout>
  );
}

export type PaperRulesFormValues = Partial<
  Record<
    | 'coverMaxWords'
    | 'keyMessageMaxWords'
    | 'caseNumberPattern'
    | 'caseNumberExample'
    | 'submissionDeadlineWorkingDays',
    string
  > & { coverRequired: boolean }
>;

/** An organization's rules for papers: shown to everyone who reads templates, edited by administrators. */
function PaperRulesForm(props: {
  organizationId: string;
  rules: OrganizationPaperRules;
  values: PaperRulesFormValues | undefined;
  errors: FieldErrors;
  mayManage: boolean;
  csrfToken: string;
}) {
  const tr = da.paperRules;
  const { rules, organizationId: id } = props;
  const values: PaperRulesFormValues = props.values ?? {
    coverMaxWords: String(rules.coverMaxWords),
    keyMessageMaxWords: String(rules.keyMessageMaxWords),
    coverRequired: rules.coverRequired,
    caseNumberPattern: rules.caseNumberPattern,
    caseNumberExample: rules.caseNumberExample,
    submissionDeadlineWorkingDays: String(rules.submissionDeadlineWorkingDays),
  };
  if (!props.mayManage) {
    return (
      <>
        <h3>{tr.title}</h3>
        <dl class="meeting-facts">
          <dt>{tr.coverMaxWords}</dt>
          <dd>{rules.coverMaxWords}</dd>
          <dt>{tr.keyMessageMaxWords}</dt>
          <dd>{rules.keyMessageMaxWords}</dd>
          <dt>{tr.coverRequired}</dt>
          <dd>{rules.coverRequired ? 'Ja' : 'Nej'}</dd>
          <dt>{tr.caseNumberExample}</dt>
          <dd>{rules.caseNumberExample}</dd>
          <dt>{tr.submissionDeadlineWorkingDays}</dt>
          <dd>{rules.submissionDeadlineWorkingDays}</dd>
        </dl>
      </>
    );
  }
  const field = (name: keyof typeof tr) => `rules-${id}-${name}`;
  return (
    <form method="post" action={`/sager/skabeloner/${id}/regler`} novalidate>
      <h3>{tr.title}</h3>
      <p>{`${tr.intro} ${rules.isDefault ? tr.defaultRules : tr.ownRules}`}</p>
      <HiddenCsrf token={props.csrfToken} />
      <ErrorSummary messages={Object.values(props.errors)} />
      <TextField
        name="coverMaxWords"
        id={field('coverMaxWords')}
        label={tr.coverMaxWords}
        type="number"
        width="xs"
        errors={props.errors}
        value={values.coverMaxWords}
      />
      <TextField
        name="keyMessageMaxWords"
        id={field('keyMessageMaxWords')}
        label={tr.keyMessageMaxWords}
        type="number"
        width="xs"
        errors={props.errors}
        value={values.keyMessageMaxWords}
      />
      <Checkbox
        name="coverRequired"
        id={field('coverRequired')}
        label={tr.coverRequired}
        errors={props.errors}
        checked={values.coverRequired === true}
      />
      <TextField
        name="caseNumberPattern"
        id={field('caseNumberPattern')}
        label={tr.caseNumberPattern}
        hint={tr.caseNumberPatternHint}
        errors={props.errors}
        value={values.caseNumberPattern}
      />
      <TextField
        name="caseNumberExample"
        id={field('caseNumberExample')}
        label={tr.caseNumberExample}
        hint={tr.caseNumberExampleHint}
        errors={props.errors}
        value={values.caseNumberExample}
      />
      <TextField
        name="submissionDeadlineWorkingDays"
        id={field('submissionDeadlineWorkingDays')}
        label={tr.submissionDeadlineWorkingDays}
        type="number"
        width="xs"
        errors={props.errors}
        value={values.submissionDeadlineWorkingDays}
      />
      <button type="submit" class="button button-primary">
        {tr.save}
      </button>
    </form>
  );
}
