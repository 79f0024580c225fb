// What minutes/ writes of meetings, items, releases and follow-ups as a meeting is held and its
// minutes kept: the rows stay in this module, which owns them; the caller has checked the actor's
// right to write and records the audit and live events.
import type { Db } from '../../platform/db/client';
import * as repo from './repository';

type Writer = { readonly tx: Db };

/**
 * The meeting row, locked until the transaction ends: two secretaries pressing "Udsend" at once
 * get versions 1 and 2, not two 1s.
 */
export async function lockMeetingRow({ tx }: Writer, meetingId: string) {
  return repo.selectMeetingForUpdate(tx, meetingId);
}

/** The meeting's status and the times it was held and its minutes released and approved. */
export async function updateMeetingLifecycle(
  { tx }: Writer,
  meetingId: string,
  values: Parameters<typeof repo.updateMeetingLifecycle>[2],
) {
  return repo.updateMeetingLifecycle(tx, meetingId, values);
}

export async function insertAgendaRelease(
  { tx }: Writer,
  values: Parameters<typeof repo.insertRelease>[1],
) {
  return repo.insertRelease(tx, values);
}

export async function updateItemTimes(
  { tx }: Writer,
  itemId: string,
  values: Parameters<typeof repo.updateItemTimes>[2],
) {
  return repo.updateItemTimes(tx, itemId, values);
}

/** Ends whatever item of the meeting is still running, at `at`. */
export async function endRunningItems({ tx }: Writer, meetingId: string, at: Date) {
  return repo.endRunningItems(tx, meetingId, at);
}

/**
 * Saves minutes only if nobody saved since `expectedRevision` was read (optimistic locking);
 * undefined means someone did, and nothing was written.
 */
export async function updateMinutesAtRevision(
  { tx }: Writer,
  itemId: string,
  expectedRevision: number,
  values: Parameters<typeof repo.updateMinutesAtRevision>[3],
) {
  return repo.updateMinutesAtRevision(tx, itemId, expectedRevision, values);
}

export async function updateItemPostponed({ tx }: Writer, itemId: string, isPostponed: boolean) {
  return repo.updateItemPostponed(tx, itemId, isPostponed);
}

/** Marks the item as continuing an earlier one, so its history can be shown. */
export async function setCarriedFrom({ tx }: Writer, itemId: string, fromItemId: string) {
  return repo.setCarriedFrom(tx, itemId, fromItemId);
}

/** Copies the bilag listed on the item itself, with their files (a paper's bilag follow the paper). */
export async function copyOwnAttachments({ tx }: Writer, fromItemId: string, toItemId: string) {
  return repo.copyOwnAttachments(tx, fromItemId, toItemId);
}

export async function insertFollowUp(
  { tx }: Writer,
  values: Parameters<typeof repo.insertFollowUp>[1],
) {
  return repo.insertFollowUp(tx, values);
}

export async function updateFollowUp(
  { tx }: Writer,
  id: string,
  values: Parameters<typeof repo.updateFollowUp>[2],
) {
  return repo.updateFollowUp(tx, id, values);
}
