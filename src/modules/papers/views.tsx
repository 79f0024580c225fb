import { can } from '../../platform/auth/policy';
import {
  Checkbox,
  FileField,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import type { CoverDraft } from './cover-draft';
import { formatDateLong, formatFileSize, formatTime } from '../../platform/i18n/format';
import type { Readability } from './readability';
import type { AttachmentRow, VersionRow } from './repository';
import { attachmentPagePath } from './present';
import type { SectionComparison } from './versions';
import type { WordImport } from './word-import';
import type { PaperSummaryRow } from './repository';
import { sanitizeRichText } from './rich-text';
import type { OrganizationPaperRules } from './paper-rules';
import type { PaperRules } from './rules';
import type { PaperDetail } from './service';

const t = da.papers;
type Option = { value: string; label: string };

export function PaperListPage(props: { ctx: PageContext; papers: PaperSummaryRow[] }) {
  const mayWrite = props.ctx.actor !== undefined && can(props.ctx.actor, 'paper.write');
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <p class="button-row">
        {mayWrite ? (
          <a class="button button-primary" href="/sager/ny">
            {t.create}
          </a>
        ) : null}
        {props.ctx.actor && can(props.ctx.actor, 'template.read') ? (
          <a class="button button-secondary" href="/sager/skabeloner">
            {t.templatesTitle}
          </a>
        ) : null}
      </p>
      {props.papers.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="table table--compact">
          <caption class="sr-only">{t.listTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.title}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.organization}</th>
              <th scope="col">{t.paperDate}</th>
              <th scope="col">{t.caseNumber}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {props.papers.map((paper) => (
              <tr key={paper.id}>
                <td>
                  <a href={`/sager/${paper.id}`}>{paper.title}</a>
                </td>
                <td>{t.kinds[paper.kind]}</td>
                <td>{paper.organizationName}</td>
                <td>{paper.paperDate}</td>
                <td>{paper.caseNumber ?? ''}</td>
                <td>{t.statuses[paper.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function ReadabilityNote({ value }: { value: Readability }) {
  if (value.words === 0) return null;
  return (
    <div class="readability">
      <span class="tag">{t.readability(value.lix, value.band)}</span>
      {value.longSentences.length > 0 ? (
        <details>
          <summary>{t.longSentences(value.longSentences.length)}</summary>
          <ul>
            {value.longSentences.map((sentence, index) => (
              <li key={index}>{`${sentence.text} (${sentence.words} ord)`}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** The letterhead block of the seed memo: unit, date, officers, phone, e-mail, case number. */
function Letterhead({
  detail,
  senderUnitName,
}: {
  detail: PaperDetail;
  senderUnitName: string | null;
}) {
  const { paper } = detail;
  return (
    <dl class="meeting-facts letterhead">
      <dt>{t.senderUnit}</dt>
      <dd>{senderUnitName ?? '–'}</dd>
      <dt>{t.addressee}</dt>
      <dd>{t.addressees[paper.addressee]}</dd>
      <dt>{t.paperDate}</dt>
      <dd>{paper.paperDate}</dd>
      <dt>{t.caseOfficers}</dt>
      <dd>{paper.caseOfficers.join('/') || '–'}</dd>
      <dt>{t.phone}</dt>
      <dd>{paper.phone ?? '–'}</dd>
      <dt>{t.email}</dt>
      <dd>{paper.email ?? '–'}</dd>
      <dt>{t.caseNumber}</dt>
      <dd>{paper.caseNumber ?? '–'}</dd>
      <dt>{t.status}</dt>
      <dd>{t.statuses[paper.status]}</dd>
    </dl>
  );
}

export function PaperPage(props: {
  ctx: PageContext;
  detail: PaperDetail;
  senderUnitName: string | null;
  mayEdit: boolean;
  /** Authors and the secretariat see the submissions and the secretary's comments. */
  mayReadDrafts: boolean;
  /** The secretariat marks a paper on an agenda as treated once the meeting has dealt with it. */
  mayMarkTreated: boolean;
  /** The author may take an approved paper back to correct it. */
  mayReopen: boolean;
  /** The receiving organization's rules (the cover's word limit). */
  rules: PaperRules;
  maxUploadMb: number;
  /** A refused upload: the message shown at the upload form. */
  uploadErrors?: FieldErrors;
}) {
  const { detail, mayEdit } = props;
  const { paper, sections, cover } = detail;
  const base = `/sager/${paper.id}`;
  return (
    <Layout
      ctx={props.ctx}
      title={paper.title}
      scripts={mayEdit || props.mayReopen ? ['/static/app/agenda.js'] : []}
    >
      <p>
        <a href="/sager">{`← ${t.listTitle}`}</a>
      </p>
      <h1>{paper.title}</h1>
      <p>{`${t.kinds[paper.kind]} til ${paper.organizationName}`}</p>
      <Letterhead detail={detail} senderUnitName={props.senderUnitName} />
      <p class="button-row">
        {mayEdit ? (
          <>
            <a class="button button-secondary" href={`${base}/rediger`}>
              {t.edit}
            </a>
            <a class="button button-secondary" href={`${base}/cover`}>
              {t.editCover}
            </a>
          </>
        ) : null}
        <a class="button button-secondary" href={`${base}/pdf`}>
          {t.downloadPdf}
        </a>
        <a class="button button-secondary" href={`${base}/docx`}>
          {t.downloadDocx}
        </a>
        <a class="button button-secondary" href={`${base}/behandlinger`}>
          {da.annualPlan.treatmentsTitle}
        </a>
        {props.mayReadDrafts ? (
          <a class="button button-secondary" href={`${base}/versioner`}>
            {t.versionsLink}
          </a>
        ) : null}
        {props.mayReadDrafts ? (
          <a class="button button-primary" href={`${base}/indsend`}>
            {mayEdit ? da.submissions.submit : da.submissions.history}
          </a>
        ) : null}
      </p>
      {paper.approvedVersion !== null &&
      ['draft', 'submitted', 'returned'].includes(paper.status) ? (
        <div class="alert alert-info" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.approvedVersionOnAgenda(paper.approvedVersion)}</p>
          </div>
        </div>
      ) : null}
      {props.mayReopen ? (
        <form method="post" action={`${base}/genaabn`} data-confirm={t.reopenConfirm}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t.reopen}
          </button>
        </form>
      ) : null}
      {props.mayMarkTreated ? (
        <form method="post" action={`${base}/behandlet`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t.markTreated}
          </button>
        </form>
      ) : null}
      <section class="cover" aria-labelledby="cover-heading">
        <h2 id="cover-heading">{t.coverTitle}</h2>
        {cover.words === 0 ? (
          <p>{t.noCover}</p>
        ) : (
          <>
            <p>{t.coverWords(cover.words, props.rules.coverMaxWords)}</p>
            <ReadabilityNote value={cover.readability} />
            <h3>{t.purpose}</h3>
            <p>{paper.coverPurpose ?? '–'}</p>
            <h3>{t.keyMessages}</h3>
            <ol>
              {paper.coverKeyMessages.map((message, index) => (
                <li key={index}>{message}</li>
              ))}
            </ol>
            <h3>{t.implications}</h3>
            <p>{paper.coverImplications ?? '–'}</p>
            <h3>{t.requestedAction}</h3>
            <p>
              {paper.coverRequestedAction
                ? t.requestedActions[paper.coverRequestedAction]
                : t.noRequestedAction}
            </p>
          </>
        )}
      </section>
      {sections.map((section) => (
        <section key={section.id} class="paper-section">
          <h2>{section.heading}</h2>
          <ReadabilityNote value={section.readability} />
          {section.html === '' ? (
            <p>{t.emptySection}</p>
          ) : (
            // Sanitised when saved and again here, so stored HTML can never reach a browser unchecked.
            <div dangerouslySetInnerHTML={{ __html: sanitizeRichText(section.html) }} />
          )}
        </section>
      ))}
      <Attachments
        paperId={paper.id}
        attachments={detail.attachments}
        mayEdit={mayEdit}
        csrfToken={props.ctx.csrfToken}
        maxUploadMb={props.maxUploadMb}
        errors={props.uploadErrors ?? {}}
      />
    </Layout>
  );
}

function fileFacts(attachment: AttachmentRow): string {
  const kind = da.files.kinds[attachment.mediaType] ?? attachment.mediaType;
  const pages = attachment.pageCount === null ? '' : `, ${da.files.pages(attachment.pageCount)}`;
  return `${attachment.fileName} (${kind}${pages}, ${formatFileSize(attachment.byteSize)})`;
}

/** The memo's numbered bilag; its author uploads, renames, reorders and removes them here. */
function Attachments(props: {
  paperId: string;
  attachments: AttachmentRow[];
  mayEdit: boolean;
  csrfToken: string;
  maxUploadMb: number;
  errors: FieldErrors;
}) {
  const ta = da.attachments;
  const base = `/sager/${props.paperId}/bilag`;
  const errorMessages = Object.values(props.errors);
  return (
    <section aria-labelledby="attachments-heading" id="bilag">
      <h2 id="attachments-heading">{ta.title}</h2>
      {props.attachments.length === 0 ? (
        <p>{ta.none}</p>
      ) : (
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">{ta.number}</th>
              <th scope="col">{ta.name}</th>
              <th scope="col">{ta.file}</th>
              {props.mayEdit ? <th scope="col">{ta.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.attachments.map((attachment, index) => (
              <tr key={attachment.id}>
                <td>{`${ta.title} ${attachment.position}`}</td>
                <td>
                  <a href={attachmentPagePath(attachment.id)}>{attachment.title}</a>
                </td>
                <td>{fileFacts(attachment)}</td>
                {props.mayEdit ? (
                  <td>
                    <form method="post" action={`${base}/${attachment.id}`} class="inline-form">
                      <HiddenCsrf token={props.csrfToken} />
                      <label class="form-label" for={`title-${attachment.id}`}>
                        {ta.renameLabel(attachment.position)}
                      </label>
                      <input
                        class="form-input"
                        id={`title-${attachment.id}`}
                        name="title"
                        value={attachment.title}
                        required
                      />
                      <button type="submit" class="button button-secondary">
                        {ta.save}
                      </button>
                    </form>
                    <div class="button-row">
                      {index > 0 ? (
                        <form method="post" action={`${base}/${attachment.id}/flyt`}>
                          <HiddenCsrf token={props.csrfToken} />
                          <input type="hidden" name="retning" value="op" />
                          <button type="submit" class="button button-tertiary">
                            {ta.moveUp(attachment.position)}
                          </button>
                        </form>
                      ) : null}
                      {index < props.attachments.length - 1 ? (
                        <form method="post" action={`${base}/${attachment.id}/flyt`}>
                          <HiddenCsrf token={props.csrfToken} />
                          <input type="hidden" name="retning" value="ned" />
                          <button type="submit" class="button button-tertiary">
                            {ta.moveDown(attachment.position)}
                          </button>
                        </form>
                      ) : null}
                      <form
                        method="post"
                        action={`${base}/${attachment.id}/slet`}
                        data-confirm={ta.removeConfirm}
                      >
                        <HiddenCsrf token={props.csrfToken} />
                        <button type="submit" class="button button-tertiary">
                          {ta.remove(attachment.position)}
                        </button>
                      </form>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.mayEdit ? (
        <form method="post" action={base} enctype="multipart/form-data">
          <h3>{ta.upload}</h3>
          <ErrorSummary messages={errorMessages} />
          <HiddenCsrf token={props.csrfToken} />
          <TextField
            name="title"
            label={ta.uploadTitle}
            hint={ta.uploadTitleHint}
            errors={props.errors}
            value=""
          />
          <FileField
            name="file"
            label={ta.fileField}
            hint={ta.fileHint(props.maxUploadMb)}
            errors={props.errors}
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
            multiple
          />
          <button type="submit" class="button button-primary">
            {ta.uploadButton}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export type PaperFormValues = Partial<
  Record<
    | 'kind'
    | 'title'
    | 'organizationId'
    | 'senderUnitId'
    | 'addressee'
    | 'paperDate'
    | 'caseNumber'
    | 'caseOfficers'
    | 'phone'
    | 'email',
    string
  >
>;

function options<K extends string>(labels: Record<K, string>): Option[] {
  return Object.entries<string>(labels).map(([value, label]) => ({ value, label }));
}

function LetterheadFields(props: {
  values: PaperFormValues;
  errors: FieldErrors;
  organizations?: Option[];
  units: Option[];
}) {
  const { values, errors } = props;
  return (
    <>
      <Select
        name="kind"
        label={t.kind}
        errors={errors}
        value={values.kind ?? 'indstilling'}
        options={options(t.kinds)}
      />
      <TextField name="title" label={t.title} errors={errors} value={values.title} required />
      {props.organizations ? (
        <Select
          name="organizationId"
          label={t.organization}
          errors={errors}
          value={values.organizationId}
          options={props.organizations}
          required
        />
      ) : null}
      <Select
        name="senderUnitId"
        label={t.senderUnit}
        errors={errors}
        value={values.senderUnitId}
        options={[{ value: '', label: t.noSenderUnit }, ...props.units]}
      />
      <Select
        name="addressee"
        label={t.addressee}
        errors={errors}
        value={values.addressee ?? 'raadmanden'}
        options={options(t.addressees)}
      />
      <TextField
        name="paperDate"
        label={t.paperDate}
        type="date"
        errors={errors}
        value={values.paperDate}
        required
        width="m"
      />
      <TextField
        name="caseNumber"
        label={t.caseNumber}
        hint={t.caseNumberHint}
        errors={errors}
        value={values.caseNumber}
        width="l"
      />
      <TextArea
        name="caseOfficers"
        label={t.caseOfficers}
        hint={t.caseOfficersHint}
        errors={errors}
        value={values.caseOfficers}
        rows={2}
      />
      <TextField name="phone" label={t.phone} errors={errors} value={values.phone} width="m" />
      <TextField name="email" label={t.email} type="email" errors={errors} value={values.email} />
    </>
  );
}

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
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
          <a class="button button-secondary" href="/sager">
            {t.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

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
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
          <a class="button button-secondary" href={base}>
            {t.cancel}
          </a>
        </div>
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
                <li key={index}>{t.draftKeyMessage(index + 1, entry.heading, entry.score)}</li>
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
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
          <a class="button button-secondary" href={base}>
            {t.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

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

export function VersionsPage(props: {
  ctx: PageContext;
  paper: { id: string; title: string; approvedVersion: number | null };
  versions: VersionRow[];
  from: number;
  to: number;
  comparison: SectionComparison[];
}) {
  const base = `/sager/${props.paper.id}`;
  const options = props.versions.map((version) => ({
    value: String(version.number),
    label: `${t.version(version.number)} – ${formatDateLong(version.createdAt)} kl. ${formatTime(version.createdAt)}, ${version.actorLabel}${version.number === props.paper.approvedVersion ? ` (${t.approved})` : ''}`,
  }));
  return (
    <Layout ctx={props.ctx} title={`${t.versionsTitle} – ${props.paper.title}`}>
      <p>
        <a href={base}>{`← ${props.paper.title}`}</a>
      </p>
      <h1>{`${t.versionsTitle}: ${props.paper.title}`}</h1>
      <ol reversed>
        {options.map((option) => (
          <li key={option.value}>{option.label}</li>
        ))}
      </ol>
      {props.versions.length > 1 ? (
        <>
          <form method="get" action={`${base}/versioner`}>
            <Select
              name="fra"
              label={t.compareFrom}
              errors={{}}
              value={String(props.from)}
              options={options}
            />
            <Select
              name="til"
              label={t.compareTo}
              errors={{}}
              value={String(props.to)}
              options={options}
            />
            <button type="submit" class="button button-secondary">
              {t.compare}
            </button>
          </form>
          <h2>{t.comparison(props.from, props.to)}</h2>
          {props.comparison.map((section) => (
            <section key={section.heading} class="paper-section">
              <h3>{`${section.heading} – ${t.changes[section.change]}`}</h3>
              {section.change === 'unchanged' ? null : (
                <p class="diff">
                  {section.parts.map((part, index) =>
                    part.kind === 'added' ? (
                      <ins key={index}>{part.text}</ins>
                    ) : part.kind === 'removed' ? (
                      <del key={index}>{part.text}</del>
                    ) : (
                      <span key={index}>{part.text}</span>
                    ),
                  )}
                </p>
              )}
            </section>
          ))}
        </>
      ) : null}
    </Layout>
  );
}
