import { HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { isLiveBeforeMeeting, type LiveView } from '../live-view';
import { LiveBoard } from './live-board';

const t = da.minutes;

export function LivePage(props: { ctx: PageContext; view: LiveView; mayConduct: boolean }) {
  const { detail } = props.view;
  const base = `/moeder/${detail.meeting.id}`;
  const isOver =
    detail.meeting.status !== 'in_progress' && !isLiveBeforeMeeting(detail.meeting.status);
  return (
    <Layout
      ctx={props.ctx}
      title={t.live.title(detail.meeting.title)}
      scripts={['/static/app/live.js']}
    >
      <p>
        <a href={base}>{`← ${detail.meeting.title}`}</a>
      </p>
      <h1>{t.live.title(detail.meeting.title)}</h1>
      <p>
        {props.mayConduct && detail.meeting.status !== 'planned' ? (
          <>
            <a href={`${base}/afvikling`}>{t.run.link}</a>
            {' · '}
          </>
        ) : null}
        <a href={`${base}/storskaerm`}>{t.live.bigScreen}</a>
      </p>
      {/* After the meeting the board no longer changes: no event stream is opened for it. */}
      <div
        data-live-source={isOver ? undefined : `${base}/live/events`}
        data-live-fragment={isOver ? undefined : `${base}/live/tavle`}
      >
        <LiveBoard {...props} />
      </div>
      {props.mayConduct && detail.meeting.status === 'agenda_released' ? (
        <form method="post" action={`${base}/start`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-primary">
            {t.startMeeting}
          </button>
        </form>
      ) : null}
      {props.mayConduct && detail.meeting.status === 'in_progress' ? (
        <form method="post" action={`${base}/afslut`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t.endMeeting}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
