import { fromLocalDateTime, toLocalDate } from '../i18n/format';

/**
 * Danish public holidays (helligdage) and the weekdays (hverdage) the law's deadlines count,
 * computed for any year: the movable feasts follow Easter Sunday (the Gregorian computus),
 * so nothing is listed by hand per year.
 *
 * Dates are ISO calendar dates ("2026-04-05"), the local date in Denmark; the arithmetic runs
 * on UTC midnights so that daylight saving never shifts a day.
 */

export type HolidayName =
  | 'nytaarsdag'
  | 'skaertorsdag'
  | 'langfredag'
  | 'paaskedag'
  | 'anden_paaskedag'
  | 'store_bededag'
  | 'kristi_himmelfartsdag'
  | 'pinsedag'
  | 'anden_pinsedag'
  | 'juledag'
  | 'anden_juledag';

/** Days that are no public holiday by law but on which municipal offices are closed. */
export type ClosedDayName = 'grundlovsdag' | 'juleaften' | 'nytaarsaften';

/** Store bededag was abolished as a public holiday by law no. 171 of 28 February 2023, from 2024. */
const lastYearWithStoreBededag = 2023;

const dayMs = 86_400_000;

function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * dayMs);
}

function parseIsoDate(value: string): Date {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return utcDate(year, month, day);
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), as an ISO date. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utcDate(year, month, day));
}

/** The year's public holidays by law (helligdagsloven), in date order. */
export function danishPublicHolidays(year: number): { date: string; name: HolidayName }[] {
  const easter = parseIsoDate(easterSunday(year));
  const fromEaster = (days: number, name: HolidayName) => ({
    date: iso(addDays(easter, days)),
    name,
  });
  return [
    { date: iso(utcDate(year, 1, 1)), name: 'nytaarsdag' as const },
    fromEaster(-3, 'skaertorsdag'),
    fromEaster(-2, 'langfredag'),
    fromEaster(0, 'paaskedag'),
    fromEaster(1, 'anden_paaskedag'),
    ...(year <= lastYearWithStoreBededag ? [fromEaster(26, 'store_bededag')] : []),
    fromEaster(39, 'kristi_himmelfartsdag'),
    fromEaster(49, 'pinsedag'),
    fromEaster(50, 'anden_pinsedag'),
    { date: iso(utcDate(year, 12, 25)), name: 'juledag' as const },
    { date: iso(utcDate(year, 12, 26)), name: 'anden_juledag' as const },
  ];
}

/**
 * Grundlovsdag, juleaften and nytårsaften are no public holidays, but most municipalities
 * close on them (overenskomst), and members cannot be expected to receive an agenda then.
 * The deadlines therefore do not count them as weekdays: that moves a deadline earlier,
 * never later, so a release on time by this count is on time by the law's count too.
 */
export function danishClosedDays(year: number): { date: string; name: ClosedDayName }[] {
  return [
    { date: iso(utcDate(year, 6, 5)), name: 'grundlovsdag' },
    { date: iso(utcDate(year, 12, 24)), name: 'juleaften' },
    { date: iso(utcDate(year, 12, 31)), name: 'nytaarsaften' },
  ];
}

const nonWorkingCache = new Map<number, ReadonlySet<string>>();

function nonWorkingDates(year: number): ReadonlySet<string> {
  let dates = nonWorkingCache.get(year);
  if (!dates) {
    dates = new Set([
      ...danishPublicHolidays(year).map((holiday) => holiday.date),
      ...danishClosedDays(year).map((day) => day.date),
    ]);
    nonWorkingCache.set(year, dates);
  }
  return dates;
}

/** A hverdag: Monday to Friday, neither a public holiday nor one of the closed days above. */
export function isDanishWeekday(date: string): boolean {
  const parsed = parseIsoDate(date);
  const weekday = parsed.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nonWorkingDates(parsed.getUTCFullYear()).has(date);
}

/** The weekday that lies the given number of weekdays before the date ("4 hverdage før"). */
export function weekdaysBefore(date: string, weekdays: number): string {
  let cursor = parseIsoDate(date);
  let remaining = weekdays;
  while (remaining > 0) {
    cursor = addDays(cursor, -1);
    if (isDanishWeekday(iso(cursor))) remaining--;
  }
  return iso(cursor);
}

/** The last moment of a deadline "N hverdage før mødet": the end of that weekday, Danish time. */
export function weekdayDeadline(meetingStart: Date, weekdays: number): Date {
  const day = weekdaysBefore(toLocalDate(meetingStart), weekdays);
  return new Date(fromLocalDateTime(day, '23:59').getTime() + 59_999);
}
