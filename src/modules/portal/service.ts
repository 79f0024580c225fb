import type { Db } from '../../platform/db/client';
import { timeZone, toLocalDate } from '../../platform/i18n/format';
import { listPublicMeetingKeys, listPublicMeetings, type PublicMeeting } from '../publishing/index';

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

/** What a slug is made of: the meeting's id, its start and its organization's name. */
type SlugSource = { meetingId: string; start: string; organizationName: string };

/**
 * Readable addresses for published meetings: "2023-11-15-oekonomiudvalget" (the day in Denmark
 * and the organization), with "-2", "-3" … for its later meetings the same day. Exact for every
 * meeting whose whole day (and its namesakes) is among the sources.
 */
export function meetingSlugs(meetings: readonly SlugSource[]): Map<string, string> {
  const sorted = [...meetings].sort(
    (a, b) =>
      new Date(a.start).getTime() - new Date(b.start).getTime() ||
      a.meetingId.localeCompare(b.meetingId),
  );
  const used = new Map<string, number>();
  const slugs = new Map<string, string>();
  for (const meeting of sorted) {
    const base = `${toLocalDate(new Date(meeting.start))}-${slugify(meeting.organizationName) || 'moede'}`;
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    slugs.set(meeting.meetingId, count === 1 ? base : `${base}-${count}`);
  }
  return slugs;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The slugs of these published meetings. Only meetings starting near them are read (a slug
 * depends on the other meetings of its day alone), by their start and organization, so a page
 * with one meeting does not read every publication's snapshot.
 */
export async function slugsOfMeetings(
  tx: Db,
  meetings: readonly Pick<PublicMeeting, 'start'>[],
): Promise<Map<string, string>> {
  if (meetings.length === 0) return new Map();
  const times = meetings.map((meeting) => new Date(meeting.start).getTime());
  // A Danish day begins and ends within two hours of the UTC day: one day each side covers it.
  const keys = await listPublicMeetingKeys(tx, {
    from: new Date(Math.min(...times) - dayMs),
    before: new Date(Math.max(...times) + dayMs),
  });
  return meetingSlugs(keys);
}

/** The published meeting a slug names, if any: read from the meetings of the slug's day. */
export async function meetingIdOfSlug(tx: Db, slug: string): Promise<string | undefined> {
  const day = /^(\d{4}-\d{2}-\d{2})-/.exec(slug)?.[1];
  const noon = day === undefined ? Number.NaN : Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(noon)) return undefined;
  const keys = await listPublicMeetingKeys(tx, {
    from: new Date(noon - 2 * dayMs),
    before: new Date(noon + 2 * dayMs),
  });
  for (const [meetingId, candidate] of meetingSlugs(keys)) {
    if (candidate === slug) return meetingId;
  }
  return undefined;
}
