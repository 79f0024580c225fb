// What other modules read of papers, for data they have already checked the actor may see.
import type { Db } from '../../platform/db/client';
import * as repo from './repository';

export type { PaperHeading } from './repository';

/** The title, case officers, approved version and organization of each of these papers, by id. */
export async function readPaperHeadings(
  { tx }: { tx: Db },
  ids: readonly string[],
): Promise<Map<string, repo.PaperHeading>> {
  const rows = await repo.selectPaperHeadings(tx, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row]));
}
