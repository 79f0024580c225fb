import { describe, expect, it } from 'vitest';
import { formatSlot, fromLocalDateTime } from '../../platform/i18n/format';
import { planAgenda, subItemLetter, type PlanInputItem } from './time-plan';

const start = fromLocalDateTime('2023-11-15', '18:15');
const end = fromLocalDateTime('2023-11-15', '19:45');

function item(
  id: string,
  position: number,
  durationMinutes: number,
  parentId: string | null = null,
): PlanInputItem {
  return { id, parentId, position, durationMinutes };
}

/** The seed's committee meeting: 10 items, 7 has sub-item A, 8 has A and B without time. */
const seedItems = [
  item('1', 1, 3),
  item('2', 2, 2),
  item('3', 3, 20),
  item('4', 4, 20),
  item('5', 5, 20),
  item('6', 6, 15),
  item('7', 7, 0),
  item('7a', 1, 5, '7'),
  item('8', 8, 0),
  item('8a', 1, 0, '8'),
  item('8b', 2, 0, '8'),
  item('9', 9, 2),
  item('10', 10, 3),
];

function slots(items: readonly PlanInputItem[]) {
  return planAgenda({ startsAt: start, endsAt: end }, items).items.map((planned) => [
    planned.number,
    planned.slot ? formatSlot(planned.slot.start, planned.slot.end, planned.durationMinutes) : null,
  ]);
}

describe('planAgenda', () => {
  it('reproduces the time plan printed in the seed', () => {
    expect(slots(seedItems)).toEqual([
      ['1', '18.15 – 18.18 (3 min.)'],
      ['2', '18.18 – 18.20 (2 min.)'],
      ['3', '18.20 – 18.40 (20 min.)'],
      ['4', '18.40 – 19.00 (20 min.)'],
      ['5', '19.00 – 19.20 (20 min.)'],
      ['6', '19.20 – 19.35 (15 min.)'],
      ['7', null],
      ['7.A', '19.35 – 19.40 (5 min.)'],
      ['8', null],
      ['8.A', null],
      ['8.B', null],
      ['9', '19.40 – 19.42 (2 min.)'],
      ['10', '19.42 – 19.45 (3 min.)'],
    ]);
    const plan = planAgenda({ startsAt: start, endsAt: end }, seedItems);
    expect(plan.overrunMinutes).toBe(0);
    expect(plan.spareMinutes).toBe(0);
  });

  it('recomputes every later slot when items are reordered', () => {
    const swapped = seedItems.map((entry) =>
      entry.id === '3'
        ? { ...entry, position: 4 }
        : entry.id === '4'
          ? { ...entry, position: 3 }
          : entry,
    );
    const result = slots(swapped);
    expect(result[2]).toEqual(['3', '18.20 – 18.40 (20 min.)']);
    const plan = planAgenda({ startsAt: start, endsAt: end }, swapped);
    expect(plan.items.map((planned) => planned.id).slice(0, 4)).toEqual(['1', '2', '4', '3']);
  });

  it('orders by position, not by input order, and labels sub-items with letters', () => {
    const plan = planAgenda({ startsAt: start, endsAt: end }, [item('b', 2, 5), item('a', 1, 5)]);
    expect(plan.items.map((planned) => [planned.id, planned.label])).toEqual([
      ['a', '1.'],
      ['b', '2.'],
    ]);
  });

  it('reports the overrun when the plan runs past the meeting end', () => {
    const plan = planAgenda({ startsAt: start, endsAt: end }, [...seedItems, item('11', 11, 15)]);
    expect(plan.overrunMinutes).toBe(15);
    expect(plan.spareMinutes).toBe(0);
  });

  it('reports spare time when the plan ends early', () => {
    const plan = planAgenda({ startsAt: start, endsAt: end }, [item('1', 1, 30)]);
    expect(plan.overrunMinutes).toBe(0);
    expect(plan.spareMinutes).toBe(60);
  });

  it('handles the change to summer time inside a meeting', () => {
    const nightStart = fromLocalDateTime('2024-03-31', '01:30');
    const plan = planAgenda(
      { startsAt: nightStart, endsAt: new Date(nightStart.getTime() + 3_600_000) },
      [item('1', 1, 60)],
    );
    const slot = plan.items[0]!.slot!;
    expect(formatSlot(slot.start, slot.end, 60)).toBe('01.30 – 03.30 (60 min.)');
  });

  it("shows an imported item's own number, as the source printed it", () => {
    const imported = [
      { ...item('1', 1, 0), sourceNumber: '1' },
      { ...item('1.1', 1, 0, '1'), sourceNumber: '1.1' },
      { ...item('12', 2, 0), sourceNumber: '12' },
      item('new', 3, 0),
    ];
    const plan = planAgenda({ startsAt: start, endsAt: end }, imported);
    expect(plan.items.map((planned) => [planned.number, planned.label])).toEqual([
      ['1', '1.'],
      ['1.1', '1.1'],
      ['12', '12.'],
      ['3', '3.'],
    ]);
  });
});

describe('subItemLetter', () => {
  it('counts A…Z then AA', () => {
    expect([0, 1, 25, 26, 27].map(subItemLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});
