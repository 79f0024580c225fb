// What other modules read of minutes: rows as stored, for a caller that checks access itself.
import type { Db } from '../../platform/db/client';
import * as repo from './repository';

type Reader = { readonly tx: Db };

/** Where a person's attendance was recorded: meeting id and status (deltager, afbud …). */
export async function readAttendanceOfPerson({ tx }: Reader, personId: string) {
  return repo.selectAttendanceOfPerson(tx, personId);
}
