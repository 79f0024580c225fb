/**
 * What changed between two released versions of an agenda, item by item. Pure: the service
 * (agenda-comparison.ts) reads the two release snapshots and leaves out what the actor may not
 * read before it calls this.
 */

/** An item as one release froze it, reduced to what the comparison looks at. */
export type ComparedItem = {
  id: string;
  parentId: string | null;
  /** "4", "7.A": the number the release showed. */
  number: string;
  title: string;
  isPublic: boolean;
  /** Bilag titles in order. */
  attachments: readonly string[];
  /** The memo version on the agenda; undefined when the release did not record it (older releases). */
  paperVersion?: number | null;
};

export type ItemChange =
  | { kind: 'added' }
  | { kind: 'removed' }
  | { kind: 'moved'; fromNumber: string; toNumber: string }
  | { kind: 'titleChanged'; from: string; to: string }
  | { kind: 'memoVersionChanged'; from: number | null; to: number | null }
  | { kind: 'attachmentAdded'; title: string }
  | { kind: 'attachmentRemoved'; title: string }
  | { kind: 'closedChanged'; isPublic: boolean };

export type ItemDiff = {
  itemId: string;
  /** The item's number and title in the later version (in the earlier one when removed). */
  number: string;
  title: string;
  changes: ItemChange[];
};

export type AgendaVersionDiff = {
  /** Changed items in the later version's order, then the removed ones in the earlier order. */
  items: ItemDiff[];
  /** Items present in both versions without any change. */
  unchangedCount: number;
};

/** Compares two releases' items; each list in agenda order. */
export function diffAgendaVersions(
  from: readonly ComparedItem[],
  to: readonly ComparedItem[],
): AgendaVersionDiff {
  const before = new Map(from.map((item) => [item.id, item]));
  const afterIds = new Set(to.map((item) => item.id));
  const moved = movedItemIds(from, to);
  const items: ItemDiff[] = [];
  let unchangedCount = 0;
  for (const item of to) {
    const earlier = before.get(item.id);
    const changes: ItemChange[] = earlier
      ? itemChanges(earlier, item, moved.has(item.id))
      : [{ kind: 'added' }];
    if (changes.length === 0) unchangedCount += 1;
    else items.push({ itemId: item.id, number: item.number, title: item.title, changes });
  }
  for (const item of from) {
    if (afterIds.has(item.id)) continue;
    items.push({
      itemId: item.id,
      number: item.number,
      title: item.title,
      changes: [{ kind: 'removed' }],
    });
  }
  return { items, unchangedCount };
}

function itemChanges(from: ComparedItem, to: ComparedItem, isMoved: boolean): ItemChange[] {
  const changes: ItemChange[] = [];
  if (isMoved) changes.push({ kind: 'moved', fromNumber: from.number, toNumber: to.number });
  if (from.title !== to.title)
    changes.push({ kind: 'titleChanged', from: from.title, to: to.title });
  if (from.isPublic !== to.isPublic) changes.push({ kind: 'closedChanged', isPublic: to.isPublic });
  if (
    from.paperVersion !== undefined &&
    to.paperVersion !== undefined &&
    from.paperVersion !== to.paperVersion
  ) {
    changes.push({ kind: 'memoVersionChanged', from: from.paperVersion, to: to.paperVersion });
  }
  const { added, removed } = multisetDifference(from.attachments, to.attachments);
  for (const title of added) changes.push({ kind: 'attachmentAdded', title });
  for (const title of removed) changes.push({ kind: 'attachmentRemoved', title });
  return changes;
}

/**
 * Items that kept their place are the longest run of common items in the same order under the
 * same parent; the others moved. So an item added near the top renumbers the rest without
 * calling them moved, and a swap of two items marks one of them.
 */
function movedItemIds(from: readonly ComparedItem[], to: readonly ComparedItem[]): Set<string> {
  const toById = new Map(to.map((item) => [item.id, item]));
  const fromById = new Map(from.map((item) => [item.id, item]));
  const a = from.filter((item) => toById.has(item.id)).map((item) => item.id);
  const b = to.filter((item) => fromById.has(item.id)).map((item) => item.id);
  const kept = longestCommonSubsequence(a, b);
  const moved = new Set<string>();
  for (const id of b) {
    if (!kept.has(id) || fromById.get(id)!.parentId !== toById.get(id)!.parentId) moved.add(id);
  }
  return moved;
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): Set<string> {
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] =
        a[i] === b[j]
          ? lengths[i + 1]![j + 1]! + 1
          : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i += 1;
      j += 1;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i += 1;
    else j += 1;
  }
  return kept;
}

/** Titles in `to` but not in `from`, and the other way round, counting repeated titles. */
function multisetDifference(
  from: readonly string[],
  to: readonly string[],
): { added: string[]; removed: string[] } {
  const remaining = new Map<string, number>();
  for (const title of from) remaining.set(title, (remaining.get(title) ?? 0) + 1);
  const added: string[] = [];
  for (const title of to) {
    const count = remaining.get(title) ?? 0;
    if (count > 0) remaining.set(title, count - 1);
    else added.push(title);
  }
  const removed = from.filter((title) => {
    const count = remaining.get(title) ?? 0;
    if (count === 0) return false;
    remaining.set(title, count - 1);
    return true;
  });
  return { added, removed };
}
