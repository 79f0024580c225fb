import { describe, expect, it } from 'vitest';
import { computeLiveStatus, type LiveInputItem } from './live';

const at = (clock: string) => new Date(`2023-11-15T${clock}:00+01:00`);

/** Three items planned 18:15–18:25, 18:25–18:45 and 18:45–19:00, plus a 0-minute item. */
function agenda(actual: Record<string, [string | null, string | null]> = {}): LiveInputItem[] {
  const planned: Array<[string, number, string | null, string | null]> = [
    ['a', 10, '18:15', '18:25'],
    ['b', 20, '18:25', '18:45'],
    ['orienteringer', 0, null, null],
    ['c', 15, '18:45', '19:00'],
  ];
  return planned.map(([id, minutes, start, end]) => {
    const [actualStart, actualEnd] = actual[id] ?? [null, null];
    return {
      id,
      durationMinutes: minutes,
      slot: start && end ? { start: at(start), end: at(end) } : null,
      actualStart: actualStart ? at(actualStart) : null,
      actualEnd: actualEnd ? at(actualEnd) : null,
      isPostponed: false,
    };
  });
}
const plannedEnd = at('19:00');

describe('computeLiveStatus', () => {
  it('is on time before the meeting opens', () => {
    const status = computeLiveStatus({ items: agenda(), plannedEnd }, at('18:30'), false);
    expect(status.delayMinutes).toBe(0);
    expect(status.currentItemId).toBeNull();
    expect(status.items.every((item) => item.state === 'pending')).toBe(true);
  });

  it('counts a late start once the first item should have begun, never an early one', () => {
    expect(computeLiveStatus({ items: agenda(), plannedEnd }, at('18:27'), true).delayMinutes).toBe(
      12,
    );
    expect(computeLiveStatus({ items: agenda(), plannedEnd }, at('18:05'), true).delayMinutes).toBe(
      0,
    );
  });

  it('projects the running item to its planned length, or to now when it runs over', () => {
    const items = agenda({ a: ['18:15', '18:27'], b: ['18:27', null] });
    const early = computeLiveStatus({ items, plannedEnd }, at('18:30'), true);
    expect(early.currentItemId).toBe('b');
    // b started 2 min late and is planned to take 20 minutes: ends 18:47, 2 min behind.
    expect(early.delayMinutes).toBe(2);
    expect(early.projectedEnd).toEqual(at('19:02'));
    const b = early.items.find((item) => item.id === 'b')!;
    expect(b).toMatchObject({ state: 'running', elapsedMinutes: 3, overMinutes: 0 });

    const over = computeLiveStatus({ items, plannedEnd }, at('18:59'), true);
    expect(over.delayMinutes).toBe(14);
    expect(over.items.find((item) => item.id === 'b')).toMatchObject({ overMinutes: 12 });
  });

  it('is ahead when items finish early and the next has not started', () => {
    const items = agenda({ a: ['18:15', '18:20'] });
    const status = computeLiveStatus({ items, plannedEnd }, at('18:21'), true);
    expect(status.delayMinutes).toBe(-4);
    expect(status.projectedEnd).toEqual(at('18:56'));
    expect(status.items.find((item) => item.id === 'a')).toMatchObject({
      state: 'done',
      elapsedMinutes: 5,
    });
  });

  it('keeps the final difference after the last item ends', () => {
    const items = agenda({
      a: ['18:15', '18:25'],
      b: ['18:25', '18:50'],
      c: ['18:50', '19:07'],
    });
    const status = computeLiveStatus({ items, plannedEnd }, at('19:30'), false);
    expect(status.delayMinutes).toBe(7);
    expect(status.projectedEnd).toEqual(at('19:07'));
  });

  it('leaves a postponed item out of the clock', () => {
    const items = agenda({ a: ['18:15', '18:25'] }).map((item) =>
      item.id === 'b' ? { ...item, isPostponed: true } : item,
    );
    // The next item to treat is c, planned at 18:45: at 18:26 the meeting is 19 min ahead.
    expect(computeLiveStatus({ items, plannedEnd }, at('18:26'), true).delayMinutes).toBe(-19);
  });
});
