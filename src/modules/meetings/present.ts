import { attachmentFileUrl } from '../papers/index';
import type { z } from 'zod';
import { toIsoWithOffset, toLocalDate } from '../../platform/i18n/format';
import type { MeetingSummaryRow } from './repository';
import type {
  itemResponse,
  meetingDetailResponse,
  meetingSummaryResponse,
  templateResponse,
} from './schemas';
import type { AgendaItemView, MeetingDetail } from './meeting-detail';
import type { TemplateWithItems } from './templates';
import type { PlannedItem } from './time-plan';

export function presentMeetingSummary(
  meeting: MeetingSummaryRow,
): z.input<typeof meetingSummaryResponse> {
  return {
    id: meeting.id,
    title: meeting.title,
    organization: { id: meeting.organizationId, name: meeting.organizationName },
    start: toIsoWithOffset(meeting.startsAt),
    end: toIsoWithOffset(meeting.endsAt),
    location: meeting.locationDescription,
    caseNumber: meeting.caseNumber,
    status: meeting.status,
  };
}

export function presentItem(
  item: PlannedItem<AgendaItemView>,
  now = new Date(),
): z.input<typeof itemResponse> {
  const today = toLocalDate(now);
  return {
    id: item.id,
    parentId: item.parentId,
    number: item.number,
    title: item.title,
    durationMinutes: item.durationMinutes,
    ...(item.slot
      ? { start: toIsoWithOffset(item.slot.start), end: toIsoWithOffset(item.slot.end) }
      : {}),
    purpose: item.purpose,
    method: item.method,
    responsible: item.responsible,
    isPublic: item.isPublic,
    publicTitle: item.publicTitle,
    closedReason:
      !item.isPublic && item.closedReasonCode
        ? {
            code: item.closedReasonCode,
            label: item.closedReasonLabel ?? item.closedReasonCode,
            text: item.closedReasonText,
          }
        : null,
    note: item.note,
    paperId: item.paperId,
    disqualifiedPersonIds: item.disqualifiedPersonIds,
    attachments: item.attachments.map((attachment) => ({
      id: attachment.id,
      number: attachment.position,
      title: attachment.title,
      label: `Punkt ${item.number}, Bilag ${attachment.position}: ${attachment.title}`,
      fileName: attachment.fileName,
      fromPaper: attachment.fromPaper,
      url:
        attachment.fileName === null
          ? null
          : attachment.fromPaper
            ? attachmentFileUrl(attachment.id)
            : itemAttachmentFileUrl(item.meetingId, item.id, attachment.id),
    })),
    standingKind: item.standingKind,
    minutes: item.minutesText,
    decision: item.decision,
    minutesRevision: item.minutesRevision,
    ...(item.actualStart ? { actualStart: toIsoWithOffset(item.actualStart) } : {}),
    ...(item.actualEnd ? { actualEnd: toIsoWithOffset(item.actualEnd) } : {}),
    isPostponed: item.isPostponed,
    carriedFromItemId: item.carriedFromItemId,
    followUps: item.followUps.map((followUp) => ({
      id: followUp.id,
      text: followUp.text,
      owner: { id: followUp.ownerId, name: followUp.ownerName },
      dueDate: followUp.dueDate,
      status: followUp.status === 'open' && followUp.dueDate < today ? 'overdue' : followUp.status,
    })),
  };
}

/** Where the API serves a file uploaded to the item itself. */
export function itemAttachmentFileUrl(meetingId: string, itemId: string, attachmentId: string) {
  return `/api/v1/meetings/${meetingId}/items/${itemId}/attachments/${attachmentId}/content`;
}

export function presentMeetingDetail(detail: MeetingDetail): z.input<typeof meetingDetailResponse> {
  return {
    ...presentMeetingSummary(detail.meeting),
    secretariatContact: detail.secretariatContact,
    plannedEnd: toIsoWithOffset(detail.plan.plannedEnd),
    overrunMinutes: detail.plan.overrunMinutes,
    items: detail.plan.items.map((item) => presentItem(item)),
  };
}

export function presentTemplate(template: TemplateWithItems): z.input<typeof templateResponse> {
  return {
    id: template.id,
    name: template.name,
    organization: { id: template.organizationId, name: template.organizationName },
    defaultStartTime: template.defaultStartTime.slice(0, 5),
    defaultDurationMinutes: template.defaultDurationMinutes,
    defaultLocation: template.defaultLocation,
    items: template.items.map((item) => ({
      title: item.title,
      durationMinutes: item.durationMinutes,
      method: item.method,
      purpose: item.purpose,
      placement: item.placement,
    })),
  };
}
