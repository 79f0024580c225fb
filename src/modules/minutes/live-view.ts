import { da } from '../../platform/i18n/da';
import { getMeetingDetail, type MeetingDetail } from '../meetings/index';
import { formatDuration } from './duration';
import { computeLiveStatus, type LiveItem, type LiveStatus } from './live';
import type { ServiceContext } from '../../platform/service-context';

export type LiveView = {
  detail: MeetingDetail;
  status: LiveStatus;
  byItemId: Map<string, LiveItem>;
  delayText: string;
};

export function delayText(delayMinutes: number): string {
  if (delayMinutes > 0) return da.minutes.live.behind(formatDuration(delayMinutes));
  if (delayMinutes < 0) return da.minutes.live.ahead(formatDuration(delayMinutes));
  return da.minutes.live.onTime;
}

/** Before the meeting opens: the live view waits for it (after it, the view no longer changes). */
export function isLiveBeforeMeeting(status: MeetingDetail['meeting']['status']): boolean {
  return status === 'planned' || status === 'agenda_released';
}

/** The meeting against its time plan right now, as the live view and its API show it. */
export async function getLiveView({
  meetingId,
  now = new Date(),
  ...ctx
}: ServiceContext & { meetingId: string; now?: Date }): Promise<LiveView> {
  // As it is now: an item added after the release is treated live too.
  const detail = await getMeetingDetail({ ...ctx, meetingId, options: { asItIs: true } });
  const status = computeLiveStatus(
    { items: detail.plan.items, plannedEnd: detail.plan.plannedEnd },
    now,
    detail.meeting.status === 'in_progress',
  );
  return {
    detail,
    status,
    byItemId: new Map(status.items.map((item) => [item.id, item])),
    delayText: delayText(status.delayMinutes),
  };
}
