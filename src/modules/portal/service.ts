import type { Db } from '../../platform/db/client';
import { timeZone, toLocalDate } from '../../platform/i18n/format';
import { listPublicMeetings, type PublicMeeting } from '../publishing/index';

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

/** Danish letters spelled out, the rest of the name lower case with dashes: "oekonomiudvalget". */
function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Readable addresses for published meetings: "2023-11-15-oekonomiudvalget" (the day in Denmark
 * and the organization), with "-2", "-3" … for its later meetings the same day.
 */
export function meetingSlugs(meetings: readonly PublicMeeting[]): Map<string, string> {
  const sorted = [...meetings].sort(
    (a, b) => a.start.localeCompare(b.start) || a.meetingId.localeCompare(b.meetingId),
  );
  const used = new Map<string, number>();
  const slugs = new Map<string, string>();
  for (const meeting of sorted) {
    const base = `${toLocalDate(new Date(meeting.start))}-${slugify(meeting.organization.name) || 'moede'}`;
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    slugs.set(meeting.meetingId, count === 1 ? base : `${base}-${count}`);
  }
  return slugs;
}

/** A published meeting's readable slug. */
export async function slugOfMeeting(tx: Db, meetingId: string): Promise<string | undefined> {
  return meetingSlugs(await listPublicMeetings(tx)).get(meetingId);
}

/** The published meeting a slug names, if any. */
export async function meetingIdOfSlug(tx: Db, slug: string): Promise<string | undefined> {
  for (const [meetingId, candidate] of meetingSlugs(await listPublicMeetings(tx))) {
    if (candidate === slug) return meetingId;
  }
  return undefined;
}
