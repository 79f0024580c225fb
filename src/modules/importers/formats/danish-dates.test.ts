import { formatInTimeZone } from 'date-fns-tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeZone } from '../../../platform/i18n/format';
import { parseDanishDate } from './danish-dates';

const local = (date: Date | null): string | null =>
  date === null ? null : formatInTimeZone(date, timeZone, 'yyyy-MM-dd HH:mm:ss');

describe('parseDanishDate', () => {
  it.each([
    ['27. august 2018', '2018-08-27 00:00:00'],
    ['06-10-2016 13:00:00', '2016-10-06 13:00:00'],
    ['15-05-2013 16:30', '2013-05-15 16:30:00'],
    ['Torsdag den 20. juni 2013', '2013-06-20 00:00:00'],
    ['Torsdag den 20-06-2013 Kl. 10:30', '2013-06-20 10:30:00'],
    ['20. juni 2013 - Kl. 10:30', '2013-06-20 10:30:00'],
    ['tirsdag den 4. december 2012, kl. 13.00', '2012-12-04 13:00:00'],
    ['04.12.2012', '2012-12-04 00:00:00'],
    ['2017-05-02T10:00:00', '2017-05-02 10:00:00'],
    ['2013-06-20 10:30', '2013-06-20 10:30:00'],
    ['  02-05-2017   10:00 ', '2017-05-02 10:00:00'],
  ])('reads %s as Danish local time', (input, expected) => {
    expect(local(parseDanishDate(input))).toBe(expected);
  });

  it('applies the Danish offset of the day: winter +01:00, summer +02:00', () => {
    expect(parseDanishDate('04-12-2012 13:00:00')?.toISOString()).toBe('2012-12-04T12:00:00.000Z');
    expect(parseDanishDate('15-05-2013 16:30')?.toISOString()).toBe('2013-05-15T14:30:00.000Z');
  });

  it('keeps an explicit offset', () => {
    expect(parseDanishDate('2017-05-02T10:00:00Z')?.toISOString()).toBe('2017-05-02T10:00:00.000Z');
    expect(parseDanishDate('2017-05-02T10:00:00+02:00')?.toISOString()).toBe(
      '2017-05-02T08:00:00.000Z',
    );
  });

  it.each([
    '',
    'i morgen',
    '31-02-2013',
    '2013-13-01',
    '15-05-2013 25:00',
    '12. smarch 2013',
    '01-01-0001 24:00',
  ])('refuses %j', (input) => {
    expect(parseDanishDate(input)).toBeNull();
  });
});

const weekdays = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
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

/** Every style the exports use, written by an independent formatter (date-fns-tz). */
const styles: Array<{ name: string; format: (date: Date) => string; precision: string }> = [
  {
    name: 'dd-MM-yyyy HH:mm:ss',
    format: (d) => formatInTimeZone(d, timeZone, 'dd-MM-yyyy HH:mm:ss'),
    precision: 'yyyy-MM-dd HH:mm:ss',
  },
  {
    name: 'dd-MM-yyyy HH:mm',
    format: (d) => formatInTimeZone(d, timeZone, 'dd-MM-yyyy HH:mm'),
    precision: 'yyyy-MM-dd HH:mm',
  },
  {
    name: 'ISO local',
    format: (d) => formatInTimeZone(d, timeZone, "yyyy-MM-dd'T'HH:mm:ss"),
    precision: 'yyyy-MM-dd HH:mm:ss',
  },
  {
    name: 'd. MMMM yyyy',
    format: (d) =>
      `${Number(formatInTimeZone(d, timeZone, 'd'))}. ${months[Number(formatInTimeZone(d, timeZone, 'M')) - 1]} ${formatInTimeZone(d, timeZone, 'yyyy')}`,
    precision: 'yyyy-MM-dd',
  },
  {
    name: 'Weekday den d. MMMM yyyy',
    format: (d) => {
      const weekday = weekdays[Number(formatInTimeZone(d, timeZone, 'i')) % 7] ?? '';
      return `${weekday[0]?.toUpperCase()}${weekday.slice(1)} den ${Number(formatInTimeZone(d, timeZone, 'd'))}. ${months[Number(formatInTimeZone(d, timeZone, 'M')) - 1]} ${formatInTimeZone(d, timeZone, 'yyyy')}`;
    },
    precision: 'yyyy-MM-dd',
  },
];

describe('parseDanishDate round trip', () => {
  it.each(styles)(
    'any instant written as $name reads back to the same Danish wall time',
    ({ format, precision }) => {
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('1990-01-01T00:00:00Z'),
            max: new Date('2040-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          (date) => {
            const parsed = parseDanishDate(format(date));
            expect(parsed).not.toBeNull();
            // Wall time, not the instant: in the autumn's repeated hour both instants print alike.
            expect(formatInTimeZone(parsed as Date, timeZone, precision)).toBe(
              formatInTimeZone(date, timeZone, precision),
            );
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});
