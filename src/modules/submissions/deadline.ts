import { fromLocalDateTime, toLocalDate } from '../../platform/i18n/format';

/** Working days the secretariat needs before a meeting (Monday–Friday; holidays not counted). */
export const defaultDeadlineWorkingDays = 5;

/**
 * The last moment to submit a paper for a meeting: the end of the day that lies the given
 * number of working days before the meeting's date, Danish time.
 */
export function submissionDeadline(
  meetingStart: Date,
  workingDays = defaultDeadlineWorkingDays,
): Date {
  const [year, month, day] = toLocalDate(meetingStart).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  let remaining = workingDays;
  while (remaining > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining--;
  }
  return new Date(fromLocalDateTime(date.toISOString().slice(0, 10), '23:59').getTime() + 59_999);
}
