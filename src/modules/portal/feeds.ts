import { escapeUTF8 } from 'entities';
import ical from 'ical-generator';
import { cleanFeedText } from '../../platform/http/feed-text';
import { da } from '../../platform/i18n/da';
import type { PublicMeeting } from '../publishing/index';
import { portalPaths } from './views';

const t = da.portal;

/** Escapes text for XML character data and attribute values, without controls (cleanFeedText). */
export function escapeXml(text: string): string {
  // U+FFFE and U+FFFF are not controls, but XML 1.0 does not allow them either.
  return escapeUTF8(cleanFeedText(text).replace(/[\uFFFE\uFFFF]/gu, ''));
}

/** The agenda as plain lines: "1. Title", closed items by their neutral title. */
function agendaLines(meeting: PublicMeeting): string[] {
  return meeting.items.map(
    (item) =>
      `${item.number}. ${item.title}${item.isPublic ? '' : ` (${t.closedItem.toLowerCase()})`}`,
  );
}

/** RSS 2.0 of an organization's published meetings, newest first. */
export function writeRss(options: {
  organization: { id: string; name: string };
  meetings: ReadonlyArray<{ meeting: PublicMeeting; publishedAt: Date; ref: string }>;
  baseUrl: string;
}): string {
  const { organization, baseUrl } = options;
  const channelLink = `${baseUrl}${portalPaths.organization(organization.id)}`;
  const items = options.meetings.map(({ meeting, publishedAt, ref }) => {
    const link = `${baseUrl}${portalPaths.meeting(ref)}`;
    const title = `${t.kindOf[meeting.kind]}: ${meeting.title} (${meeting.start.slice(0, 10)})`;
    return [
      '    <item>',
      `      <title>${escapeXml(title)}</title>`,
      `      <link>${escapeXml(link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(link)}</guid>`,
      `      <pubDate>${publishedAt.toUTCString()}</pubDate>`,
      `      <description>${escapeXml(agendaLines(meeting).join('\n'))}</description>`,
      '    </item>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(organization.name)}</title>`,
    `    <link>${escapeXml(channelLink)}</link>`,
    `    <atom:link href="${escapeXml(`${baseUrl}${portalPaths.rss(organization.id)}`)}" rel="self" type="application/rss+xml"/>`,
    `    <description>${escapeXml(t.rssDescription(organization.name))}</description>`,
    '    <language>da</language>',
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** iCalendar of published meetings; times in UTC, as the calendar module writes them. */
export function writePublicCalendar(
  meetings: ReadonlyArray<{ meeting: PublicMeeting; updatedAt: Date; ref: string }>,
  baseUrl: string,
): string {
  const calendar = ical({
    name: t.calendarName,
    prodId: { company: 'Dagsorden', product: 'Dagsorden', language: 'DA' },
    ttl: 60 * 60,
  });
  for (const { meeting, updatedAt, ref } of meetings) {
    const url = `${baseUrl}${portalPaths.meeting(ref)}`;
    const agenda = agendaLines(meeting);
    calendar.createEvent({
      id: `${meeting.meetingId}@dagsorden-offentlig`,
      start: new Date(meeting.start),
      end: new Date(meeting.end),
      stamp: updatedAt,
      lastModified: updatedAt,
      // Published snapshots are stored text, which may hold controls (see cleanFeedText).
      summary: cleanFeedText(`${meeting.organization.name}: ${meeting.title}`),
      location: meeting.location === null ? null : cleanFeedText(meeting.location),
      description: cleanFeedText(
        [...(agenda.length > 0 ? [t.agenda, ...agenda, ''] : []), url].join('\n'),
      ),
      url,
    });
  }
  return calendar.toString();
}
