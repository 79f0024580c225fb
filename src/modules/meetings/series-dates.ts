import {
  danishClosedDays,
  danishPublicHolidays,
  type ClosedDayName,
  type HolidayName,
} from '../../platform/calendar/danish-holidays';
import { addMinutes, fromLocalDateTime } from '../../platform/i18n/format';

/** A mødeplan's rule: from the first date on its weekday, every N weeks, up to the last date. */
export type SeriesRule = {
  /** The first meeting's local date (YYYY-MM-DD); its weekday is the series' weekday. */
  firstDate: string;
  /** No meeting after this local date. */
  lastDate: string;
  everyWeeks: number;
  /** Local clock time, "18:15". */
  startTime: string;
  durationMinutes: number;
};

export type SeriesDate = { date: string; start: Date; end: Date };
export type SkippedDate = { date: string; reason: HolidayName | ClosedDayName };

/** The most meetings one mødeplan makes. */
export const maxSeriesMeetings = 60;

const dayMs = 24 * 60 * 60 * 1000;

function isoDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Public holidays and the days municipal offices close (juleaften …) of the years, by date. */
function daysOff(fromYear: number, toYear: number): Map<string, HolidayName | ClosedDayName> {
  const days = new Map<string, HolidayName | ClosedDayName>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const day of [...danishPublicHolidays(year), ...danishClosedDays(year)]) {
      days.set(day.date, day.name);
    }
  }
  return days;
}

/**
 * The meetings of a mødeplan: every `everyWeeks` weeks from the first date up to the last,
 * each at the same local clock time (so 18.15 stays 18.15 across the change to and from summer
 * time), leaving out public holidays and the days municipal offices are closed.
 */
export function seriesDates(rule: SeriesRule): { dates: SeriesDate[]; skipped: SkippedDate[] } {
  const first = isoDay(rule.firstDate);
  const last = isoDay(rule.lastDate);
  const off = daysOff(
    Number(rule.firstDate.slice(0, 4)),
    Math.max(Number(rule.lastDate.slice(0, 4)), Number(rule.firstDate.slice(0, 4))),
  );
  const dates: SeriesDate[] = [];
  const skipped: SkippedDate[] = [];
  for (let day = first; day <= last; day += rule.everyWeeks * 7 * dayMs) {
    const date = dayString(day);
    const reason = off.get(date);
    if (reason) {
      skipped.push({ date, reason });
      continue;
    }
    const start = fromLocalDateTime(date, rule.startTime);
    dates.push({ date, start, end: addMinutes(start, rule.durationMinutes) });
  }
  return { dates, skipped };
}
