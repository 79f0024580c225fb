import { can, type Actor } from '../../platform/auth/policy';
import type { MeetingRow } from './repository';

/**
 * Who may do what with meetings, items and their minutes, beyond the role table in
 * platform/auth/policy.ts: the rules that depend on an item's or a meeting's state.
 */

/**
 * Whether the actor may read an item's content: an open item, or a closed one for those who read
 * closed items, unless they are inhabil in it. Everything that shows item content checks this.
 */
export function mayReadItemContent(
  actor: Actor,
  item: { isPublic: boolean; disqualifiedPersonIds: readonly string[] },
  organizationId: string,
): boolean {
  if (item.isPublic) return true;
  if (!can(actor, 'agendaItem.readClosed', { organizationId })) return false;
  const personId = actor.kind === 'user' ? actor.personId : null;
  return personId === null || !item.disqualifiedPersonIds.includes(personId);
}

/**
 * Minutes are the secretariat's draft until released; after that everyone who sees the
 * meeting reads them.
 */
export function mayReadMinutes(
  actor: Actor,
  meeting: Pick<MeetingRow, 'organizationId' | 'status'>,
): boolean {
  return (
    meeting.status === 'minutes_released' ||
    meeting.status === 'minutes_approved' ||
    can(actor, 'meeting.conduct', { organizationId: meeting.organizationId })
  );
}

/** What the meeting pages offer the actor for one meeting; views receive it as data. */
export type MeetingAbilities = {
  /** Release the agenda, run the meeting, write and release the minutes. */
  mayConduct: boolean;
  /** Add, edit, move and delete agenda items. */
  mayEditAgenda: boolean;
};

export function meetingAbilities(
  actor: Actor,
  meeting: { organizationId: string },
): MeetingAbilities {
  const resource = { organizationId: meeting.organizationId };
  return {
    mayConduct: can(actor, 'meeting.conduct', resource),
    mayEditAgenda: can(actor, 'agendaItem.write', resource),
  };
}
