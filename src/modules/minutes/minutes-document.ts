import { can } from '../../platform/auth/policy';
import {
  getMeetingDetail,
  mayReadMinutes,
  type MeetingDetail,
  type MeetingRow,
  readItemMeeting,
  readMeetingRow,
  readPreviousMeeting,
} from '../meetings/index';
import { listAttendance, type AttendanceEntry } from './attendance';
import type { FollowUpView } from './follow-ups';
import * as repo from './repository';
import type { ServiceContext } from '../../platform/service-context';

/** Everything the minutes show, in one shape for the web page, the PDF and the Word file. */
export type MinutesDocument = {
  detail: MeetingDetail;
  /** False while the minutes are the secretariat's draft and the actor is not of it. */
  isReadable: boolean;
  mayConduct: boolean;
  attendance: AttendanceEntry[];
  signOffs: repo.SignOff[];
  addendaByItem: Map<string, repo.AddendumRow[]>;
  /** Names of the members who left during each item (inhabil). */
  leftByItem: Map<string, string[]>;
  /** Listed under the "Opfølgning" item: earlier meetings' open follow-ups and recent ones done. */
  meetingFollowUps: FollowUpView[];
  /** The meeting whose minutes the "Referat" item approves, if there is one. */
  previousMeeting: MeetingRow | undefined;
  /** The later meeting that approved these minutes. */
  approvedAt: { meetingId: string; meetingTitle: string; meetingStartsAt: Date } | undefined;
};

export async function getMinutesDocument({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<MinutesDocument> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  const meeting = await readMeetingRow(ctx, meetingId);
  const row = meeting!;
  const attendance = await listAttendance(ctx.tx, row);
  const names = new Map(attendance.map((entry) => [entry.personId, entry.name]));
  // Addenda are minutes: only of items whose content the actor may read.
  const itemIds = detail.plan.items.filter((item) => !item.isRedacted).map((item) => item.id);
  const addenda = await repo.selectAddenda(ctx.tx, itemIds);
  const addendaByItem = new Map<string, repo.AddendumRow[]>();
  for (const addendum of addenda) {
    addendaByItem.set(addendum.agendaItemId, [
      ...(addendaByItem.get(addendum.agendaItemId) ?? []),
      addendum,
    ]);
  }
  const leftByItem = new Map(
    detail.plan.items.map((item) => [
      item.id,
      item.disqualifiedPersonIds.flatMap((id) => {
        const name = names.get(id);
        return name ? [name] : [];
      }),
    ]),
  );
  const approvedBy = row.minutesApprovedByItemId
    ? await readItemMeeting(ctx, row.minutesApprovedByItemId)
    : undefined;
  return {
    detail,
    isReadable: mayReadMinutes(ctx.actor, row),
    mayConduct: can(ctx.actor, 'meeting.conduct', { organizationId: row.organizationId }),
    attendance,
    signOffs: await repo.selectSignOffs(ctx.tx, meetingId),
    addendaByItem,
    leftByItem,
    meetingFollowUps: detail.standingFollowUps,
    previousMeeting: await readPreviousMeeting(ctx, row),
    approvedAt: approvedBy,
  };
}
