import type { Db } from '../../platform/db/client';
import { timeZone } from '../../platform/i18n/format';
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
