import type { standingItemKinds } from './enums';

export type StandingItemKind = (typeof standingItemKinds)[number];

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
