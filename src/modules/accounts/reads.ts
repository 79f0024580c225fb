// What other modules read of accounts: rows as stored, for a caller that checks access itself.
import type { Db } from '../../platform/db/client';
import * as repo from './repository';

type Reader = { readonly tx: Db };

/** The logins linked to a person (e-mail, role, state; never the password hash). */
export async function readUsersOfPerson({ tx }: Reader, personId: string) {
  const rows = await repo.selectUsersOfPersons(tx, [personId]);
  return rows.map((user) => ({
    id: user.id,
    email: user.email,
    role: user.role,
    deactivatedAt: user.deactivatedAt,
  }));
}
