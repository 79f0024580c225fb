import { can, type Actor } from '../../platform/auth/policy';

/**
 * Who may do what with minutes and follow-ups, beyond the role table in
 * platform/auth/policy.ts. Who reads minutes is meetings' rule (mayReadMinutes), since the
 * meeting pages show them too.
 */

/** A follow-up's owner marks it done or open again; so may the secretariat. */
export function maySetFollowUpStatus(
  actor: Actor,
  followUp: { ownerPersonId: string | null; organizationId: string },
): boolean {
  const isOwner = actor.kind === 'user' && actor.personId === followUp.ownerPersonId;
  return isOwner || can(actor, 'followUp.write', { organizationId: followUp.organizationId });
}
