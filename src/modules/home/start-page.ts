import { can } from '../../platform/auth/policy';
import { addMinutes, toLocalDate } from '../../platform/i18n/format';
import type { ServiceContext } from '../../platform/service-context';
import { listMyFollowUps } from '../minutes/index';
import {
  listMeetings,
  readAgendaReleases,
  type FollowUpView,
  type MeetingRow,
} from '../meetings/index';
import { listPackageBuilds } from '../packages/index';
import { listPapers, type paperStatuses } from '../papers/index';
import { meetingQueue } from '../submissions/index';

type Meeting = Awaited<ReturnType<typeof listMeetings>>[number];

export type StartPageChange = {
  at: Date;
  meeting: Pick<Meeting, 'id' | 'title' | 'startsAt' | 'organizationName'>;
  kind: 'agendaReleased' | 'agendaChanged' | 'minutesReleased' | 'minutesApproved';
  /** The change note of a later release. */
  note: string | null;
};

/** What the start page shows the actor; a section is null when it is not for the actor's role. */
export type StartPage = {
  nextMeetings: Meeting[];
  /** The visit compared with; null the first time (then the last 14 days). */
  since: Date | null;
  changes: StartPageChange[];
  followUps: FollowUpView[];
  secretariat: {
    waitingSubmissions: Array<{
      meeting: Meeting;
      submissionId: string;
      paperId: string;
      paperTitle: string;
      submittedAt: Date;
    }>;
    failedPackages: Meeting[];
    minutesToRelease: Meeting[];
  } | null;
  myPapers: Array<{
    id: string;
    title: string;
    status: (typeof paperStatuses)[number];
    organizationName: string;
    updatedAt: Date;
  }> | null;
};

const day = 24 * 60;
const firstVisitDays = 14;
/** How far the start page looks: the sections are about the weeks around today. */
const lookBackDays = 120;
const lookAheadDays = 120;

/**
 * The start page of a signed-in user, composed of the modules' own services, so everything shown
 * is what the actor may read there: meetings of their organizations, their follow-ups, the
 * secretariat's queues only for organizations they run.
 */
export async function getStartPage({
  since,
  now = new Date(),
  ...ctx
}: ServiceContext & { since: Date | null; now?: Date }): Promise<StartPage> {
  const { actor } = ctx;
  const meetings = await listMeetings({
    ...ctx,
    filter: {
      from: toLocalDate(addMinutes(now, -lookBackDays * day)),
      to: toLocalDate(addMinutes(now, lookAheadDays * day)),
    },
  });
  const upcoming = meetings
    .filter((meeting) => meeting.endsAt >= now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const changedAfter = since ?? addMinutes(now, -firstVisitDays * day);

  const runs = (meeting: Pick<MeetingRow, 'organizationId'>) =>
    can(actor, 'agendaItem.write', { organizationId: meeting.organizationId });
  const isSecretariat = can(actor, 'agendaItem.write');
  const isCaseOfficer = actor.kind === 'user' && actor.role === 'case_officer';

  return {
    nextMeetings: upcoming.slice(0, 5),
    since,
    // Any meeting of theirs may change (minutes approved months later): all of them, not the window.
    changes: await changesSince(ctx, await listMeetings({ ...ctx, filter: {} }), changedAfter),
    followUps: (await listMyFollowUps({ ...ctx, now })).filter(
      (followUp) => followUp.state !== 'done',
    ),
    secretariat: isSecretariat ? await secretariatQueues(ctx, meetings, upcoming, runs) : null,
    myPapers: isCaseOfficer ? await myPapers(ctx) : null,
  };
}

async function changesSince(
  ctx: ServiceContext,
  meetings: readonly Meeting[],
  after: Date,
): Promise<StartPageChange[]> {
  const changes: StartPageChange[] = [];
  for (const meeting of meetings) {
    const releases = (await readAgendaReleases(ctx, meeting.id)).sort(
      (a, b) => a.releasedAt.getTime() - b.releasedAt.getTime(),
    );
    for (const [index, release] of releases.entries()) {
      if (release.releasedAt <= after) continue;
      changes.push({
        at: release.releasedAt,
        meeting,
        kind: index === 0 ? 'agendaReleased' : 'agendaChanged',
        note: index === 0 ? null : release.changeNote,
      });
    }
    for (const [at, kind] of [
      [meeting.minutesReleasedAt, 'minutesReleased'],
      [meeting.minutesApprovedAt, 'minutesApproved'],
    ] as const) {
      if (at && at > after) changes.push({ at, meeting, kind, note: null });
    }
  }
  return changes.sort((a, b) => b.at.getTime() - a.at.getTime());
}

async function secretariatQueues(
  ctx: ServiceContext,
  meetings: readonly Meeting[],
  upcoming: readonly Meeting[],
  runs: (meeting: Meeting) => boolean,
): Promise<NonNullable<StartPage['secretariat']>> {
  const waitingSubmissions: NonNullable<StartPage['secretariat']>['waitingSubmissions'] = [];
  const failedPackages: Meeting[] = [];
  for (const meeting of upcoming.filter(runs)) {
    for (const submission of await meetingQueue({ ...ctx, meetingId: meeting.id })) {
      if (submission.status !== 'pending') continue;
      waitingSubmissions.push({
        meeting,
        submissionId: submission.id,
        paperId: submission.paperId,
        paperTitle: submission.paperTitle,
        submittedAt: submission.submittedAt,
      });
    }
    // The newest build of each audience decides: a failure later rebuilt is no longer news.
    const newest = new Map<string, string>();
    for (const build of await listPackageBuilds({ ...ctx, meetingId: meeting.id })) {
      const key = `${build.audience}:${build.forPersonId ?? ''}`;
      if (!newest.has(key)) newest.set(key, build.status);
    }
    if ([...newest.values()].includes('failed')) failedPackages.push(meeting);
  }
  return {
    waitingSubmissions,
    failedPackages,
    minutesToRelease: meetings
      .filter((meeting) => runs(meeting) && meeting.status === 'held')
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
  };
}

/** The case officer's own memos (those they wrote), newest change first, treated ones left out. */
async function myPapers(ctx: ServiceContext): Promise<NonNullable<StartPage['myPapers']>> {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return (await listPapers(ctx))
    .filter((paper) => paper.createdByUserId === userId && paper.status !== 'treated')
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .map((paper) => ({
      id: paper.id,
      title: paper.title,
      status: paper.status,
      organizationName: paper.organizationName,
      updatedAt: paper.updatedAt,
    }));
}
