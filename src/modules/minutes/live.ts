import { addMinutes } from '../../platform/i18n/format';
import type { Slot } from '../meetings/index';

/** What the live view needs of an item: its planned slot and what actually happened. */
export type LiveInputItem = {
  id: string;
  durationMinutes: number;
  slot: Slot | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  isPostponed: boolean;
};

export type LiveItemState = 'pending' | 'running' | 'done';

export type LiveItem = {
  id: string;
  state: LiveItemState;
  /** Whole minutes since the item started (to its end when done); null before it starts. */
  elapsedMinutes: number | null;
  plannedMinutes: number;
  /** Minutes over the planned time while running or when done; 0 otherwise. */
  overMinutes: number;
};

export type LiveStatus = {
  items: LiveItem[];
  /** The item being treated now, if any. */
  currentItemId: string | null;
  /** Positive: minutes behind the time plan; negative: ahead. */
  delayMinutes: number;
  /** The planned end moved by the delay. */
  projectedEnd: Date;
};

const minutesBetween = (from: Date, to: Date) =>
  Math.floor((to.getTime() - from.getTime()) / 60_000);

const roundedMinutes = (from: Date, to: Date) =>
  Math.round((to.getTime() - from.getTime()) / 60_000);

function stateOf(item: LiveInputItem): LiveItemState {
  if (item.actualStart === null) return 'pending';
  return item.actualEnd === null ? 'running' : 'done';
}

/**
 * How the meeting stands against its time plan at `now`. The delay is measured at the point the
 * meeting has reached: the running item's projected end against its planned end; between items,
 * the next item's planned start against now (or the last end, if later); before the first item,
 * how late the meeting is in starting. Items without a slot (0 minutes) do not move the clock.
 */
export function computeLiveStatus(
  plan: { items: readonly LiveInputItem[]; plannedEnd: Date },
  now: Date,
  meetingOpen: boolean,
): LiveStatus {
  const timed = plan.items.filter((item) => item.slot !== null && !item.isPostponed);
  const items = plan.items.map((item): LiveItem => {
    const state = stateOf(item);
    const elapsed =
      item.actualStart === null ? null : minutesBetween(item.actualStart, item.actualEnd ?? now);
    return {
      id: item.id,
      state,
      elapsedMinutes: elapsed,
      plannedMinutes: item.durationMinutes,
      overMinutes: elapsed === null ? 0 : Math.max(0, elapsed - item.durationMinutes),
    };
  });
  const running = timed.find((item) => stateOf(item) === 'running');
  const runningAny = plan.items.find((item) => stateOf(item) === 'running');
  let delay = 0;
  if (running && running.slot && running.actualStart) {
    const projectedItemEnd = new Date(
      Math.max(now.getTime(), addMinutes(running.actualStart, running.durationMinutes).getTime()),
    );
    delay = roundedMinutes(running.slot.end, projectedItemEnd);
  } else {
    const done = timed.filter((item) => stateOf(item) === 'done');
    const next = timed.find((item) => stateOf(item) === 'pending');
    const lastEnd = done.reduce<Date | null>(
      (latest, item) =>
        latest === null || (item.actualEnd && item.actualEnd > latest) ? item.actualEnd : latest,
      null,
    );
    if (next?.slot && lastEnd === null) {
      // Not started yet: late only once the first item's planned start has passed.
      delay = meetingOpen ? Math.max(0, roundedMinutes(next.slot.start, now)) : 0;
    } else if (next?.slot && lastEnd !== null) {
      const reached = meetingOpen ? new Date(Math.max(now.getTime(), lastEnd.getTime())) : lastEnd;
      delay = roundedMinutes(next.slot.start, reached);
    } else if (lastEnd !== null) {
      delay = roundedMinutes(timed[timed.length - 1]!.slot!.end, lastEnd);
    }
  }
  return {
    items,
    currentItemId: runningAny?.id ?? null,
    delayMinutes: delay,
    projectedEnd: addMinutes(plan.plannedEnd, delay),
  };
}
