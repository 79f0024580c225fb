import { addMinutes } from '../../platform/i18n/format';

export type PlanInputItem = {
  id: string;
  parentId: string | null;
  position: number;
  durationMinutes: number;
  /** The number an imported agenda gave the item; it wins over the derived one. */
  sourceNumber?: string | null;
};

export type Slot = { start: Date; end: Date };

export type PlannedItem<T extends PlanInputItem> = T & {
  /** "7" for a top-level item, "7.A" for its first sub-item; an imported item's own ("1.1"). */
  number: string;
  /** What the agenda prints before the title: "7." or "A)". */
  label: string;
  depth: 0 | 1;
  /** Absent for 0-minute items such as "Skriftlige orienteringer". */
  slot: Slot | null;
};

export type TimePlan<T extends PlanInputItem> = {
  items: Array<PlannedItem<T>>;
  plannedEnd: Date;
  /** Minutes the plan runs past the meeting's end; 0 when it fits. */
  overrunMinutes: number;
  /** Minutes left before the meeting's end; 0 when it overruns. */
  spareMinutes: number;
};

/**
 * Lays the items out one after another from the meeting's start, in agenda order
 * (each top-level item followed by its sub-items), as the seed's committee agenda does.
 */
export function planAgenda<T extends PlanInputItem>(
  meeting: { startsAt: Date; endsAt: Date },
  items: readonly T[],
): TimePlan<T> {
  const byPosition = (a: T, b: T) => a.position - b.position;
  const topLevel = items.filter((item) => item.parentId === null).sort(byPosition);
  const planned: Array<PlannedItem<T>> = [];
  let clock = meeting.startsAt;

  const place = (item: T, number: string, label: string, depth: 0 | 1) => {
    let slot: Slot | null = null;
    if (item.durationMinutes > 0) {
      const end = addMinutes(clock, item.durationMinutes);
      slot = { start: clock, end };
      clock = end;
    }
    planned.push({ ...item, number, label, depth, slot });
  };

  topLevel.forEach((parent, index) => {
    const number = parent.sourceNumber ?? String(index + 1);
    place(parent, number, `${number}.`, 0);
    items
      .filter((item) => item.parentId === parent.id)
      .sort(byPosition)
      .forEach((child, childIndex) => {
        if (child.sourceNumber) {
          place(child, child.sourceNumber, child.sourceNumber, 1);
          return;
        }
        const letter = subItemLetter(childIndex);
        place(child, `${number}.${letter}`, `${letter})`, 1);
      });
  });

  const differenceMinutes = Math.round((clock.getTime() - meeting.endsAt.getTime()) / 60_000);
  return {
    items: planned,
    plannedEnd: clock,
    overrunMinutes: Math.max(0, differenceMinutes),
    spareMinutes: Math.max(0, -differenceMinutes),
  };
}

/** A, B, …, Z, AA, AB, … */
export function subItemLetter(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}
