import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/** Every time the system shows or accepts is local time in Denmark. */
export const timeZone = 'Europe/Copenhagen';

const longDate = new Intl.DateTimeFormat('da-DK', {
  timeZone,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const weekday = new Intl.DateTimeFormat('da-DK', { timeZone, weekday: 'long' });

/** "15. november 2023" */
export function formatDateLong(date: Date): string {
  return longDate.format(date);
}

/** A calendar day as stored ("2023-10-30") → "30. oktober 2023"; anything else as it is. */
export function formatDayLong(day: string): string {
  return isValidIsoDate(day) ? formatDateLong(fromZonedTime(`${day}T12:00:00`, timeZone)) : day;
}

/** "onsdag den 15. november 2023" */
export function formatWeekdayDate(date: Date): string {
  return `${weekday.format(date)} den ${formatDateLong(date)}`;
}

/** "18.15" — Danish style uses a full stop between hours and minutes. */
export function formatTime(date: Date): string {
  return formatInTimeZone(date, timeZone, 'HH.mm');
}

/** "18.15 – 18.18 (3 min.)", as the seed's committee agenda prints a slot. */
export function formatSlot(start: Date, end: Date, minutes: number): string {
  return `${formatTime(start)} – ${formatTime(end)} (${minutes} min.)`;
}

/** "2023-11-15T18:15:00+01:00": ISO 8601 with the Danish offset of that day. */
export function toIsoWithOffset(date: Date): string {
  return formatInTimeZone(date, timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** "2023-11-15" in Danish local time. */
export function toLocalDate(date: Date): string {
  return formatInTimeZone(date, timeZone, 'yyyy-MM-dd');
}

/** "18:15" in Danish local time (the value an <input type="time"> holds). */
export function toLocalTime(date: Date): string {
  return formatInTimeZone(date, timeZone, 'HH:mm');
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const clockTime = /^([01]\d|2[0-3])[:.]([0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isValidIsoDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

export function isValidClockTime(value: string): boolean {
  return clockTime.test(value);
}

/** Danish local date and clock time ("18:15" or "18.15") to an instant. */
export function fromLocalDateTime(localDate: string, clock: string): Date {
  return fromZonedTime(`${localDate}T${clock.replace('.', ':')}:00`, timeZone);
}

/** Start of a Danish local day as an instant (for date-range filters). */
export function startOfLocalDay(localDate: string): Date {
  return fromZonedTime(`${localDate}T00:00:00`, timeZone);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

const wholeNumber = new Intl.NumberFormat('da-DK');
const oneDecimal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });

/** "2.000": a count with Danish digit grouping. */
export function formatCount(count: number): string {
  return wholeNumber.format(count);
}

/** "120 kB", "1,4 MB": a file's size as people read it (decimal units, at least 1 kB). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000 * 1000) return `${oneDecimal.format(Math.max(1, Math.round(bytes / 1000)))} kB`;
  return `${oneDecimal.format(bytes / (1000 * 1000))} MB`;
}
