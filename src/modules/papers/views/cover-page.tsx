import { ActionBar } from '../../../platform/http/components/action-bar';
import { Select, TextArea, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { CoverDraft } from '../cover-draft';
import type { PaperRules } from '../rules';
import { options } from './select-options';

const t = da.papers;

export type CoverFormValues = {
  purpose?: string;
  keyMessages: string[];
  implications?: string;
  requestedAction?: string;
};

export function CoverPage(props: {
  ctx: PageContext;
  paperId: string;
  title: string;
  values: CoverFormValues;
  errors: FieldErrors;
  rules: PaperRules;
  /** Present when the form holds a generated draft: where each part came from. */
  explanation?: CoverDraft['explanation'];
}) {
  const base = `/sager/${props.paperId}`;
  const { values, errors } = props;
  const messages = [0, 1, 2].map((index) => values.keyMessages[index] ?? '');
  return (
    <Layout ctx={props.ctx} title={`${t.coverTitle} – ${props.title}`}>
      <p>
        <a href={base}>{`← ${props.title}`}</a>
      </p>
      <h1>{`${t.coverTitle}: ${props.title}`}</h1>
      <p>{t.coverLimits(props.rules.coverMaxWords, props.rules.keyMessageMaxWords)}</p>
      <p>
        <a class="button button-secondary" href={`${base}/cover?udkast=1`}>
          {t.makeDraft}
        </a>
      </p>
      {props.explanation ? (
        <div class="alert alert-info" role="status">
          <div class="alert-body">
            <p class="alert-heading">{t.draftNotSaved}</p>
            <ul class="alert-text">
              <li>{props.explanation.purpose}</li>
              <li>{props.explanation.requestedAction}</li>
              {props.explanation.keyMessages.map((entry, index) => (
                <li key={index}>{t.draftKeyMessage(index + 1, entry.heading)}</li>
              ))}
              <li>{props.explanation.implications}</li>
            </ul>
          </div>
        </div>
      ) : null}
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={`${base}/cover`} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextArea
          name="purpose"
          label={t.purpose}
          errors={errors}
          value={values.purpose}
          rows={3}
        />
        <fieldset>
          <legend class="h3">{t.keyMessages}</legend>
          {messages.map((message, index) => (
            <TextField
              key={index}
              name="keyMessages"
              id={`keyMessages-${index}`}
              errorKey={`keyMessages.${index}`}
              label={t.keyMessage(index + 1)}
              errors={errors}
              value={message}
            />
          ))}
        </fieldset>
        <TextArea
          name="implications"
          label={t.implications}
          errors={errors}
          value={values.implications}
          rows={3}
        />
        <Select
          name="requestedAction"
          label={t.requestedAction}
          errors={errors}
          value={values.requestedAction ?? ''}
          options={[{ value: '', label: t.noRequestedAction }, ...options(t.requestedActions)]}
        />
        <ActionBar>
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
          <a class="button button-secondary" href={base}>
            {t.cancel}
          </a>
        </ActionBar>
      </form>
    </Layout>
  );
}
