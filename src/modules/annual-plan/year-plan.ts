/** Pure rules of the årshjul: which topics fall in a year, month by month, and the drawn wheel. */

export type PlannedTopic = {
  id: string;
  title: string;
  year: number;
  month: number;
  recursYearly: boolean;
};

export const monthNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** A topic is planned for a year when it is that year's, or recurs yearly from an earlier year. */
export function occursInYear(topic: Pick<PlannedTopic, 'year' | 'recursYearly'>, year: number) {
  return topic.year === year || (topic.recursYearly && topic.year <= year);
}

/** The year's topics in twelve months (every month present, possibly empty), in Danish order. */
export function groupByMonth<T extends PlannedTopic>(
  topics: readonly T[],
  year: number,
): Array<{ month: number; topics: T[] }> {
  const collator = new Intl.Collator('da');
  return monthNumbers.map((month) => ({
    month,
    topics: topics
      .filter((topic) => topic.month === month && occursInYear(topic, year))
      .sort((a, b) => collator.compare(a.title, b.title)),
  }));
}

// ---- The wheel ----

export type WheelSegment = {
  month: number;
  /** SVG path of the ring segment. */
  path: string;
  /** Where the month's label sits (its centre). */
  labelX: number;
  labelY: number;
  fill: string;
  textColor: string;
};

/** Colours for months with and without topics; each pair is tested to meet WCAG AA (4.5:1). */
export const wheelColors = {
  withTopics: { fill: '#004993', text: '#ffffff' },
  withoutTopics: { fill: '#e7eef7', text: '#1a1a1a' },
  stroke: '#ffffff',
  centerText: '#1a1a1a',
  background: '#ffffff',
} as const;

export const wheelSize = { size: 360, outer: 170, inner: 70 } as const;

const round = (value: number) => Math.round(value * 100) / 100;

/** The point at an angle (degrees clockwise from 12 o'clock) and radius from the centre. */
export function polar(angle: number, radius: number, center = wheelSize.size / 2) {
  const radians = ((angle - 90) * Math.PI) / 180;
  return {
    x: round(center + radius * Math.cos(radians)),
    y: round(center + radius * Math.sin(radians)),
  };
}

/** Twelve ring segments, January at the top, clockwise like a clock face. */
export function wheelSegments(counts: readonly number[]): WheelSegment[] {
  const { outer, inner } = wheelSize;
  return monthNumbers.map((month, index) => {
    const start = index * 30;
    const end = start + 30;
    const outerStart = polar(start, outer);
    const outerEnd = polar(end, outer);
    const innerEnd = polar(end, inner);
    const innerStart = polar(start, inner);
    const label = polar(start + 15, (outer + inner) / 2);
    const colors = (counts[index] ?? 0) > 0 ? wheelColors.withTopics : wheelColors.withoutTopics;
    return {
      month,
      path: [
        `M ${outerStart.x} ${outerStart.y}`,
        `A ${outer} ${outer} 0 0 1 ${outerEnd.x} ${outerEnd.y}`,
        `L ${innerEnd.x} ${innerEnd.y}`,
        `A ${inner} ${inner} 0 0 0 ${innerStart.x} ${innerStart.y}`,
        'Z',
      ].join(' '),
      labelX: label.x,
      labelY: label.y,
      fill: colors.fill,
      textColor: colors.text,
    };
  });
}

// ---- Contrast (WCAG 2.x) ----

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => channel(parseInt(part, 16))) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
