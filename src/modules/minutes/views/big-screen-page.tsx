import { da } from '../../../platform/i18n/da';
import { formatSlot, formatTime } from '../../../platform/i18n/format';
import { formatDuration } from '../duration';
import { isLiveBeforeMeeting, type LiveView } from '../live-view';

const t = da.minutes.bigScreen;

type PlanItem = LiveView['detail']['plan']['items'][number];

/** How many of the items still to come the screen lists. */
const nextItemCount = 3;

/**
 * What a projector may show of an item to everyone in the room: a closed item only by its
 * neutral title, whoever is signed in on the screen's computer.
 */
function shownTitle(item: PlanItem): string {
  return item.isPublic ? item.title : (item.publicTitle ?? da.items.closed);
}

/**
 * The big screen's board: the item being treated (number, title, its time against the plan),
 * the meeting against its plan, and the next items. Replaced whole when the meeting changes
 * (live.js, as the live view's board).
 */
export function BigScreenBoard(props: { view: LiveView }) {
  const { detail, status } = props.view;
  const current = detail.plan.items.find((item) => item.id === status.currentItemId);
  const live = current ? props.view.byItemId.get(current.id) : undefined;
  const next = detail.plan.items
    .filter(
      (item) => item.id !== current?.id && props.view.byItemId.get(item.id)?.state === 'pending',
    )
    .filter((item) => !item.isPostponed)
    .slice(0, nextItemCount);
  const isBefore = isLiveBeforeMeeting(detail.meeting.status);
  const isOver = detail.meeting.status !== 'in_progress' && !isBefore;
  return (
    <div id="live-board" class="big-screen-board" aria-live="polite">
      <section aria-labelledby="big-screen-current" class="big-screen-current">
        <h2 id="big-screen-current" class="big-screen-label">
          {t.current}
        </h2>
        {current ? (
          <>
            <p class="big-screen-item">
              <span class="big-screen-number">{current.label}</span> {shownTitle(current)}
            </p>
            {live && live.elapsedMinutes !== null ? (
              <p class="big-screen-clock">
                {t.itemTime(
                  formatDuration(live.elapsedMinutes),
                  formatDuration(live.plannedMinutes),
                )}
              </p>
            ) : null}
          </>
        ) : (
          <p class="big-screen-item">{isBefore ? t.notStarted : isOver ? t.over : t.between}</p>
        )}
      </section>
      <dl class="big-screen-plan">
        <div>
          <dt>{t.plan}</dt>
          <dd class={status.delayMinutes > 0 ? 'big-screen-behind' : undefined}>
            {props.view.delayText}
          </dd>
        </div>
        <div>
          <dt>{da.minutes.live.projectedEnd}</dt>
          <dd>{formatTime(status.projectedEnd)}</dd>
        </div>
      </dl>
      {/* After the meeting nothing comes next, even items that were never started. */}
      {isOver ? null : (
        <section aria-labelledby="big-screen-next">
          <h2 id="big-screen-next" class="big-screen-label">
            {t.next}
          </h2>
          {next.length === 0 ? (
            <p>{t.noNext}</p>
          ) : (
            <ol class="big-screen-next">
              {next.map((item) => (
                <li key={item.id}>
                  <span class="big-screen-number">{item.label}</span> {shownTitle(item)}
                  {item.slot ? (
                    <span class="big-screen-slot">
                      {formatSlot(item.slot.start, item.slot.end, item.durationMinutes)}
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * Storskærm: the meeting room's projector. No menu and no controls; large type on a dark
 * ground, readable from the back of the room; it follows the secretary's live view.
 */
export function BigScreenPage(props: { view: LiveView }) {
  const { meeting } = props.view.detail;
  const base = `/moeder/${meeting.id}`;
  const isOver = meeting.status !== 'in_progress' && !isLiveBeforeMeeting(meeting.status);
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t.title(meeting.title)} – ${da.appName}`}</title>
        <link rel="icon" href="/static/app/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/static/app/app.css" />
      </head>
      <body class="big-screen">
        <main id="main-content">
          <h1 class="big-screen-title">{meeting.title}</h1>
          {/* After the meeting the screen no longer changes: no event stream is opened. */}
          <div
            data-live-source={isOver ? undefined : `${base}/live/events`}
            data-live-fragment={isOver ? undefined : `${base}/storskaerm/tavle`}
          >
            <BigScreenBoard view={props.view} />
          </div>
        </main>
        <script type="module" src="/static/app/live.js" />
      </body>
    </html>
  );
}
