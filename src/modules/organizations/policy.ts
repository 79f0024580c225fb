import { can, type Actor } from '../../platform/auth/policy';
import type { MembershipRole } from './membership-roles';

/**
 * Who may do what with organizations and their members, beyond the role table in
 * platform/auth/policy.ts.
 */

/** Administrators and the secretariat change who sits on an organization they see. */
export function mayManageMemberships(actor: Actor, organizationId: string): boolean {
  return can(actor, 'membership.manage', { organizationId });
}

/**
 * Whether a role makes its holder one of the meeting's participants by itself: everyone but a
 * substitute, who takes part only when called in for one meeting (the attendance, issue 18
 * part 3). The same rule is in the view actor_memberships (accounts), which gives access.
 */
export const isParticipantRole = (role: MembershipRole): boolean => role !== 'substitute';
