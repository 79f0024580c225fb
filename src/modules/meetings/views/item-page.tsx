import { ActionBar } from '../../../platform/http/components/action-bar';
import { ConfirmButton } from '../../../platform/http/components/confirm-button';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { StatusTag, statusTag } from '../../../platform/http/components/status-tag';
import { FileField, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import {
  formatDateLong,
  formatFileSize,
  formatTime,
  toLocalDate,
} from '../../../platform/i18n/format';
import { attachmentPagePath, PaperBody } from '../../papers/index';
import type { ItemAttachmentRow } from '../item-attachment-repository';
import type { ItemPageData } from '../item-page';
import type { MeetingAbilities } from '../policy';
import { ClosureReasonNote, itemPagePath, slotText } from './agenda-parts';

const ti = da.items;
const tp = da.itemPage;
const acceptedFiles = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

const at = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

/** The page of one agenda item: what it is, the memo it treats, its bilag, minutes and history. */
export function ItemPage(props: {
  ctx: PageContext;
  data: ItemPageData;
  abilities: MeetingAbilities;
  maxUploadMb: number;
  /** A refused upload: the messages shown at the form that sent it. */
  uploadErrors?: FieldErrors;
  /** Which form the errors belong to: the new bilag form, or a title-only bilag's file form. */
  errorsFor?: string;
}) {
  const { data, abilities, ctx } = props;
  const { detail, item, paper } = data;
  const meetingPath = `/moeder/${detail.meeting.id}`;
  const base = itemPagePath(detail.meeting.id, item.id);
  const title = tp.title(item.number, item.title);
  return (
    <Layout ctx={ctx} title={`${title} – ${detail.meeting.title}`}>
      <p>
        <a href={`${meetingPath}#punkt-${item.id}`}>
          {`← ${tp.backToMeeting(`${detail.meeting.title}, ${formatDateLong(detail.meeting.startsAt)}`)}`}
        </a>
      </p>
      <h1>{title}</h1>
      {!item.isPublic ? (
        <p>
          <StatusTag label={ti.closed} />
        </p>
      ) : null}
      <ClosureReasonNote item={item} />
      <ItemFacts data={data} />
      {abilities.mayEditAgenda ? (
        <ActionBar>
          <a class="button button-secondary" href={`${base}/rediger`}>
            {ti.editTitle}
          </a>
        </ActionBar>
      ) : null}
      <section aria-labelledby="paper-heading">
        <h2 id="paper-heading">{tp.paper}</h2>
        {item.paperId === null ? (
          <p>{tp.noPaper}</p>
        ) : paper === null ? (
          <p>{tp.paperHidden}</p>
        ) : (
          <>
            <p>
              <a href={`/sager/${paper.paper.id}`}>{`${tp.paperLink}: ${paper.paper.title}`}</a>
            </p>
            <PaperBody detail={paper} headingLevel={3} />
          </>
        )}
      </section>
      <Attachments
        {...props}
        base={base}
        mayEdit={abilities.mayEditAgenda}
        isLocked={abilities.isLocked && abilities.mayConduct}
      />
      <Minutes data={data} mayConduct={abilities.mayConduct} base={base} />
      <FollowUps data={data} />
      <History data={data} />
    </Layout>
  );
}

function ItemFacts({ data }: { data: ItemPageData }) {
  const { item } = data;
  return (
    <dl class="meeting-facts">
      <dt>{ti.slot}</dt>
      <dd>{slotText(item) || ti.noSlot}</dd>
      {item.purpose ? (
        <>
          <dt>{ti.purpose}</dt>
          <dd>{item.purpose}</dd>
        </>
      ) : null}
      {item.method ? (
        <>
          <dt>{ti.method}</dt>
          <dd>{item.method}</dd>
        </>
      ) : null}
      {item.responsible.length > 0 ? (
        <>
          <dt>{ti.responsible}</dt>
          <dd>{item.responsible.join('/')}</dd>
        </>
      ) : null}
      {item.note ? (
        <>
          <dt>{ti.note}</dt>
          <dd>{item.note}</dd>
        </>
      ) : null}
    </dl>
  );
}

function fileFacts(attachment: ItemAttachmentRow): string {
  if (attachment.fileName === null || attachment.mediaType === null) return tp.titleOnly;
  const kind = da.files.kinds[attachment.mediaType] ?? attachment.mediaType;
  const pages = attachment.pageCount === null ? '' : `, ${da.files.pages(attachment.pageCount)}`;
  const size = attachment.byteSize === null ? '' : `, ${formatFileSize(attachment.byteSize)}`;
  return `${attachment.fileName} (${kind}${pages}${size})`;
}

/**
 * The item's bilag as numbered in the package: the memo's first (changed on the memo), then the
 * item's own, which the secretariat uploads, gives a file, reorders and removes here.
 */
function Attachments(props: {
  ctx: PageContext;
  data: ItemPageData;
  base: string;
  mayEdit: boolean;
  isLocked: boolean;
  maxUploadMb: number;
  uploadErrors?: FieldErrors;
  errorsFor?: string;
}) {
  const { data, base, mayEdit, ctx } = props;
  const fromPaper = data.item.attachments.filter((attachment) => attachment.fromPaper);
  const own = data.ownAttachments;
  const errors = props.uploadErrors ?? {};
  const errorsOf = (form: string) => (props.errorsFor === form ? errors : {});
  const csrf = <HiddenCsrf token={ctx.csrfToken} />;
  return (
    <section aria-labelledby="attachments-heading" id="bilag">
      <h2 id="attachments-heading">{tp.attachments}</h2>
      {props.isLocked ? <p>{tp.locked}</p> : null}
      {fromPaper.length === 0 && own.length === 0 ? (
        <EmptyState message={tp.noAttachments} />
      ) : null}
      <ol class="attachment-list">
        {fromPaper.map((attachment) => (
          <li key={attachment.id}>
            <a href={attachmentPagePath(attachment.id)}>
              {`${ti.attachments} ${attachment.position}: ${attachment.title}`}
            </a>
            {` (${tp.fromPaper})`}
          </li>
        ))}
        {own.map((attachment, index) => {
          const number = fromPaper.length + attachment.position;
          const label = `${ti.attachments} ${number}: ${attachment.title}`;
          const formId = `fil-${attachment.id}`;
          return (
            <li key={attachment.id} id={`bilag-${attachment.id}`}>
              {attachment.fileName === null ? (
                label
              ) : (
                <a href={`${base}/bilag/${attachment.id}`}>{label}</a>
              )}
              <p class="form-hint">{fileFacts(attachment)}</p>
              {attachment.fileName === null ? <p>{tp.titleOnlyNote}</p> : null}
              {mayEdit && attachment.fileName === null ? (
                <form
                  method="post"
                  action={`${base}/bilag/${attachment.id}/fil`}
                  enctype="multipart/form-data"
                >
                  <ErrorSummary messages={Object.values(errorsOf(formId))} />
                  {csrf}
                  <FileField
                    name="file"
                    id={formId}
                    label={tp.uploadFor(number)}
                    hint={da.attachments.fileHint(props.maxUploadMb)}
                    errors={errorsOf(formId)}
                    accept={acceptedFiles}
                  />
                  <button type="submit" class="button button-secondary">
                    {tp.uploadForButton(number)}
                  </button>
                </form>
              ) : null}
              {mayEdit ? (
                <ActionBar>
                  {index > 0 ? (
                    <form method="post" action={`${base}/bilag/${attachment.id}/flyt`}>
                      {csrf}
                      <input type="hidden" name="retning" value="op" />
                      <button type="submit" class="button button-tertiary">
                        {da.attachments.moveUp(number)}
                      </button>
                    </form>
                  ) : null}
                  {index < own.length - 1 ? (
                    <form method="post" action={`${base}/bilag/${attachment.id}/flyt`}>
                      {csrf}
                      <input type="hidden" name="retning" value="ned" />
                      <button type="submit" class="button button-tertiary">
                        {da.attachments.moveDown(number)}
                      </button>
                    </form>
                  ) : null}
                  <ConfirmButton
                    action={`${base}/bilag/${attachment.id}/slet`}
                    csrfToken={ctx.csrfToken}
                    label={da.attachments.remove(number)}
                    question={tp.removeConfirm}
                    confirmLabel={da.confirmButtons.removeAttachment}
                    isDanger
                  />
                </ActionBar>
              ) : null}
            </li>
          );
        })}
      </ol>
      {mayEdit ? (
        <form method="post" action={`${base}/bilag`} enctype="multipart/form-data">
          <h3>{tp.upload}</h3>
          <ErrorSummary messages={Object.values(errorsOf('ny'))} />
          {csrf}
          <TextField
            name="title"
            label={da.attachments.uploadTitle}
            hint={da.attachments.uploadTitleHint}
            errors={errorsOf('ny')}
            value=""
          />
          <FileField
            name="file"
            label={da.attachments.fileField}
            hint={`${da.attachments.fileHint(props.maxUploadMb)} ${tp.uploadHint}`}
            errors={errorsOf('ny')}
            accept={acceptedFiles}
            multiple
          />
          <button type="submit" class="button button-primary">
            {da.attachments.uploadButton}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Minutes(props: { data: ItemPageData; mayConduct: boolean; base: string }) {
  const { item, showsMinutes } = props.data;
  if (!showsMinutes) return null;
  const paragraphs = (item.minutesText ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <section aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{tp.minutes}</h2>
      {paragraphs.length === 0 && !item.decision ? <EmptyState message={tp.noMinutes} /> : null}
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      {item.decision ? (
        <>
          <h3>{tp.decision}</h3>
          <p>{item.decision}</p>
        </>
      ) : null}
      {props.mayConduct ? (
        <p>
          <a href={`${props.base}/referat`}>{tp.minutesLink}</a>
        </p>
      ) : null}
    </section>
  );
}

function FollowUps({ data }: { data: ItemPageData }) {
  const { item, showsMinutes } = data;
  if (!showsMinutes) return null;
  const f = da.minutes.followUps;
  const today = toLocalDate(new Date());
  return (
    <section aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">{tp.followUps}</h2>
      {item.followUps.length === 0 ? (
        <EmptyState message={tp.noFollowUps} />
      ) : (
        <ul class="follow-up-list">
          {item.followUps.map((followUp) => {
            const state =
              followUp.status === 'open' && followUp.dueDate < today ? 'overdue' : followUp.status;
            return (
              <li key={followUp.id}>
                {statusTag(state, f.statuses, { done: 'success', overdue: 'error' })}
                {` ${followUp.text} (${f.owner}: ${followUp.ownerName}, ${f.dueDate}: ${formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`))})`}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function History({ data }: { data: ItemPageData }) {
  const showsWho = data.history.some((event) => event.actorLabel !== null);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{tp.history}</h2>
      {data.history.length === 0 ? (
        <EmptyState message={tp.noHistory} />
      ) : (
        <ol class="item-history">
          {data.history.map((event) => (
            <li key={event.id}>
              {`${at(event.at)}: ${tp.actions[event.action] ?? tp.otherAction}`}
              {showsWho && event.actorLabel ? ` (${tp.who} ${event.actorLabel})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
