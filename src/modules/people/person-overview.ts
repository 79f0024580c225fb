// A person's page: who they are, where they sit, which meetings were theirs and what they must
// follow up. It spans organizations, meetings and minutes, so it lives in a module above them
// (the module graph is one-way) and reads each through its door.
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { toLocalDate } from '../../platform/i18n/format';
import type { ServiceContext } from '../../platform/service-context';
import {
  readFollowUpsOfOwner,
  readMeetingsOfOrganizations,
  type FollowUpListed,
  type MeetingRow,
} from '../meetings/index';
import { readUsersOfPerson } from '../accounts/index';
import { readAttendanceOfPerson } from '../minutes/index';
import { getPerson, readMembershipsOfPerson, type PersonRow } from '../organizations/index';

export type PersonMembership = Awaited<ReturnType<typeof readMembershipsOfPerson>>[number];

export type PersonMeeting = {
  meeting: MeetingRow;
  organizationName: string;
  /** Null when no attendance was recorded for the person. */
  attendance: 'attending' | 'sent_regrets' | 'absent' | 'guest' | null;
};

export type PersonOverview = {
  person: PersonRow;
  memberships: PersonMembership[];
  meetings: PersonMeeting[];
  followUps: FollowUpListed[];
  /** The person's logins; listed for those who manage users only. */
  users: Array<Awaited<ReturnType<typeof readUsersOfPerson>>[number]>;
};

const isWithin = (day: string, membership: PersonMembership) =>
  (membership.startDate === null || membership.startDate <= day) &&
  (membership.endDate === null || membership.endDate >= day);

/**
 * The person with their memberships, the meetings of organizations they were a member of on the
 * meeting's date with their attendance, the follow-ups they own and, for administrators, their logins.
 * For those who keep the register (person.read); others get NOT_FOUND.
 */
export async function getPersonOverview({
  actor,
  tx,
  id,
}: ServiceContext & { id: string }): Promise<PersonOverview> {
  if (!can(actor, 'person.read')) throw new AppError('NOT_FOUND');
  const person = await getPerson({ actor, tx, id });
  const memberships = await readMembershipsOfPerson({ tx }, person.id);
  const attendance = new Map(
    (await readAttendanceOfPerson({ tx }, person.id)).map((row) => [row.meetingId, row.status]),
  );
  const organizationNames = new Map(memberships.map((m) => [m.organizationId, m.organizationName]));
  const candidates = await readMeetingsOfOrganizations({ tx }, [...organizationNames.keys()]);
  const meetings = candidates
    .filter((meeting) => {
      const day = toLocalDate(meeting.startsAt);
      return (
        attendance.has(meeting.id) ||
        memberships.some((m) => m.organizationId === meeting.organizationId && isWithin(day, m))
      );
    })
    .map((meeting) => ({
      meeting,
      organizationName: organizationNames.get(meeting.organizationId) ?? '',
      attendance: attendance.get(meeting.id) ?? null,
    }));
  const followUps = await readFollowUpsOfOwner({ tx }, person.id);
  const users = can(actor, 'user.manage') ? await readUsersOfPerson({ tx }, person.id) : [];
  return { person, memberships, meetings, followUps, users };
}
