// The demo's logins, one per role, linked to persons of the demo where the role fits (issue 18):
// each gets a generated one-time password, printed once at first start like the administrator's.
import { z } from 'zod';
import type { Actor } from '../../platform/auth/policy';
import { roles, type Role } from '../../platform/auth/roles';
import type { Tx } from '../../platform/db/transaction';
import { createUser } from '../accounts/index';

export const demoUserSchema = z.object({
  email: z.email(),
  role: z.enum(roles),
  /** The key of a person in the demo's persons; the user takes their name. */
  person: z.string().optional(),
  name: z.string().optional(),
});

export type DemoLogin = { email: string; role: Role; password: string };

/** Creates the demo users; returns their one-time passwords, to be shown once. */
export async function loadDemoUsers(
  tx: Tx,
  users: ReadonlyArray<z.infer<typeof demoUserSchema>>,
  persons: ReadonlyMap<string, { id: string; name: string }>,
): Promise<DemoLogin[]> {
  const actor: Actor = { kind: 'system', label: 'demo' };
  const logins: DemoLogin[] = [];
  for (const demoUser of users) {
    const person = demoUser.person === undefined ? undefined : persons.get(demoUser.person);
    if (demoUser.person !== undefined && !person)
      throw new Error(`demo data: unknown person "${demoUser.person}"`);
    const { user, password } = await createUser({
      actor,
      tx,
      rawInput: {
        email: demoUser.email,
        role: demoUser.role,
        name: demoUser.name ?? person?.name ?? demoUser.email,
        personId: person?.id,
      },
    });
    logins.push({ email: user.email, role: user.role, password });
  }
  return logins;
}
