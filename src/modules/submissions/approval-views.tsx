import { EmptyState } from '../../platform/http/components/empty-state';
import { Checkbox, TextArea, type FieldErrors } from '../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import type { ApprovalQueueRow, ApprovalSettings } from './approval';

const t = da.approvals;

const at = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

/** /godkendelser: the leader's queue, each submission with approve and return. */
export function ApprovalQueuePage(props: {
  ctx: PageContext;
  queue: readonly ApprovalQueueRow[];
  /** Per submission: the errors of a decision that failed, and the comment typed. */
  errors: Record<string, FieldErrors>;
  comments: Record<string, string>;
  notice: 'approved' | 'returned' | null;
}) {
  const { ctx, queue } = props;
  return (
    <Layout ctx={ctx} title={t.queueTitle}>
      <h1>{t.queueTitle}</h1>
      <p>{t.queueIntro}</p>
      {props.notice ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t[props.notice]}</p>
          </div>
        </div>
      ) : null}
      {queue.length === 0 ? <EmptyState message={t.queueEmpty} /> : null}
      {queue.map((submission) => {
        const errors = props.errors[submission.id] ?? {};
        return (
          <section key={submission.id} class="paper-section" aria-labelledby={`s-${submission.id}`}>
            <h2 id={`s-${submission.id}`}>
              <a href={`/sager/${submission.paperId}`}>{submission.paperTitle}</a>
            </h2>
            <dl class="meeting-facts">
              <dt>{t.meeting}</dt>
              <dd>{`${submission.meetingTitle}, ${at(submission.meetingStartsAt)}`}</dd>
              <dt>{t.submittedAt}</dt>
              <dd>{at(submission.submittedAt)}</dd>
              <dt>{da.papers.caseOfficers}</dt>
              <dd>{submission.caseOfficers.join('/') || '–'}</dd>
            </dl>
            <ErrorSummary messages={Object.values(errors)} />
            <form method="post" action={`/godkendelser/${submission.id}/godkend`}>
              <HiddenCsrf token={ctx.csrfToken} />
              <button type="submit" class="button button-primary">
                {t.approve}
              </button>
            </form>
            <form method="post" action={`/godkendelser/${submission.id}/returner`} novalidate>
              <HiddenCsrf token={ctx.csrfToken} />
              <TextArea
                name="comment"
                id={`comment-${submission.id}`}
                label={t.comment}
                errors={errors}
                value={props.comments[submission.id] ?? ''}
                rows={3}
              />
              <button type="submit" class="button button-secondary">
                {t.returnToAuthor}
              </button>
            </form>
          </section>
        );
      })}
    </Layout>
  );
}

/** /admin/godkendelsestrin/:id: the step on or off, and who approves. */
export function ApprovalSettingsPage(props: {
  ctx: PageContext;
  settings: ApprovalSettings;
  candidates: ReadonlyArray<{ id: string; name: string; email: string }>;
  errors: FieldErrors;
  saved: boolean;
}) {
  const { ctx, settings, errors } = props;
  const chosen = new Set(settings.approverUserIds);
  const approverError = errors.approverUserIds;
  return (
    <Layout ctx={ctx} title={t.settingsPageTitle(settings.organizationName)}>
      <h1>{t.settingsPageTitle(settings.organizationName)}</h1>
      <p>{t.settingsIntro}</p>
      {props.saved ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.saved}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={`/admin/godkendelsestrin/${settings.organizationId}`}>
        <HiddenCsrf token={ctx.csrfToken} />
        <Checkbox
          name="isRequired"
          label={t.isRequired}
          errors={errors}
          checked={settings.isRequired}
        />
        <fieldset
          class={approverError ? 'form-group form-error' : 'form-group'}
          aria-describedby={approverError ? 'approverUserIds-error' : 'approverUserIds-hint'}
        >
          <legend class="form-label">{t.approvers}</legend>
          <span class="form-hint" id="approverUserIds-hint">
            {t.approversHint}
          </span>
          {approverError ? (
            <span class="form-error-message" id="approverUserIds-error">
              {approverError}
            </span>
          ) : null}
          {props.candidates.length === 0 ? <p>{t.noCandidates}</p> : null}
          {props.candidates.map((user) => (
            <div class="form-group-checkbox" key={user.id}>
              <input
                id={`approver-${user.id}`}
                name="approverUserIds"
                type="checkbox"
                class="form-checkbox"
                value={user.id}
                checked={chosen.has(user.id)}
              />
              <label class="form-label" for={`approver-${user.id}`}>
                {user.name}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          {da.meetings.save}
        </button>
      </form>
    </Layout>
  );
}
