import { describe, expect, it } from 'vitest';
import { fromLocalDateTime, toIsoWithOffset } from '../../platform/i18n/format';
import { submissionDeadline } from './deadline';

describe('submissionDeadline', () => {
  it('is the end of the day five working days before the meeting', () => {
    // Wednesday 15 November 2023 → Wednesday 8 November, 23.59.59 Danish time.
    const deadline = submissionDeadline(fromLocalDateTime('2023-11-15', '18:15'));
    expect(toIsoWithOffset(deadline)).toBe('2023-11-08T23:59:59+01:00');
  });

  it('skips weekends', () => {
    // Monday 13 November 2023 → Monday 6 November.
    expect(toIsoWithOffset(submissionDeadline(fromLocalDateTime('2023-11-13', '09:00')))).toBe(
      '2023-11-06T23:59:59+01:00',
    );
    // Tuesday 14 November with two working days → Friday 10 November.
    expect(toIsoWithOffset(submissionDeadline(fromLocalDateTime('2023-11-14', '09:00'), 2))).toBe(
      '2023-11-10T23:59:59+01:00',
    );
  });

  it('follows Danish time across the change to summer time', () => {
    expect(toIsoWithOffset(submissionDeadline(fromLocalDateTime('2024-04-03', '10:00')))).toBe(
      '2024-03-27T23:59:59+01:00',
    );
  });
});
