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
  meeting: { organizationId: string; id: string },
): boolean {
  if (item.isPublic) return true;
  const resource = { organizationId: meeting.organizationId, meetingId: meeting.id };
  if (!can(actor, 'agendaItem.readClosed', resource)) return false;
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

/**
 * A held meeting is locked: from "afholdt" on, its items are neither added, deleted, moved nor
 * changed, and its times, attendance and decisions stand as the minutes record them (a
 * correction is an addendum). Every write path that touches a meeting's items asks this, so the
 * signed minutes always match the meeting. Only the minutes text stays open until release.
 */
export function isMeetingLocked(meeting: Pick<MeetingRow, 'status'>): boolean {
  return lockedStatuses.has(meeting.status);
}

const lockedStatuses: ReadonlySet<MeetingRow['status']> = new Set([
  'held',
  'minutes_released',
  'minutes_approved',
]);

/**
 * Item fields a held meeting still takes: whether a closed item's decision is published is a
 * publishing choice made after the meeting, not part of its record.
 */
const fieldsOpenWhenHeld: ReadonlySet<string> = new Set(['publishClosedDecision']);

/** Whether an item change touches the meeting's record (anything but the publishing choice). */
export function changesHeldRecord(input: Record<string, unknown>): boolean {
  return Object.entries(input).some(
    ([field, value]) => value !== undefined && !fieldsOpenWhenHeld.has(field),
  );
}

/** What the meeting pages offer the actor for one meeting; views receive it as data. */
export type MeetingAbilities = {
  /** Release the agenda, run the meeting, write and release the minutes. */
  mayConduct: boolean;
  /** Add, edit, move and delete agenda items (never once the meeting is held). */
  mayEditAgenda: boolean;
  /** The meeting is held and its agenda locked; the secretariat is told why nothing can change. */
  isLocked: boolean;
  /** A member (the user's person) may send afbud until the meeting is held. */
  maySendRegrets: boolean;
};

export function meetingAbilities(
  actor: Actor,
  meeting: Pick<MeetingRow, 'organizationId' | 'status'>,
): MeetingAbilities {
  const resource = { organizationId: meeting.organizationId };
  const isLocked = isMeetingLocked(meeting);
  return {
    mayConduct: can(actor, 'meeting.conduct', resource),
    mayEditAgenda: !isLocked && can(actor, 'agendaItem.write', resource),
    isLocked,
    maySendRegrets:
      !isLocked &&
      actor.kind === 'user' &&
      actor.personId !== null &&
      actor.organizationIds.includes(meeting.organizationId),
  };
}
