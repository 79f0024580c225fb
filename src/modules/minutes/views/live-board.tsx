import { HiddenCsrf, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatSlot, formatTime } from '../../../platform/i18n/format';
import { formatDuration } from '../duration';
import { isLiveBeforeMeeting, type LiveView } from '../live-view';

const t = da.minutes;

/** The live board: each item's planned and used time, the delay and the projected end. */
export function LiveBoard(props: { ctx: PageContext; view: LiveView; mayConduct: boolean }) {
  const { ctx, view, mayConduct } = props;
  const { detail, status } = view;
  const l = t.live;
  const base = `/moeder/${detail.meeting.id}`;
  const isOpen = detail.meeting.status === 'in_progress';
  const isBefore = isLiveBeforeMeeting(detail.meeting.status);
  const current = detail.plan.items.find((item) => item.id === status.currentItemId);
  return (
    <div id="live-board" aria-live="polite">
      <dl class="live-summary">
        <dt>{l.current}</dt>
        <dd>{current ? `${current.label} ${current.title}` : l.none}</dd>
        <dt>{da.meetings.status}</dt>
        <dd class={`live-delay${status.delayMinutes > 0 ? ' live-delay--behind' : ''}`}>
          {view.delayText}
        </dd>
        <dt>{l.plannedEnd}</dt>
        <dd>{formatTime(detail.plan.plannedEnd)}</dd>
        <dt>{l.projectedEnd}</dt>
        <dd>{formatTime(status.projectedEnd)}</dd>
      </dl>
      <p class="form-hint">{isOpen ? l.updates : isBefore ? l.notOpen : l.isOver}</p>
      {/* Four columns and the start buttons are wider than a phone: the table scrolls in its box. */}
      <div class="table-scroll" role="region" aria-label={t.title} tabIndex={0}>
        <table class="table live-table">
          <caption class="sr-only">{t.title}</caption>
          <thead>
            <tr>
              <th scope="col">{da.items.number}</th>
              <th scope="col">{da.items.title}</th>
              <th scope="col">{l.planned}</th>
              <th scope="col">{l.actual}</th>
              <th scope="col">{l.elapsed}</th>
              <th scope="col">{da.meetings.status}</th>
              {mayConduct && isOpen ? <th scope="col">{da.items.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {detail.plan.items.map((item) => {
              const live = view.byItemId.get(item.id)!;
              return (
                <tr
                  key={item.id}
                  class={live.state === 'running' ? 'live-row--running' : undefined}
                >
                  <td>{item.label}</td>
                  <td>{item.title}</td>
                  <td class="agenda-slot">
                    {item.slot
                      ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes)
                      : ''}
                  </td>
                  <td class="agenda-slot">
                    {item.actualStart
                      ? `${formatTime(item.actualStart)} – ${item.actualEnd ? formatTime(item.actualEnd) : ''}`
                      : ''}
                  </td>
                  <td>
                    {live.elapsedMinutes === null
                      ? ''
                      : `${formatDuration(live.elapsedMinutes)} / ${formatDuration(live.plannedMinutes)}`}
                    {live.overMinutes > 0 ? (
                      <strong>{` (${l.minutesOver(formatDuration(live.overMinutes))})`}</strong>
                    ) : null}
                  </td>
                  <td>{item.isPostponed ? t.item.postponed : l.states[live.state]}</td>
                  {mayConduct && isOpen ? (
                    <td>
                      {live.state === 'pending' ? (
                        <form method="post" action={`${base}/punkter/${item.id}/start`}>
                          <HiddenCsrf token={ctx.csrfToken} />
                          <button
                            type="submit"
                            class="button button-tertiary"
                            aria-label={l.startLabel(item.title)}
                          >
                            {l.start}
                          </button>
                        </form>
                      ) : live.state === 'running' ? (
                        <form method="post" action={`${base}/punkter/${item.id}/afslut`}>
                          <HiddenCsrf token={ctx.csrfToken} />
                          <button
                            type="submit"
                            class="button button-tertiary"
                            aria-label={l.endLabel(item.title)}
                          >
                            {l.end}
                          </button>
                        </form>
                      ) : (
                        l.finished
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
