import { describe, expect, it } from 'vitest';
import { diffAgendaVersions, type ComparedItem } from './agenda-version-diff';

const item = (id: string, number: string, extra: Partial<ComparedItem> = {}): ComparedItem => ({
  id,
  parentId: null,
  number,
  title: `Punkt ${id}`,
  isPublic: true,
  attachments: [],
  paperVersion: null,
  ...extra,
});

describe('diffAgendaVersions', () => {
  it('reports nothing for the same agenda', () => {
    const items = [item('a', '1'), item('b', '2')];
    expect(diffAgendaVersions(items, items)).toEqual({ items: [], unchangedCount: 2 });
  });

  it('reports an added item without calling the renumbered ones moved', () => {
    const diff = diffAgendaVersions(
      [item('a', '1'), item('b', '2')],
      [item('n', '1'), item('a', '2'), item('b', '3')],
    );
    expect(diff).toEqual({
      items: [{ itemId: 'n', number: '1', title: 'Punkt n', changes: [{ kind: 'added' }] }],
      unchangedCount: 2,
    });
  });

  it('lists removed items after the changed ones, with their earlier number', () => {
    const diff = diffAgendaVersions([item('a', '1'), item('b', '2')], [item('b', '1')]);
    expect(diff.items).toEqual([
      { itemId: 'a', number: '1', title: 'Punkt a', changes: [{ kind: 'removed' }] },
    ]);
    expect(diff.unchangedCount).toBe(1);
  });

  it('marks an item moved when the order of the common items changes', () => {
    const diff = diffAgendaVersions(
      [item('a', '1'), item('b', '2'), item('c', '3')],
      [item('c', '1'), item('a', '2'), item('b', '3')],
    );
    expect(diff.items).toEqual([
      {
        itemId: 'c',
        number: '1',
        title: 'Punkt c',
        changes: [{ kind: 'moved', fromNumber: '3', toNumber: '1' }],
      },
    ]);
  });

  it('marks an item moved under another parent', () => {
    const diff = diffAgendaVersions(
      [item('a', '1'), item('b', '2')],
      [item('a', '1'), item('b', '1.A', { parentId: 'a' })],
    );
    expect(diff.items[0]?.changes).toEqual([{ kind: 'moved', fromNumber: '2', toNumber: '1.A' }]);
  });

  it('reports title, closure, memo version and bilag changes on one item', () => {
    const diff = diffAgendaVersions(
      [item('a', '1', { title: 'Budget', attachments: ['Bilag 1', 'Bilag 2'], paperVersion: 2 })],
      [
        item('a', '1', {
          title: 'Budget 2027',
          isPublic: false,
          attachments: ['Bilag 2', 'Bilag 3'],
          paperVersion: 4,
        }),
      ],
    );
    expect(diff.items[0]?.changes).toEqual([
      { kind: 'titleChanged', from: 'Budget', to: 'Budget 2027' },
      { kind: 'closedChanged', isPublic: false },
      { kind: 'memoVersionChanged', from: 2, to: 4 },
      { kind: 'attachmentAdded', title: 'Bilag 3' },
      { kind: 'attachmentRemoved', title: 'Bilag 1' },
    ]);
  });

  it('counts bilag with the same title', () => {
    const diff = diffAgendaVersions(
      [item('a', '1', { attachments: ['Kort', 'Kort'] })],
      [item('a', '1', { attachments: ['Kort'] })],
    );
    expect(diff.items[0]?.changes).toEqual([{ kind: 'attachmentRemoved', title: 'Kort' }]);
  });

  it('leaves the memo version out when a release did not record it', () => {
    const diff = diffAgendaVersions(
      [item('a', '1', { paperVersion: undefined })],
      [item('a', '1', { paperVersion: 3 })],
    );
    expect(diff.items).toEqual([]);
  });

  it('reports a memo put on an item', () => {
    const diff = diffAgendaVersions(
      [item('a', '1', { paperVersion: null })],
      [item('a', '1', { paperVersion: 1 })],
    );
    expect(diff.items[0]?.changes).toEqual([{ kind: 'memoVersionChanged', from: null, to: 1 }]);
  });
});
