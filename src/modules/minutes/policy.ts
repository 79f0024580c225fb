import { can, type Actor } from '../../platform/auth/policy';
import { isMeetingLocked, type MeetingRow } from '../meetings/index';
import type { MinutesDocument } from './minutes-document';

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

/**
 * Whether the minutes page offers the actor to sign off: released minutes, a member who attended
 * and has not signed yet.
 */
export function maySignMinutes(
  actor: Actor,
  doc: Pick<MinutesDocument, 'detail' | 'signOffs' | 'attendance'>,
): boolean {
  const { meeting } = doc.detail;
  const personId = actor.kind === 'user' ? actor.personId : null;
  return (
    personId !== null &&
    !doc.signOffs.some((signOff) => signOff.personId === personId) &&
    can(actor, 'minutes.signOff', {
      organizationId: meeting.organizationId,
      meetingId: meeting.id,
    }) &&
    (meeting.status === 'minutes_released' || meeting.status === 'minutes_approved') &&
    doc.attendance.some((entry) => entry.personId === personId && entry.status === 'attending')
  );
}

/**
 * What an item's minutes form offers the secretariat: the text until the minutes are released,
 * the decision until the meeting is held, and from "afholdt" on the addendum that corrects it.
 */
export function itemMinutesAbilities(meeting: Pick<MeetingRow, 'status'>): {
  mayEditText: boolean;
  mayEditDecision: boolean;
  mayAddAddendum: boolean;
} {
  const isReleased = meeting.status === 'minutes_released' || meeting.status === 'minutes_approved';
  const isLocked = isMeetingLocked(meeting);
  return { mayEditText: !isReleased, mayEditDecision: !isLocked, mayAddAddendum: isLocked };
}

/**
 * The minutes page's link for an item: write the first minutes, correct existing ones, or (once
 * released) add an addendum.
 */
export function itemMinutesAction(
  meeting: Pick<MeetingRow, 'status'>,
  item: { minutesText: string | null; decision: string | null },
): 'write' | 'correct' | 'addendum' {
  if (!itemMinutesAbilities(meeting).mayEditText) return 'addendum';
  return item.minutesText?.trim() || item.decision?.trim() ? 'correct' : 'write';
}
