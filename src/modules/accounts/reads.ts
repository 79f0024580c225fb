// What other modules read of accounts: rows as stored, for a caller that checks access itself.
import type { Db } from '../../platform/db/client';
import * as repo from './repository';
import type { UserRow } from './repository';

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

/** Users by id, or all active users of these roles, with name and e-mail (approvers, their mail). */
export async function readUserNames(
  { tx }: Reader,
  filter: { ids?: readonly string[]; roles?: readonly UserRow['role'][] },
) {
  return repo.selectUserNames(tx, filter);
}
