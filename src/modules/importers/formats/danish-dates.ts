import { fromZonedTime } from 'date-fns-tz';
import { timeZone } from '../../../platform/i18n/format';

const months = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

type LocalParts = { year: number; month: number; day: number; clock: string | null };

// "kl. 13:00", "13.00", "13:00:00" after the date; the "kl." and a dash before it are optional.
const clockPart = String.raw`(?:\s*[-,]?\s*(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?`;
const weekdayPrefix = String.raw`^(?:[a-zæøå]+dag\s+(?:den\s+)?)?`;

const numericDate = new RegExp(
  String.raw`${weekdayPrefix}(\d{1,2})[-./](\d{1,2})[-./](\d{4})${clockPart}$`,
  'iu',
);
const namedMonthDate = new RegExp(
  String.raw`${weekdayPrefix}(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})${clockPart}$`,
  'iu',
);
const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date or date and time as Danish ESDH exports write it, as an instant: "27. august 2018",
 * "06-10-2016 13:00:00", "15-05-2013 16:30", "Torsdag den 20. juni 2013", "04.12.2012",
 * "2017-05-02T10:00:00", "2013-06-20 10:30". Times without an offset are Danish local time.
 * Null when the text is not such a date or names an impossible one (31-02-2013, 25:00).
 */
export function parseDanishDate(value: string): Date | null {
  const input = value.trim().replace(/\s+/g, ' ');
  const iso = isoDate.exec(input);
  if (iso) {
    const [, year, month, day, hours, minutes, seconds, offset] = iso;
    const clock = hours === undefined ? null : `${hours}:${minutes}:${seconds ?? '00'}`;
    if (offset !== undefined) {
      const instant = new Date(input.replace(' ', 'T'));
      return Number.isNaN(instant.getTime()) ? null : instant;
    }
    return toInstant({ year: Number(year), month: Number(month), day: Number(day), clock });
  }
  const numeric = numericDate.exec(input);
  if (numeric) {
    const [, day, month, year, hours, minutes, seconds] = numeric;
    return toInstant({
      year: Number(year),
      month: Number(month),
      day: Number(day),
      clock: clockOf(hours, minutes, seconds),
    });
  }
  const named = namedMonthDate.exec(input);
  if (named) {
    const [, day, monthName = '', year, hours, minutes, seconds] = named;
    const month = monthNumber(monthName);
    if (month === null) return null;
    return toInstant({
      year: Number(year),
      month,
      day: Number(day),
      clock: clockOf(hours, minutes, seconds),
    });
  }
  return null;
}

function clockOf(hours?: string, minutes?: string, seconds?: string): string | null {
  if (hours === undefined || minutes === undefined) return null;
  return `${hours.padStart(2, '0')}:${minutes}:${seconds ?? '00'}`;
}

/** "juni", "jun", "Juni" → 6; only an unambiguous prefix of at least three letters. */
function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const index = months.findIndex((month) => month.startsWith(lower));
  return index === -1 ? null : index + 1;
}

function toInstant({ year, month, day, clock }: LocalParts): Date | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return null;
  }
  const time = clock ?? '00:00:00';
  const [hours, minutes, seconds] = time.split(':').map(Number);
  if ((hours ?? 24) > 23 || (minutes ?? 60) > 59 || (seconds ?? 60) > 59) return null;
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return fromZonedTime(`${date}T${time}`, timeZone);
}
