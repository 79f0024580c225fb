import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  danishPublicHolidays,
  easterSunday,
  isDanishWeekday,
  weekdayDeadline,
  weekdaysBefore,
} from './danish-holidays';
import { fromLocalDateTime, toLocalDate } from '../i18n/format';

const holidaysOf = (year: number) =>
  Object.fromEntries(danishPublicHolidays(year).map((holiday) => [holiday.name, holiday.date]));

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
        const monthDay = easter.slice(5);
        expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
      }),
    );
  });
});

describe('danishPublicHolidays', () => {
  it('computes the movable feasts of 2026 from Easter', () => {
    expect(holidaysOf(2026)).toEqual({
      nytaarsdag: '2026-01-01',
      skaertorsdag: '2026-04-02',
      langfredag: '2026-04-03',
      paaskedag: '2026-04-05',
      anden_paaskedag: '2026-04-06',
      kristi_himmelfartsdag: '2026-05-14',
      pinsedag: '2026-05-24',
      anden_pinsedag: '2026-05-25',
      juledag: '2026-12-25',
      anden_juledag: '2026-12-26',
    });
  });

  it('has store bededag up to 2023 and not from 2024, when it was abolished', () => {
    expect(holidaysOf(2023).store_bededag).toBe('2023-05-05');
    expect(holidaysOf(2024).store_bededag).toBeUndefined();
  });
});

describe('isDanishWeekday', () => {
  it('counts neither weekends, holidays nor the closed days 5 June, 24 and 31 December', () => {
    expect(isDanishWeekday('2026-12-07')).toBe(true); // a Monday
    expect(isDanishWeekday('2026-12-05')).toBe(false); // Saturday
    expect(isDanishWeekday('2026-12-06')).toBe(false); // Sunday
    expect(isDanishWeekday('2026-04-02')).toBe(false); // skærtorsdag
    expect(isDanishWeekday('2026-05-14')).toBe(false); // Kristi himmelfart
    expect(isDanishWeekday('2026-06-05')).toBe(false); // grundlovsdag
    expect(isDanishWeekday('2026-12-24')).toBe(false); // juleaften
    expect(isDanishWeekday('2026-12-31')).toBe(false); // nytårsaften
    expect(isDanishWeekday('2023-05-05')).toBe(false); // store bededag 2023
    expect(isDanishWeekday('2024-04-26')).toBe(true); // what would have been store bededag 2024
  });
});

describe('weekdaysBefore', () => {
  it('counts plain weeks back over the weekend', () => {
    // Thursday 10 December 2026: Wednesday, Tuesday, Monday, then Friday 4 December.
    expect(weekdaysBefore('2026-12-10', 4)).toBe('2026-12-04');
    expect(weekdaysBefore('2026-12-10', 3)).toBe('2026-12-07');
  });

  it('skips Easter', () => {
    // Tuesday 7 April 2026, after 2. påskedag: Mon 6, Sun 5, Sat 4, Fri 3 and Thu 2 do not count.
    expect(weekdaysBefore('2026-04-07', 1)).toBe('2026-04-01');
    expect(weekdaysBefore('2026-04-07', 4)).toBe('2026-03-27');
    expect(weekdaysBefore('2025-04-23', 3)).toBe('2025-04-15');
  });

  it('skips Christmas and New Year', () => {
    // Monday 4 January 2027: 1 January, 31 December, 25 and 24 December do not count.
    expect(weekdaysBefore('2027-01-04', 1)).toBe('2026-12-30');
    expect(weekdaysBefore('2027-01-04', 4)).toBe('2026-12-23');
  });

  it('always lands on a weekday, the given number of weekdays back', () => {
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') })
      .filter((date) => !Number.isNaN(date.getTime()))
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 15 }), (date, weekdays) => {
        const due = weekdaysBefore(date, weekdays);
        expect(due < date).toBe(true);
        expect(isDanishWeekday(due)).toBe(true);
        let counted = 0;
        for (
          let cursor = new Date(`${due}T00:00:00Z`);
          cursor.toISOString().slice(0, 10) < date;
          cursor = new Date(cursor.getTime() + 86_400_000)
        ) {
          if (isDanishWeekday(cursor.toISOString().slice(0, 10))) counted++;
        }
        expect(counted).toBe(weekdays);
      }),
    );
  });
});

describe('weekdayDeadline', () => {
  it('is the end of the due day, Danish time', () => {
    const meeting = fromLocalDateTime('2026-12-10', '16:00');
    const due = weekdayDeadline(meeting, 4);
    expect(toLocalDate(due)).toBe('2026-12-04');
    expect(due.toISOString()).toBe('2026-12-04T22:59:59.999Z');
  });

  it('keeps the local day across the change to summer time', () => {
    // Meeting Tuesday 31 March 2026 (summer time from 29 March); due Wednesday 25 March.
    const due = weekdayDeadline(fromLocalDateTime('2026-03-31', '09:00'), 4);
    expect(due.toISOString()).toBe('2026-03-25T22:59:59.999Z');
  });
});
