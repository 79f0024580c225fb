import { can } from '../../platform/auth/policy';
import { addMinutes, toLocalDate } from '../../platform/i18n/format';
import type { ServiceContext } from '../../platform/service-context';
import { listMyFollowUps } from '../minutes/index';
import {
  listMeetings,
  readAgendaReleaseTimes,
  type FollowUpView,
  type MeetingRow,
} from '../meetings/index';
import { readPackageStates } from '../packages/index';
import { listPapers, type paperStatuses } from '../papers/index';
import { pendingSubmissionsOf } from '../submissions/index';

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
    /** Upcoming meetings whose package failed, or is stale (out of date with its agenda). */
    packageProblems: Array<{ meeting: Meeting; kind: 'failed' | 'stale' }>;
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
    secretariat: isSecretariat
      ? await secretariatQueues({ ...ctx, now }, meetings, upcoming, runs)
      : null,
    myPapers: isCaseOfficer ? await myPapers(ctx) : null,
  };
}

/** The releases and minutes of the meetings after a time: a fixed number of queries for all. */
async function changesSince(
  ctx: ServiceContext,
  meetings: readonly Meeting[],
  after: Date,
): Promise<StartPageChange[]> {
  const byId = new Map(meetings.map((meeting) => [meeting.id, meeting]));
  const changes: StartPageChange[] = [];
  const released = new Set<string>();
  // Oldest first: a meeting's first release is "released", the ones after it "changed".
  for (const release of await readAgendaReleaseTimes(ctx, [...byId.keys()])) {
    const meeting = byId.get(release.meetingId)!;
    const isFirstRelease = !released.has(meeting.id);
    released.add(meeting.id);
    if (release.releasedAt <= after) continue;
    changes.push({
      at: release.releasedAt,
      meeting,
      kind: isFirstRelease ? 'agendaReleased' : 'agendaChanged',
      note: isFirstRelease ? null : release.changeNote,
    });
  }
  for (const meeting of meetings) {
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
  ctx: ServiceContext & { now: Date },
  meetings: readonly Meeting[],
  upcoming: readonly Meeting[],
  runs: (meeting: Meeting) => boolean,
): Promise<NonNullable<StartPage['secretariat']>> {
  const theirs = upcoming.filter(runs);
  const byId = new Map(theirs.map((meeting) => [meeting.id, meeting]));
  const meetingIds = [...byId.keys()];
  const [submissions, packageStates] = await Promise.all([
    pendingSubmissionsOf({ ...ctx, meetingIds }),
    readPackageStates({ ...ctx, meetingIds }),
  ]);
  const packageProblems: NonNullable<StartPage['secretariat']>['packageProblems'] = [];
  for (const meeting of theirs) {
    const kind = packageStates.get(meeting.id)?.kind;
    if (kind === 'failed' || kind === 'stale') packageProblems.push({ meeting, kind });
  }
  return {
    // In the order of the meetings, each meeting's oldest submission first.
    waitingSubmissions: theirs.flatMap((meeting) =>
      submissions
        .filter((submission) => submission.meetingId === meeting.id)
        .map((submission) => ({
          meeting,
          submissionId: submission.id,
          paperId: submission.paperId,
          paperTitle: submission.paperTitle,
          submittedAt: submission.submittedAt,
        })),
    ),
    packageProblems,
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
