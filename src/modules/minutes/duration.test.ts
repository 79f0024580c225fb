import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('shows minutes alone below an hour', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(1)).toBe('1 min');
    expect(formatDuration(59)).toBe('59 min');
  });

  it('shows hours and minutes below a day, leaving out zero minutes', () => {
    expect(formatDuration(60)).toBe('1 t');
    expect(formatDuration(125)).toBe('2 t 5 min');
    expect(formatDuration(1439)).toBe('23 t 59 min');
  });

  it('shows days and hours from a day on, without minutes', () => {
    expect(formatDuration(1440)).toBe('1 dag');
    expect(formatDuration(1440 + 61)).toBe('1 dag 1 t');
    expect(formatDuration(3 * 1440)).toBe('3 dage');
    // The live view's "10480 min foran" from the issue.
    expect(formatDuration(10480)).toBe('7 dage 6 t');
  });

  it('reads the size of a negative duration and rounds to whole minutes', () => {
    expect(formatDuration(-125)).toBe('2 t 5 min');
    expect(formatDuration(4.6)).toBe('5 min');
  });
});
