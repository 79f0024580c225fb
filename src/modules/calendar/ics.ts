import ical from 'ical-generator';
import { cleanFeedText } from '../../platform/http/feed-text';
import { da } from '../../platform/i18n/da';
import type { MeetingDetail } from '../meetings/index';

const t = da.calendar;

/**
 * One meeting as a calendar event. Times are written in UTC, which every client converts to
 * its own zone; that avoids shipping a VTIMEZONE for Europe/Copenhagen.
 */
export type MeetingEvent = {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string | null;
  description: string;
  url: string;
  /** When the meeting was last changed: DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
};

/** The event for a meeting as the actor sees it (closed items already redacted by the service). */
export function meetingEvent(detail: MeetingDetail, baseUrl: string): MeetingEvent {
  const { meeting, plan } = detail;
  const url = `${baseUrl}/moeder/${meeting.id}`;
  const agenda = plan.items.map((item) => {
    const indent = item.depth === 1 ? '   ' : '';
    const closed = item.isPublic ? '' : ` (${t.closedItem})`;
    return `${indent}${item.label} ${item.title}${closed}`;
  });
  return {
    uid: `${meeting.id}@dagsorden`,
    sequence: sequenceOf(meeting),
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary: `${meeting.organizationName}: ${meeting.title}`,
    location: meeting.locationDescription,
    description: [...(agenda.length > 0 ? [t.agendaHeading, ...agenda, ''] : []), url].join('\n'),
    url,
    updatedAt: meeting.updatedAt,
  };
}

/**
 * SEQUENCE must grow when an event changes. Seconds between creation and the last change do,
 * without a counter column: every update moves updatedAt forward.
 */
export function sequenceOf(meeting: { createdAt: Date; updatedAt: Date }): number {
  return Math.max(
    0,
    Math.floor((meeting.updatedAt.getTime() - meeting.createdAt.getTime()) / 1000),
  );
}

/** An iCalendar (RFC 5545) document with the given events. */
export function writeCalendar(options: {
  /** The calendar's name, for a feed; a single event to import goes without one. */
  name?: string;
  events: readonly MeetingEvent[];
  /** How often a subscribing client should fetch the feed again. */
  refreshMinutes?: number;
}): string {
  const calendar = ical({
    name: options.name ?? null,
    prodId: { company: 'Dagsorden', product: 'Dagsorden', language: 'DA' },
    ttl: options.refreshMinutes === undefined ? null : options.refreshMinutes * 60,
  });
  // Titles, places and agenda lines are stored text, which may hold controls (see cleanFeedText).
  for (const event of options.events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: event.start,
      end: event.end,
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      summary: cleanFeedText(event.summary),
      location: event.location === null ? null : cleanFeedText(event.location),
      description: cleanFeedText(event.description),
      url: event.url,
    });
  }
  return calendar.toString();
}
