import type { Db } from '../../platform/db/client';
import { timeZone } from '../../platform/i18n/format';
import { listPublicMeetings, type PublicItem, type PublicMeeting } from '../publishing/index';

/** An organization that has at least one published meeting. */
export type PublicOrganization = { id: string; name: string; meetingCount: number };

/** Organizations with published meetings, by name; everything is read from publications. */
export async function listPublicOrganizations(tx: Db): Promise<PublicOrganization[]> {
  const byId = new Map<string, PublicOrganization>();
  for (const meeting of await listPublicMeetings(tx)) {
    const known = byId.get(meeting.organization.id);
    if (known) known.meetingCount += 1;
    else byId.set(meeting.organization.id, { ...meeting.organization, meetingCount: 1 });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

/** The year (in Denmark) a meeting starts in. */
export function meetingYear(meeting: PublicMeeting): number {
  return Number(
    new Intl.DateTimeFormat('da-DK', { timeZone, year: 'numeric' }).format(new Date(meeting.start)),
  );
}

/** An organization's published meetings of one year (the newest year by default), and its years. */
export async function listOrganizationMeetings(
  tx: Db,
  organizationId: string,
  year: number | undefined,
): Promise<
  | {
      organization: { id: string; name: string };
      years: number[];
      year: number;
      meetings: PublicMeeting[];
    }
  | undefined
> {
  const all = await listPublicMeetings(tx, { organizationId });
  const first = all[0];
  if (!first) return undefined;
  const years = [...new Set(all.map(meetingYear))].sort((a, b) => b - a);
  const chosen = year !== undefined && years.includes(year) ? year : years[0]!;
  const meetings = all
    .filter((meeting) => meetingYear(meeting) === chosen)
    .sort((a, b) => a.start.localeCompare(b.start));
  return { organization: first.organization, years, year: chosen, meetings };
}

export type SearchHit = {
  meeting: PublicMeeting;
  /** Undefined when the meeting itself (its title) matched. */
  item: PublicItem | undefined;
  /** A short piece of the matching text. */
  excerpt: string;
};

/** Text of rich-text HTML for matching and excerpts. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What of an item the public may search: exactly what the snapshot holds. */
function itemTexts(item: PublicItem): string[] {
  return [
    item.title,
    item.purpose,
    item.method,
    item.decision,
    item.minutes,
    item.paper?.title ?? null,
    ...(item.paper?.sections.map((section) => htmlToText(section.html)) ?? []),
    ...item.attachments.map((attachment) => attachment.title),
  ].filter((text): text is string => text !== null && text !== '');
}

function excerptOf(text: string, at: number, length: number): string {
  const from = Math.max(0, at - 60);
  const to = Math.min(text.length, at + length + 100);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/**
 * Searches published snapshots only: every word of the query must occur (case-insensitively)
 * in one text of a meeting or an item. A simple stand-in until the search module serves the portal.
 */
export async function searchPublic(tx: Db, query: string): Promise<SearchHit[]> {
  const words = query.toLocaleLowerCase('da').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const matchIn = (texts: string[]): string | undefined => {
    for (const text of texts) {
      const lower = text.toLocaleLowerCase('da');
      if (words.every((word) => lower.includes(word))) {
        return excerptOf(text, lower.indexOf(words[0]!), words[0]!.length);
      }
    }
    return undefined;
  };
  const hits: SearchHit[] = [];
  const meetings = (await listPublicMeetings(tx)).sort((a, b) => b.start.localeCompare(a.start));
  for (const meeting of meetings) {
    const meetingMatch = matchIn([meeting.title, meeting.organization.name]);
    if (meetingMatch !== undefined) hits.push({ meeting, item: undefined, excerpt: meetingMatch });
    for (const item of meeting.items) {
      const itemMatch = matchIn(itemTexts(item));
      if (itemMatch !== undefined) hits.push({ meeting, item, excerpt: itemMatch });
    }
  }
  return hits.slice(0, 100);
}
