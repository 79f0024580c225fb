import { describe, expect, it } from 'vitest';
import {
  addMinutes,
  formatCount,
  formatDayLong,
  formatFileSize,
  formatDateLong,
  formatSlot,
  formatTime,
  formatWeekdayDate,
  fromLocalDateTime,
  isValidClockTime,
  isValidIsoDate,
  startOfLocalDay,
  timeZone,
  toIsoWithOffset,
  toLocalDate,
  toLocalTime,
} from './format';

/** 18.15 on Wednesday 15 November 2023 in Copenhagen (winter time, UTC+1). */
const winter = new Date('2023-11-15T17:15:00Z');
/** 12.00 on Saturday 1 July 2023 in Copenhagen (summer time, UTC+2). */
const summer = new Date('2023-07-01T10:00:00Z');

describe('time zone', () => {
  it('is Danish local time', () => {
    expect(timeZone).toBe('Europe/Copenhagen');
  });
});

describe('formatDateLong', () => {
  it('writes the Danish long date', () => {
    expect(formatDateLong(winter)).toBe('15. november 2023');
    expect(formatDateLong(summer)).toBe('1. juli 2023');
  });

  it('uses the Danish date, not the UTC date', () => {
    // 23.30 UTC on 31 December is already 1 January in Copenhagen.
    expect(formatDateLong(new Date('2023-12-31T23:30:00Z'))).toBe('1. januar 2024');
  });
});

describe('formatWeekdayDate', () => {
  it('prefixes the weekday', () => {
    expect(formatWeekdayDate(winter)).toBe('onsdag den 15. november 2023');
    expect(formatWeekdayDate(summer)).toBe('lørdag den 1. juli 2023');
  });
});

describe('formatTime', () => {
  it('uses a full stop and Danish local time', () => {
    expect(formatTime(winter)).toBe('18.15');
    expect(formatTime(summer)).toBe('12.00');
    expect(formatTime(new Date('2023-11-15T08:05:00Z'))).toBe('09.05');
  });
});

describe('formatSlot', () => {
  it('prints start – end (minutes) with an en dash', () => {
    const end = new Date('2023-11-15T17:18:00Z');
    expect(formatSlot(winter, end, 3)).toBe('18.15 – 18.18 (3 min.)');
    expect(formatSlot(winter, end, 3)).toContain(' \u2013 ');
  });
});

describe('toIsoWithOffset', () => {
  it('uses +01:00 in winter', () => {
    expect(toIsoWithOffset(winter)).toBe('2023-11-15T18:15:00+01:00');
  });

  it('uses +02:00 in summer', () => {
    expect(toIsoWithOffset(summer)).toBe('2023-07-01T12:00:00+02:00');
  });

  it('describes the same instant', () => {
    expect(new Date(toIsoWithOffset(winter)).getTime()).toBe(winter.getTime());
    expect(new Date(toIsoWithOffset(summer)).getTime()).toBe(summer.getTime());
  });
});

describe('toLocalDate and toLocalTime', () => {
  it('give the values date and time inputs hold', () => {
    expect(toLocalDate(winter)).toBe('2023-11-15');
    expect(toLocalTime(winter)).toBe('18:15');
    expect(toLocalDate(new Date('2023-12-31T23:30:00Z'))).toBe('2024-01-01');
    expect(toLocalTime(summer)).toBe('12:00');
  });
});

describe('fromLocalDateTime', () => {
  it('reads a Danish local date and time with a colon', () => {
    expect(fromLocalDateTime('2023-11-15', '18:15').toISOString()).toBe('2023-11-15T17:15:00.000Z');
  });

  it('reads a Danish local date and time with a full stop', () => {
    expect(fromLocalDateTime('2023-11-15', '18.15').toISOString()).toBe('2023-11-15T17:15:00.000Z');
  });

  it('uses summer time in summer', () => {
    expect(fromLocalDateTime('2023-07-01', '12:00').toISOString()).toBe('2023-07-01T10:00:00.000Z');
  });

  it('round-trips with toLocalDate and toLocalTime', () => {
    const instant = fromLocalDateTime('2024-03-31', '03:30');
    expect(toLocalDate(instant)).toBe('2024-03-31');
    expect(toLocalTime(instant)).toBe('03:30');
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight in winter', () => {
    expect(startOfLocalDay('2023-11-15').toISOString()).toBe('2023-11-14T23:00:00.000Z');
  });

  it('is local midnight in summer', () => {
    expect(startOfLocalDay('2023-07-01').toISOString()).toBe('2023-06-30T22:00:00.000Z');
  });

  it('equals fromLocalDateTime at 00:00', () => {
    expect(startOfLocalDay('2023-11-15').getTime()).toBe(
      fromLocalDateTime('2023-11-15', '00:00').getTime(),
    );
  });
});

describe('isValidIsoDate', () => {
  it.each(['2023-11-15', '2024-02-29', '2023-12-31', '2023-01-01'])('accepts %s', (value) => {
    expect(isValidIsoDate(value)).toBe(true);
  });

  it.each([
    '2023-02-30',
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-11-00',
    '15-11-2023',
    '2023-1-5',
    '2023/11/15',
    '2023-11-15T00:00',
    ' 2023-11-15',
    '',
  ])('rejects %j', (value) => {
    expect(isValidIsoDate(value)).toBe(false);
  });
});

describe('isValidClockTime', () => {
  it.each(['18:15', '18.15', '00:00', '23:59', '07:05'])('accepts %s', (value) => {
    expect(isValidClockTime(value)).toBe(true);
  });

  it.each(['24:00', '7:5', '7:05', '18:60', '1815', '18-15', '18:15:00', ''])(
    'rejects %j',
    (value) => {
      expect(isValidClockTime(value)).toBe(false);
    },
  );
});

describe('addMinutes', () => {
  it('adds minutes without mutating the input', () => {
    const start = new Date(winter);
    expect(addMinutes(start, 3).toISOString()).toBe('2023-11-15T17:18:00.000Z');
    expect(addMinutes(start, -15).toISOString()).toBe('2023-11-15T17:00:00.000Z');
    expect(start.getTime()).toBe(winter.getTime());
  });
});

describe('formatFileSize and formatCount', () => {
  it('shows sizes in decimal units with a Danish comma, never below 1 kB', () => {
    expect(formatFileSize(10)).toBe('1 kB');
    expect(formatFileSize(120_400)).toBe('120 kB');
    expect(formatFileSize(1_450_000)).toBe('1,5 MB');
    expect(formatCount(2000)).toBe('2.000');
  });
});

describe('formatDayLong', () => {
  it('writes a stored day as a Danish long date', () => {
    expect(formatDayLong('2023-10-30')).toBe('30. oktober 2023');
    expect(formatDayLong('2024-03-31')).toBe('31. marts 2024');
  });
});
