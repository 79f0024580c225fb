import { ActionBar } from '../../../platform/http/components/action-bar';
import { ConfirmButton } from '../../../platform/http/components/confirm-button';
import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { FileField, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDayLong, formatFileSize } from '../../../platform/i18n/format';
import { attachmentPagePath } from '../present';
import type { AttachmentRow } from '../rows';
import type { PaperRules } from '../rules';
import type { PaperDetail } from '../paper-reading';
import { PaperBody } from './paper-body';
import { paperStatusTag } from './paper-status-tag';

const t = da.papers;

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
      <dd>{formatDayLong(paper.paperDate)}</dd>
      <dt>{t.caseOfficers}</dt>
      <dd>{paper.caseOfficers.join('/') || '–'}</dd>
      <dt>{t.phone}</dt>
      <dd>{paper.phone ?? '–'}</dd>
      <dt>{t.email}</dt>
      <dd>{paper.email ?? '–'}</dd>
      <dt>{t.caseNumber}</dt>
      <dd>{paper.caseNumber ?? '–'}</dd>
      <dt>{t.status}</dt>
      <dd>{paperStatusTag(paper.status)}</dd>
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
  const { paper } = detail;
  const base = `/sager/${paper.id}`;
  return (
    <Layout ctx={props.ctx} title={paper.title}>
      <p>
        <a href="/sager">{`← ${t.listTitle}`}</a>
      </p>
      <h1>{paper.title}</h1>
      <p>{`${t.kinds[paper.kind]} til ${paper.organizationName}`}</p>
      <Letterhead detail={detail} senderUnitName={props.senderUnitName} />
      <ActionBar>
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
      </ActionBar>
      {paper.approvedVersion !== null &&
      ['draft', 'submitted', 'returned'].includes(paper.status) ? (
        <div class="alert alert-info" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.approvedVersionOnAgenda(paper.approvedVersion)}</p>
          </div>
        </div>
      ) : null}
      {props.mayReopen || props.mayMarkTreated ? (
        <ActionBar>
          {props.mayReopen ? (
            <ConfirmButton
              action={`${base}/genaabn`}
              csrfToken={props.ctx.csrfToken}
              label={t.reopen}
              question={t.reopenConfirm}
              confirmLabel={da.confirmButtons.reopenPaper}
            />
          ) : null}
          {props.mayMarkTreated ? (
            <form method="post" action={`${base}/behandlet`}>
              <HiddenCsrf token={props.ctx.csrfToken} />
              <button type="submit" class="button button-secondary">
                {t.markTreated}
              </button>
            </form>
          ) : null}
        </ActionBar>
      ) : null}
      <PaperBody detail={detail} headingLevel={2} rules={props.rules} />
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
  const columns: ReadonlyArray<Column<AttachmentRow>> = [
    { header: ta.number, cell: (attachment) => `${ta.title} ${attachment.position}` },
    {
      header: ta.name,
      cell: (attachment) => <a href={attachmentPagePath(attachment.id)}>{attachment.title}</a>,
    },
    { header: ta.file, cell: fileFacts },
  ];
  const last = props.attachments.length - 1;
  const actions: Column<AttachmentRow> = {
    header: ta.actions,
    cell: (attachment) => {
      const index = props.attachments.indexOf(attachment);
      return (
        <>
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
          <ActionBar>
            {index > 0 ? (
              <form method="post" action={`${base}/${attachment.id}/flyt`}>
                <HiddenCsrf token={props.csrfToken} />
                <input type="hidden" name="retning" value="op" />
                <button type="submit" class="button button-tertiary">
                  {ta.moveUp(attachment.position)}
                </button>
              </form>
            ) : null}
            {index < last ? (
              <form method="post" action={`${base}/${attachment.id}/flyt`}>
                <HiddenCsrf token={props.csrfToken} />
                <input type="hidden" name="retning" value="ned" />
                <button type="submit" class="button button-tertiary">
                  {ta.moveDown(attachment.position)}
                </button>
              </form>
            ) : null}
            <ConfirmButton
              action={`${base}/${attachment.id}/slet`}
              csrfToken={props.csrfToken}
              label={ta.remove(attachment.position)}
              question={ta.removeConfirm}
              confirmLabel={da.confirmButtons.removeAttachment}
              isDanger
            />
          </ActionBar>
        </>
      );
    },
  };
  return (
    <section aria-labelledby="attachments-heading" id="bilag">
      <h2 id="attachments-heading">{ta.title}</h2>
      {props.attachments.length === 0 ? (
        <EmptyState message={ta.none} />
      ) : (
        <DataTable
          caption={ta.title}
          columns={[...columns, ...(props.mayEdit ? [actions] : [])]}
          rows={props.attachments}
          rowKey={(attachment) => attachment.id}
          isCompact
        />
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
