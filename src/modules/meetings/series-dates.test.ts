import { describe, expect, it } from 'vitest';
import { toIsoWithOffset } from '../../platform/i18n/format';
import { seriesDates } from './series-dates';

const rule = {
  firstDate: '2025-01-08',
  lastDate: '2025-02-19',
  everyWeeks: 2,
  startTime: '18:15',
  durationMinutes: 90,
};

describe('seriesDates', () => {
  it('makes every second Wednesday from the first date up to the last, both included', () => {
    const { dates, skipped } = seriesDates(rule);
    expect(dates.map((date) => date.date)).toEqual([
      '2025-01-08',
      '2025-01-22',
      '2025-02-05',
      '2025-02-19',
    ]);
    expect(skipped).toEqual([]);
    expect(toIsoWithOffset(dates[0]!.start)).toBe('2025-01-08T18:15:00+01:00');
    expect(toIsoWithOffset(dates[0]!.end)).toBe('2025-01-08T19:45:00+01:00');
  });

  it('makes weekly and four-weekly series', () => {
    expect(seriesDates({ ...rule, everyWeeks: 1 }).dates).toHaveLength(7);
    expect(seriesDates({ ...rule, everyWeeks: 4 }).dates.map((date) => date.date)).toEqual([
      '2025-01-08',
      '2025-02-05',
    ]);
  });

  it('skips public holidays and the days municipal offices close, and says why', () => {
    // Thursdays in spring 2025: skærtorsdag 17 April and Kristi himmelfartsdag 29 May.
    const thursdays = seriesDates({
      ...rule,
      firstDate: '2025-04-10',
      lastDate: '2025-06-05',
      everyWeeks: 1,
    });
    expect(thursdays.skipped).toEqual([
      { date: '2025-04-17', reason: 'skaertorsdag' },
      { date: '2025-05-29', reason: 'kristi_himmelfartsdag' },
      { date: '2025-06-05', reason: 'grundlovsdag' },
    ]);
    expect(thursdays.dates.map((date) => date.date)).not.toContain('2025-04-17');
    expect(thursdays.dates).toHaveLength(6);
    // Across the new year: juleaften (Wednesday 24 December 2025) and nytårsaften.
    const winter = seriesDates({
      ...rule,
      firstDate: '2025-12-17',
      lastDate: '2026-01-07',
      everyWeeks: 1,
    });
    expect(winter.skipped.map((day) => day.reason)).toEqual(['juleaften', 'nytaarsaften']);
    expect(winter.dates.map((date) => date.date)).toEqual(['2025-12-17', '2026-01-07']);
  });

  it('keeps the local clock time across the change to and from summer time', () => {
    const spring = seriesDates({
      ...rule,
      firstDate: '2025-03-19',
      lastDate: '2025-04-02',
      everyWeeks: 1,
    }).dates;
    expect(spring.map((date) => toIsoWithOffset(date.start))).toEqual([
      '2025-03-19T18:15:00+01:00',
      '2025-03-26T18:15:00+01:00',
      '2025-04-02T18:15:00+02:00',
    ]);
    expect(spring[2]!.start.toISOString()).toBe('2025-04-02T16:15:00.000Z');
    const autumn = seriesDates({
      ...rule,
      firstDate: '2025-10-22',
      lastDate: '2025-10-29',
      everyWeeks: 1,
      startTime: '23:30',
      durationMinutes: 60,
    }).dates;
    expect(autumn.map((date) => toIsoWithOffset(date.start))).toEqual([
      '2025-10-22T23:30:00+02:00',
      '2025-10-29T23:30:00+01:00',
    ]);
    expect(toIsoWithOffset(autumn[1]!.end)).toBe('2025-10-30T00:30:00+01:00');
  });

  it('makes nothing when the last date lies before the first', () => {
    expect(seriesDates({ ...rule, lastDate: '2025-01-01' }).dates).toEqual([]);
  });
});
