import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAgenda, subItemLetter, type PlanInputItem } from './time-plan';

/** An agenda: top-level items with shuffled positions, some with sub-items. */
const agenda = fc
  .array(
    fc.record({
      duration: fc.integer({ min: 0, max: 600 }),
      children: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
    }),
    { maxLength: 30 },
  )
  .chain((parents) =>
    fc
      .shuffledSubarray(
        parents.map((_, index) => index),
        { minLength: parents.length, maxLength: parents.length },
      )
      .map((order) => {
        const items: PlanInputItem[] = [];
        parents.forEach((parent, index) => {
          const id = `p${index}`;
          // Positions need not be consecutive: only their order counts.
          items.push({
            id,
            parentId: null,
            position: order[index]! * 10,
            durationMinutes: parent.duration,
          });
          parent.children.forEach((duration, childIndex) =>
            items.push({
              id: `${id}c${childIndex}`,
              parentId: id,
              position: (parent.children.length - childIndex) * 3,
              durationMinutes: duration,
            }),
          );
        });
        return items;
      }),
  );

// Meetings around the year, including the nights Denmark changes to and from summer time.
const meeting = fc
  .record({
    start: fc.date({
      min: new Date('2023-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    length: fc.integer({ min: 1, max: 12 * 60 }),
  })
  .map(({ start, length }) => ({
    startsAt: start,
    endsAt: new Date(start.getTime() + length * 60_000),
  }));

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

describe('planAgenda properties', () => {
  it('places every item once, in agenda order, with contiguous slots', () => {
    fc.assert(
      fc.property(meeting, agenda, (times, items) => {
        const plan = planAgenda(times, items);
        expect(plan.items.map((item) => item.id).sort()).toEqual(
          items.map((item) => item.id).sort(),
        );
        let clock = times.startsAt;
        for (const item of plan.items) {
          if (item.durationMinutes === 0) {
            expect(item.slot).toBeNull();
            continue;
          }
          expect(item.slot?.start).toEqual(clock);
          expect(minutesBetween(item.slot!.start, item.slot!.end)).toBe(item.durationMinutes);
          clock = item.slot!.end;
        }
        expect(plan.plannedEnd).toEqual(clock);
        const total = items.reduce((sum, item) => sum + item.durationMinutes, 0);
        expect(minutesBetween(times.startsAt, plan.plannedEnd)).toBe(total);
      }),
    );
  });

  it('numbers top-level items 1…n by position and sub-items by letter under their parent', () => {
    fc.assert(
      fc.property(meeting, agenda, (times, items) => {
        const plan = planAgenda(times, items);
        const numbers = plan.items.map((item) => item.number);
        expect(new Set(numbers).size).toBe(numbers.length);
        const parents = plan.items.filter((item) => item.depth === 0);
        expect(parents.map((item) => item.number)).toEqual(
          parents.map((_, index) => String(index + 1)),
        );
        const sortedPositions = parents.map((item) => item.position);
        expect(sortedPositions).toEqual([...sortedPositions].sort((a, b) => a - b));
        for (const parent of parents) {
          const children = plan.items.filter((item) => item.parentId === parent.id);
          expect(children.map((child) => child.number)).toEqual(
            children.map((_, index) => `${parent.number}.${subItemLetter(index)}`),
          );
        }
      }),
    );
  });

  it('reports either overrun or spare time, which together give the planned end', () => {
    fc.assert(
      fc.property(meeting, agenda, (times, items) => {
        const plan = planAgenda(times, items);
        expect(plan.overrunMinutes === 0 || plan.spareMinutes === 0).toBe(true);
        expect(plan.overrunMinutes - plan.spareMinutes).toBe(
          minutesBetween(times.endsAt, plan.plannedEnd),
        );
      }),
    );
  });

  it('gives distinct letters for any number of sub-items', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b) => {
        expect(subItemLetter(a) === subItemLetter(b)).toBe(a === b);
        expect(subItemLetter(a)).toMatch(/^[A-Z]+$/);
      }),
    );
  });
});
