// What other modules (minutes above all) read of meetings, items, releases and follow-ups: rows
// as stored, for a caller that checks the actor's access itself.
import type { Db } from '../../platform/db/client';
import * as repo from './repository';

type Reader = { readonly tx: Db };

export async function readMeetingRow({ tx }: Reader, meetingId: string) {
  return repo.selectMeeting(tx, meetingId);
}

/** The meetings with these ids, in one query (a list of many meetings reads them at once). */
export async function readMeetingRows({ tx }: Reader, meetingIds: readonly string[]) {
  return repo.selectMeetingsByIds(tx, meetingIds);
}

/** The meeting of the same organization held last before this one. */
export async function readPreviousMeeting(
  { tx }: Reader,
  meeting: Pick<repo.MeetingRow, 'organizationId' | 'startsAt'>,
) {
  return repo.selectPreviousMeeting(tx, meeting);
}

export async function readAgendaItemRow({ tx }: Reader, meetingId: string, itemId: string) {
  return repo.selectItem(tx, meetingId, itemId);
}

export async function readAgendaItemRows({ tx }: Reader, meetingId: string) {
  return repo.selectItems(tx, meetingId);
}

export async function readDisqualifiedPersonIds({ tx }: Reader, itemId: string) {
  return repo.selectDisqualifiedPersonIds(tx, itemId);
}

export async function readFollowUpsOfItems({ tx }: Reader, itemIds: readonly string[]) {
  return repo.selectFollowUpsOfItems(tx, itemIds);
}

export async function readFollowUpsOfOwner({ tx }: Reader, ownerPersonId: string) {
  return repo.selectFollowUpsOfOwner(tx, ownerPersonId);
}

export async function readFollowUpsByIds({ tx }: Reader, ids: readonly string[]) {
  return repo.selectFollowUpsByIds(tx, ids);
}

/** The released versions of the agenda, newest first. */
export async function readAgendaReleases({ tx }: Reader, meetingId: string) {
  return repo.selectReleases(tx, meetingId);
}

/** The released versions of these meetings' agendas, without snapshots, oldest first. */
export async function readAgendaReleaseTimes({ tx }: Reader, meetingIds: readonly string[]) {
  return repo.selectReleaseTimesOfMeetings(tx, meetingIds);
}

export async function readAgendaItemIds({ tx }: Reader, meetingId: string) {
  return repo.selectItemIds(tx, meetingId);
}

/** The items that carry the same paper, or continue one another, across meetings. */
export async function readItemHistory(
  { tx }: Reader,
  item: Pick<repo.AgendaItemRow, 'id' | 'paperId' | 'carriedFromItemId'>,
) {
  return repo.selectItemHistory(tx, item);
}

/** The meeting an item belongs to, by id, title and start. */
export async function readItemMeeting({ tx }: Reader, itemId: string) {
  return repo.selectItemMeeting(tx, itemId);
}

/** Every meeting of these organizations, the latest first. */
export async function readMeetingsOfOrganizations(
  { tx }: Reader,
  organizationIds: readonly string[],
) {
  return repo.selectMeetingsOfOrganizations(tx, organizationIds);
}
