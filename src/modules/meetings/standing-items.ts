import type { standingItemKinds, standingPlacements } from './enums';

export type StandingItemKind = (typeof standingItemKinds)[number];
export type StandingPlacement = (typeof standingPlacements)[number];

/**
 * The kind of a standing item, recognised from its title when none is given. The same patterns
 * backfilled existing items (db/migrations/0011_standing_kinds_from_titles.sql).
 */
const patterns: readonly [StandingItemKind, RegExp][] = [
  ['agenda_approval', /^\s*(godkendelse af )?dagsorden(en)?\s*$/iu],
  ['minutes_approval', /^\s*(godkendelse af )?referat/iu],
  ['follow_ups', /^\s*opfølgning/iu],
  ['cases_to_council', /sager på vej til byrådet/iu],
];

export function inferStandingKind(title: string): StandingItemKind | null {
  return patterns.find(([, pattern]) => pattern.test(title))?.[0] ?? null;
}

/**
 * Where a template's standing item goes when none is given: "Evt." and "Eventuelt" close the
 * meeting, everything else opens it. The same pattern backfilled existing templates and agendas
 * (db/migrations/0030_standing_placement.sql).
 */
export function inferPlacement(title: string): StandingPlacement {
  return /^\s*(evt\.?|eventuelt)\s*$/iu.test(title) ? 'closing' : 'opening';
}

/**
 * The 0-based index among top-level items where a new item goes: after the last item that does
 * not close the meeting, so closing standing items ("Evt.") stay last.
 */
export function insertionIndex(siblings: ReadonlyArray<{ placement: StandingPlacement | null }>) {
  let index = siblings.length;
  while (index > 0 && siblings[index - 1]!.placement === 'closing') index -= 1;
  return index;
}
