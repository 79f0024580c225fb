import type { z } from 'zod';
import { toIsoWithOffset } from '../../platform/i18n/format';
import type { MeetingRow, ReleaseRow } from '../meetings/index';
import type { AttendanceEntry } from './attendance';
import type { FollowUpView } from './follow-ups';
import type { LiveView } from './live-view';
import type {
  attendanceEntryResponse,
  attendanceResponse,
  followUpResponse,
  lifecycleResponse,
  liveResponse,
  releaseResponse,
} from './schemas';

const isoOrNull = (date: Date | null) => (date === null ? null : toIsoWithOffset(date));

export function presentRelease(release: ReleaseRow): z.input<typeof releaseResponse> {
  return {
    version: release.version,
    changeNote: release.changeNote,
    releasedAt: toIsoWithOffset(release.releasedAt),
    dueAt: release.dueAt ? toIsoWithOffset(release.dueAt) : null,
    isLate: release.dueAt !== null && release.releasedAt.getTime() > release.dueAt.getTime(),
    lateReason: release.lateReason,
  };
}

export function presentLifecycle(meeting: MeetingRow): z.input<typeof lifecycleResponse> {
  return {
    id: meeting.id,
    status: meeting.status,
    startedAt: isoOrNull(meeting.startedAt),
    endedAt: isoOrNull(meeting.endedAt),
    minutesReleasedAt: isoOrNull(meeting.minutesReleasedAt),
    minutesApprovedAt: isoOrNull(meeting.minutesApprovedAt),
  };
}

export function presentLive(view: LiveView): z.input<typeof liveResponse> {
  return {
    status: view.detail.meeting.status,
    currentItemId: view.status.currentItemId,
    delayMinutes: view.status.delayMinutes,
    delayText: view.delayText,
    plannedEnd: toIsoWithOffset(view.detail.plan.plannedEnd),
    projectedEnd: toIsoWithOffset(view.status.projectedEnd),
    items: view.detail.plan.items.map((item) => {
      const live = view.byItemId.get(item.id)!;
      return {
        id: item.id,
        number: item.number,
        title: item.title,
        state: live.state,
        plannedMinutes: live.plannedMinutes,
        elapsedMinutes: live.elapsedMinutes,
        overMinutes: live.overMinutes,
      };
    }),
  };
}

export function presentAttendance(
  entries: readonly AttendanceEntry[],
): z.input<typeof attendanceResponse> {
  return { data: entries.map(presentAttendanceEntry) };
}

export function presentAttendanceEntry(
  entry: AttendanceEntry,
): z.input<typeof attendanceEntryResponse> {
  return {
    personId: entry.personId,
    name: entry.name,
    isMember: entry.isMember,
    status: entry.status,
    itemIds: entry.itemIds,
    reason: entry.reason,
    substituteFor: entry.substituteFor,
    substitute: entry.substitute,
  };
}

export function presentFollowUp(followUp: FollowUpView): z.input<typeof followUpResponse> {
  return {
    id: followUp.id,
    text: followUp.text,
    owner: { id: followUp.ownerPersonId, name: followUp.ownerName },
    dueDate: followUp.dueDate,
    status: followUp.state,
    completedAt: isoOrNull(followUp.completedAt),
    meeting: {
      id: followUp.meetingId,
      title: followUp.meetingTitle,
      start: toIsoWithOffset(followUp.meetingStartsAt),
    },
    item: { id: followUp.agendaItemId, title: followUp.itemTitle },
  };
}
