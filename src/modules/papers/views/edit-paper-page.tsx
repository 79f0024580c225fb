import { ActionBar } from '../../../platform/http/components/action-bar';
import { FileField, TextArea, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { sanitizeRichText } from '../rich-text';
import type { WordImport } from '../word-import';
import { LetterheadFields, type PaperFormValues } from './letterhead-fields';
import type { Option } from './select-options';

const t = da.papers;

export function EditPaperPage(props: {
  ctx: PageContext;
  paperId: string;
  values: PaperFormValues;
  sections: Array<{ heading: string; html: string }>;
  errors: FieldErrors;
  units: Option[];
  /** A Word file read into the form (not saved yet), with what did not fit the template. */
  imported?: { fileName: string; import: WordImport };
  maxUploadMb: number;
}) {
  const base = `/sager/${props.paperId}`;
  const tw = da.wordImport;
  return (
    <Layout ctx={props.ctx} title={t.editTitle} scripts={['/static/app/rich-text-editor.js']}>
      <p>
        <a href={base}>{`← ${props.values.title ?? ''}`}</a>
      </p>
      <h1>{t.editTitle}</h1>
      <ErrorSummary messages={Object.values(props.errors)} />
      {props.imported ? (
        <ImportedWordNotice fileName={props.imported.fileName} result={props.imported.import} />
      ) : null}
      <details class="word-import">
        <summary>{tw.formTitle}</summary>
        <form method="post" action={`${base}/word`} enctype="multipart/form-data">
          <HiddenCsrf token={props.ctx.csrfToken} />
          <p>{tw.formIntro}</p>
          <FileField
            name="file"
            id="word-file"
            label={tw.fileLabel}
            hint={tw.fileHint(props.maxUploadMb)}
            errors={props.errors}
            accept=".docx"
          />
          <button type="submit" class="button button-secondary">
            {tw.submit}
          </button>
        </form>
      </details>
      <form method="post" action={`${base}/rediger`} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <LetterheadFields values={props.values} errors={props.errors} units={props.units} />
        <h2>{t.sections}</h2>
        <p class="form-hint">{t.sectionHint}</p>
        {props.sections.map((section, index) => (
          <div key={index}>
            <input type="hidden" name="heading" value={section.heading} />
            <TextArea
              name="html"
              label={section.heading}
              errors={props.errors}
              errorKey={`sections.${index}.html`}
              value={section.html}
              rows={6}
              id={`section-${index}`}
              richText
            />
          </div>
        ))}
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

/** What a Word import put into the form, and every piece of text that fits no section. */
function ImportedWordNotice(props: { fileName: string; result: WordImport }) {
  const tw = da.wordImport;
  const { result } = props;
  return (
    <div class="alert alert-info" role="status">
      <div class="alert-body">
        <p class="alert-heading">{tw.importedHeading(props.fileName)}</p>
        <p class="alert-text">{tw.importedNotSaved}</p>
        {result.warnings.length > 0 ? (
          <ul class="alert-text">
            {result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
        {result.unmapped.length > 0 ? (
          <>
            <p class="alert-text">{tw.unmappedIntro(result.unmapped.length)}</p>
            {result.unmapped.map((block, index) => (
              <section key={index} class="unmapped-block">
                <h2 class="h4">{block.heading ?? tw.beforeFirstHeading}</h2>
                <div dangerouslySetInnerHTML={{ __html: sanitizeRichText(block.html) }} />
              </section>
            ))}
          </>
        ) : null}
      </div>
    </div>
  );
}
