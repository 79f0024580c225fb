import { TextArea, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { PhraseList } from '../minutes';

const t = da.minutes;

/** An organization's standard decision phrases, one per line. */
export function PhrasesPage(props: {
  ctx: PageContext;
  organization: { id: string; name: string };
  phrases: PhraseList;
  errors: FieldErrors;
  saved: boolean;
}) {
  const { ctx, organization } = props;
  return (
    <Layout ctx={ctx} title={`${t.phrasesTitle}: ${organization.name}`}>
      <h1>{`${t.phrasesTitle}: ${organization.name}`}</h1>
      {props.saved ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.phrasesSaved}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary messages={Object.values(props.errors)} />
      <form method="post" action={`/referat/formuleringer/${organization.id}`}>
        <HiddenCsrf token={ctx.csrfToken} />
        <TextArea
          name="phrases"
          label={t.phrasesLabel}
          hint={t.phrasesHint}
          value={props.phrases.phrases.join('\n')}
          errors={props.errors}
          rows={8}
        />
        <TextField
          name="approvingPhrase"
          label={t.approvingPhraseLabel}
          hint={t.approvingPhraseHint}
          value={props.phrases.approvingPhrase}
          errors={props.errors}
        />
        <button type="submit" class="button button-primary">
          {da.meetings.save}
        </button>
      </form>
    </Layout>
  );
}
