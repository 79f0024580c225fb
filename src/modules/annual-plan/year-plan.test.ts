import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  groupByMonth,
  occursInYear,
  polar,
  wheelColors,
  wheelSegments,
  wheelSize,
} from './year-plan';

const topic = (title: string, month: number, year: number, recursYearly = false) => ({
  id: title,
  title,
  month,
  year,
  recursYearly,
});

describe('recurrence', () => {
  it('places a one-off topic in its own year only', () => {
    expect(occursInYear({ year: 2023, recursYearly: false }, 2023)).toBe(true);
    expect(occursInYear({ year: 2023, recursYearly: false }, 2024)).toBe(false);
  });

  it('repeats a yearly topic from its first year on, never before', () => {
    expect(occursInYear({ year: 2023, recursYearly: true }, 2023)).toBe(true);
    expect(occursInYear({ year: 2023, recursYearly: true }, 2030)).toBe(true);
    expect(occursInYear({ year: 2023, recursYearly: true }, 2022)).toBe(false);
  });
});

describe('month grouping', () => {
  const topics = [
    topic('Økonomiopfølgning', 11, 2023, true),
    topic('Budget', 11, 2023),
    topic('Årsberetning', 3, 2022, true),
    topic('Gammelt emne', 3, 2022),
  ];

  it('gives all twelve months, each sorted in Danish order', () => {
    const months = groupByMonth(topics, 2023);
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(months[10]!.topics.map((t) => t.title)).toEqual(['Budget', 'Økonomiopfølgning']);
    expect(months[2]!.topics.map((t) => t.title)).toEqual(['Årsberetning']);
    expect(months[0]!.topics).toEqual([]);
  });

  it('leaves one-off topics out of other years', () => {
    const months = groupByMonth(topics, 2024);
    expect(months[10]!.topics.map((t) => t.title)).toEqual(['Økonomiopfølgning']);
  });
});

describe('wheel geometry', () => {
  it('starts January at 12 o’clock and goes clockwise', () => {
    const c = wheelSize.size / 2;
    expect(polar(0, 100)).toEqual({ x: c, y: c - 100 });
    expect(polar(90, 100)).toEqual({ x: c + 100, y: c });
  });

  it('draws twelve closed ring segments, coloured by whether the month has topics', () => {
    const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0];
    const segments = wheelSegments(counts);
    expect(segments).toHaveLength(12);
    for (const segment of segments) {
      expect(segment.path).toMatch(/^M [\d.]+ [\d.]+ A .* L .* A .* Z$/);
      const dx = segment.labelX - wheelSize.size / 2;
      const dy = segment.labelY - wheelSize.size / 2;
      expect(Math.hypot(dx, dy)).toBeCloseTo((wheelSize.outer + wheelSize.inner) / 2, 1);
    }
    expect(segments[10]!.fill).toBe(wheelColors.withTopics.fill);
    expect(segments[0]!.fill).toBe(wheelColors.withoutTopics.fill);
    // January's label is right of the top, December's left of it.
    expect(segments[0]!.labelX).toBeGreaterThan(wheelSize.size / 2);
    expect(segments[11]!.labelX).toBeLessThan(wheelSize.size / 2);
  });
});

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('meets WCAG AA for text in both kinds of segment and in the centre', () => {
    expect(contrastRatio(wheelColors.withTopics.fill, wheelColors.withTopics.text)).toBeGreaterThan(
      4.5,
    );
    expect(
      contrastRatio(wheelColors.withoutTopics.fill, wheelColors.withoutTopics.text),
    ).toBeGreaterThan(4.5);
    expect(contrastRatio(wheelColors.background, wheelColors.centerText)).toBeGreaterThan(4.5);
  });

  it('sets months with topics apart from the others and from the page (3:1 for graphics)', () => {
    expect(
      contrastRatio(wheelColors.withTopics.fill, wheelColors.withoutTopics.fill),
    ).toBeGreaterThan(3);
    expect(contrastRatio(wheelColors.withTopics.fill, wheelColors.background)).toBeGreaterThan(3);
  });
});
