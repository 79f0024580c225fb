import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { HiddenCsrf, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatSlot, formatTime } from '../../../platform/i18n/format';
import { formatDuration } from '../duration';
import { isLiveBeforeMeeting, type LiveView } from '../live-view';

const t = da.minutes;

type PlanItem = LiveView['detail']['plan']['items'][number];

/** The live board: each item's planned and used time, the delay and the projected end. */
export function LiveBoard(props: { ctx: PageContext; view: LiveView; mayConduct: boolean }) {
  const { ctx, view, mayConduct } = props;
  const { detail, status } = view;
  const l = t.live;
  const base = `/moeder/${detail.meeting.id}`;
  const isOpen = detail.meeting.status === 'in_progress';
  const isBefore = isLiveBeforeMeeting(detail.meeting.status);
  const current = detail.plan.items.find((item) => item.id === status.currentItemId);
  const liveOf = (item: PlanItem) => view.byItemId.get(item.id)!;
  const columns: ReadonlyArray<Column<PlanItem>> = [
    { header: da.items.number, cell: (item) => item.label },
    { header: da.items.title, cell: (item) => item.title },
    {
      header: l.planned,
      class: 'agenda-slot',
      cell: (item) =>
        item.slot ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes) : '',
    },
    {
      header: l.actual,
      class: 'agenda-slot',
      cell: (item) =>
        item.actualStart
          ? `${formatTime(item.actualStart)} – ${item.actualEnd ? formatTime(item.actualEnd) : ''}`
          : '',
    },
    {
      header: l.elapsed,
      cell: (item) => {
        const live = liveOf(item);
        return (
          <>
            {live.elapsedMinutes === null
              ? ''
              : `${formatDuration(live.elapsedMinutes)} / ${formatDuration(live.plannedMinutes)}`}
            {live.overMinutes > 0 ? (
              <strong>{` (${l.minutesOver(formatDuration(live.overMinutes))})`}</strong>
            ) : null}
          </>
        );
      },
    },
    {
      header: da.meetings.status,
      cell: (item) => (item.isPostponed ? t.item.postponed : l.states[liveOf(item).state]),
    },
  ];
  const actions: Column<PlanItem> = {
    header: da.items.actions,
    cell: (item) => {
      const state = liveOf(item).state;
      if (state === 'pending') {
        return (
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
        );
      }
      if (state === 'running') {
        return (
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
        );
      }
      return l.finished;
    },
  };
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
      {/* Six columns and the start buttons are wider than a phone: the table scrolls in its box. */}
      <DataTable
        caption={t.title}
        columns={[...columns, ...(mayConduct && isOpen ? [actions] : [])]}
        rows={detail.plan.items}
        rowKey={(item) => item.id}
        rowClass={(item) =>
          view.byItemId.get(item.id)!.state === 'running' ? 'live-row--running' : undefined
        }
        scroll
        tableClass="live-table"
      />
    </div>
  );
}
