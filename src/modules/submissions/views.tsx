import { EmptyState } from '../../platform/http/components/empty-state';
import { Checkbox, Select, TextArea, TextField, type FieldErrors } from '../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import type { SubmissionRow } from './repository';
import type { QueueRow } from './service';

const t = da.submissions;

function when(date: Date): string {
  return `${formatDateLong(date)} kl. ${formatTime(date)}`;
}

function SubmissionFacts({ submission }: { submission: SubmissionRow }) {
  return (
    <>
      <dt>{t.statuses[submission.status]}</dt>
      <dd>
        {`${when(submission.submittedAt)} · ${t.deadline} ${when(submission.deadline)} · ${submission.isLate ? t.late : t.onTime}`}
        {submission.decisionComment ? <p>{`${t.comment}: ${submission.decisionComment}`}</p> : null}
      </dd>
    </>
  );
}

export function SubmitPage(props: {
  ctx: PageContext;
  paper: { id: string; title: string; organizationName: string };
  mayWrite: boolean;
  isEditable: boolean;
  meetings: Array<{ value: string; label: string }>;
  history: SubmissionRow[];
  values: { meetingId?: string; durationMinutes?: string };
  errors: FieldErrors;
}) {
  const base = `/sager/${props.paper.id}`;
  return (
    <Layout ctx={props.ctx} title={`${t.submitTitle} – ${props.paper.title}`}>
      <p>
        <a href={base}>{`← ${props.paper.title}`}</a>
      </p>
      <h1>{t.submitTitle}</h1>
      {props.history.length > 0 ? (
        <section>
          <h2>{t.history}</h2>
          <dl class="meeting-facts">
            {props.history.map((submission) => (
              <SubmissionFacts key={submission.id} submission={submission} />
            ))}
          </dl>
        </section>
      ) : null}
      {props.mayWrite && props.isEditable ? (
        props.meetings.length === 0 ? (
          <EmptyState message={t.noMeetings} />
        ) : (
          <form method="post" action={`${base}/indsend`} novalidate>
            <HiddenCsrf token={props.ctx.csrfToken} />
            <ErrorSummary messages={Object.values(props.errors)} />
            <Select
              name="meetingId"
              label={t.meeting}
              errors={props.errors}
              value={props.values.meetingId}
              options={props.meetings}
              required
            />
            <TextField
              name="durationMinutes"
              label={t.duration}
              errors={props.errors}
              value={props.values.durationMinutes ?? '10'}
              inputMode="numeric"
              width="xs"
              required
            />
            <button type="submit" class="button button-primary">
              {t.submit}
            </button>
          </form>
        )
      ) : null}
    </Layout>
  );
}

export function QueuePage(props: {
  ctx: PageContext;
  meeting: { id: string; title: string; date: string };
  queue: QueueRow[];
  errors: Record<string, FieldErrors>;
}) {
  return (
    <Layout ctx={props.ctx} title={`${t.queueTitle} – ${props.meeting.title}`}>
      <p>
        <a
          href={`/moeder/${props.meeting.id}`}
        >{`← ${props.meeting.title}, ${props.meeting.date}`}</a>
      </p>
      <h1>{`${t.queueTitle}: ${props.meeting.title}, ${props.meeting.date}`}</h1>
      {props.queue.length === 0 ? <EmptyState message={t.queueEmpty} /> : null}
      {props.queue.map((submission) => {
        const errors = props.errors[submission.id] ?? {};
        return (
          <section key={submission.id} class="paper-section">
            <h2>
              <a href={`/sager/${submission.paperId}`}>{submission.paperTitle}</a>
            </h2>
            <dl class="meeting-facts">
              <SubmissionFacts submission={submission} />
              <dt>{t.duration}</dt>
              <dd>{`${submission.durationMinutes} min.`}</dd>
              <dt>{da.papers.caseOfficers}</dt>
              <dd>{submission.caseOfficers.join('/') || '–'}</dd>
            </dl>
            {submission.status === 'pending' ? (
              <>
                <ErrorSummary messages={Object.values(errors)} />
                <form method="post" action={`/indsendelser/${submission.id}/godkend`}>
                  <HiddenCsrf token={props.ctx.csrfToken} />
                  {submission.isLate ? (
                    <Checkbox
                      name="acceptLate"
                      id={`acceptLate-${submission.id}`}
                      label={t.acceptLate}
                      errors={errors}
                      checked={false}
                    />
                  ) : null}
                  <button type="submit" class="button button-primary">
                    {t.approve}
                  </button>
                </form>
                <form method="post" action={`/indsendelser/${submission.id}/returner`} novalidate>
                  <HiddenCsrf token={props.ctx.csrfToken} />
                  <TextArea
                    name="comment"
                    id={`comment-${submission.id}`}
                    label={t.comment}
                    errors={errors}
                    value=""
                    rows={3}
                  />
                  <button type="submit" class="button button-secondary">
                    {t.returnToAuthor}
                  </button>
                </form>
              </>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}
