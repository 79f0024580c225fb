import type { Role } from './roles';

/*
 * Permissions in two layers. Here: who is acting, the actions, which roles may do each at all,
 * and the organization scope (`can`). The table stays in one place because actions cross the
 * module graph (papers checks `agendaItem.readClosed`, search every module's reads) and platform
 * imports no module. Rules that depend on a module's own state (a closed item, a meeting's
 * status, a paper's status, a package's audience) are pure functions in that module's
 * policy.ts, built on `can`.
 */

/** Who is acting: a signed-in user (session or token), or the system itself (CLI, demo loader). */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      role: Role;
      /** The person the user is (member, participant, follow-up owner), if linked. */
      personId: string | null;
      /** Organizations the user's person is a member of today; limits participants and readers. */
      organizationIds: readonly string[];
      /**
       * Meetings of other organizations the person is called in to as stedfortræder: for these
       * they act as a member (read, closed items, sign-off) when the resource names the meeting.
       */
      meetingIds?: readonly string[];
      /** The HTTP request acting, for the audit trail. */
      requestId?: string;
    }
  | { kind: 'system'; label: string; requestId?: string };

export type Action =
  | 'meeting.read'
  | 'meeting.create'
  | 'meeting.update'
  | 'meeting.delete'
  | 'agendaItem.readClosed'
  | 'agendaItem.write'
  | 'template.read'
  | 'template.manage'
  | 'organization.read'
  | 'organization.manage'
  | 'membership.manage'
  | 'organization.configure'
  | 'user.manage'
  | 'person.read'
  | 'person.manage'
  | 'audit.read'
  | 'token.createOwn'
  | 'paper.read'
  | 'paper.readDraft'
  | 'paper.write'
  | 'meeting.conduct'
  | 'minutes.signOff'
  | 'followUp.write'
  | 'followUp.readOwn'
  | 'annualPlan.read'
  | 'annualPlan.manage'
  | 'calendarFeed.createOwn'
  | 'import.run'
  | 'privacy.manage';

const everyone: readonly Role[] = [
  'administrator',
  'secretary',
  'case_officer',
  'participant',
  'reader',
];

/** The permission table: which roles may do an action at all. Resource checks follow below. */
const permissions: Record<Action, readonly Role[]> = {
  'meeting.read': everyone,
  'meeting.create': ['administrator', 'secretary'],
  'meeting.update': ['administrator', 'secretary'],
  'meeting.delete': ['administrator', 'secretary'],
  'agendaItem.readClosed': ['administrator', 'secretary', 'participant'],
  'agendaItem.write': ['administrator', 'secretary'],
  'template.read': ['administrator', 'secretary'],
  'template.manage': ['administrator'],
  'organization.read': everyone,
  'organization.manage': ['administrator'],
  // Who sits on a committee, in which role and when: administrators and the secretariat.
  'membership.manage': ['administrator', 'secretary'],
  // An organization's meeting rules: the § 8 deadlines and the § 10 closure reasons.
  'organization.configure': ['administrator', 'secretary'],
  'user.manage': ['administrator'],
  // The person register: the secretariat keeps committee members and their details current;
  // logins (users) stay with administrators.
  'person.read': ['administrator', 'secretary'],
  'person.manage': ['administrator', 'secretary'],
  'audit.read': ['administrator'],
  'token.createOwn': everyone,
  'paper.read': everyone,
  'paper.readDraft': ['administrator', 'secretary', 'case_officer'],
  'paper.write': ['administrator', 'secretary', 'case_officer'],
  // Release the agenda, run the live meeting, write minutes, attendance and carry-over.
  'meeting.conduct': ['administrator', 'secretary'],
  'minutes.signOff': ['administrator', 'secretary', 'participant'],
  'followUp.write': ['administrator', 'secretary'],
  'followUp.readOwn': everyone,
  'annualPlan.read': ['administrator', 'secretary', 'case_officer', 'participant'],
  'annualPlan.manage': ['administrator', 'secretary'],
  'calendarFeed.createOwn': everyone,
  // Import writes organisations, persons and published meetings in one go.
  'import.run': ['administrator'],
  // Retention settings and runs, and the export of everything held about a person.
  'privacy.manage': ['administrator'],
};

/** Roles that see every organization's meetings; the others see their own organizations'. */
const rolesSeeingAllOrganizations: readonly Role[] = ['administrator', 'secretary', 'case_officer'];

/** What an action is on: an organization's, and where it is about one meeting, that meeting. */
export type Resource = { organizationId: string; meetingId?: string };

/** The one policy check every route and service uses. */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (actor.kind === 'system') return true;
  if (!permissions[action].includes(actor.role)) return false;
  if (resource === undefined) return true;
  return (
    seesOrganization(actor, resource.organizationId) ||
    (resource.meetingId !== undefined && (actor.meetingIds ?? []).includes(resource.meetingId))
  );
}

/** Undefined means no restriction; otherwise the organizations whose meetings the actor sees. */
export function visibleOrganizationIds(actor: Actor): readonly string[] | undefined {
  if (actor.kind === 'system' || rolesSeeingAllOrganizations.includes(actor.role)) {
    return undefined;
  }
  return actor.organizationIds;
}

function seesOrganization(actor: Actor & { kind: 'user' }, organizationId: string): boolean {
  const visible = visibleOrganizationIds(actor);
  return visible === undefined || visible.includes(organizationId);
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : actor.label;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
