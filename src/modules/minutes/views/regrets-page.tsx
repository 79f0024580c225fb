import { TextArea, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { MeetingRow } from '../../meetings/index';
import type { AttendanceEntry } from '../attendance';

const t = da.minutes.regrets;

/** Afbud: a member sends afbud for the meeting, with an optional reason, or takes it back. */
export function RegretsPage(props: {
  ctx: PageContext;
  meeting: MeetingRow;
  entry: AttendanceEntry;
  reason: string;
  errors: FieldErrors;
}) {
  const { ctx, meeting, entry } = props;
  const base = `/moeder/${meeting.id}`;
  const title = `${t.title}: ${meeting.title}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{`← ${meeting.title}`}</a>
      </p>
      <h1>{title}</h1>
      <p>{`${formatDateLong(meeting.startsAt)} kl. ${formatTime(meeting.startsAt)}`}</p>
      <ErrorSummary messages={Object.values(props.errors)} />
      {entry.status === 'sent_regrets' ? (
        <>
          <p>{t.sent}</p>
          {entry.reason ? <p>{`${t.reason}: ${entry.reason}`}</p> : null}
          {entry.substitute ? (
            <p>{t.substituteCalledIn(entry.substitute.name)}</p>
          ) : (
            <form method="post" action={`${base}/afbud/tilbage`}>
              <HiddenCsrf token={ctx.csrfToken} />
              <button type="submit" class="button button-secondary">
                {t.withdraw}
              </button>
            </form>
          )}
        </>
      ) : (
        <form method="post" action={`${base}/afbud`}>
          <HiddenCsrf token={ctx.csrfToken} />
          <TextArea
            name="reason"
            label={t.reason}
            hint={t.reasonHint}
            value={props.reason}
            errors={props.errors}
            rows={3}
          />
          <button type="submit" class="button button-primary">
            {t.send}
          </button>
        </form>
      )}
    </Layout>
  );
}
