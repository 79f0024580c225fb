import { can, type Actor } from '../../platform/auth/policy';
import type { Audience } from './service';

/** Which meeting package an actor may have, beyond the role table in platform/auth/policy.ts. */

/**
 * Which build of an audience serves the actor: the public one for everyone who sees the meeting;
 * the full one for those who read closed items, except that a member who is inhabil in an item
 * gets their own package without it (undefined: none may be served).
 */
export function servedPersonId(
  actor: Actor,
  scope: { organizationId: string; meetingId: string; disqualifiedPersonIds: readonly string[] },
  audience: Audience,
): { personId: string | null } | undefined {
  if (audience === 'public') return { personId: null };
  const resource = { organizationId: scope.organizationId, meetingId: scope.meetingId };
  if (!can(actor, 'agendaItem.readClosed', resource)) return undefined;
  const personId = actor.kind === 'user' ? actor.personId : null;
  if (personId !== null && scope.disqualifiedPersonIds.includes(personId)) return { personId };
  return { personId: null };
}
