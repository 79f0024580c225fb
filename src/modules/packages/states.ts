import { can } from '../../platform/auth/policy';
import type { ServiceContext } from '../../platform/service-context';
import { readMeetingRows } from '../meetings/index';
import { isKeptCurrent } from './db-schema';
import { servedPersonId } from './policy';
import * as repo from './repository';
import type { Audience } from './service';

/**
 * A meeting's package as the actor may have it: none built yet, being built, ready (finished and
 * current), stale (finished, but the agenda, a memo or a bilag changed since) or failed.
 */
export type PackageState =
  | { kind: 'none' }
  | { kind: 'building' }
  | { kind: 'ready'; audience: Audience; finishedAt: Date }
  | {
      kind: 'stale';
      audience: Audience;
      finishedAt: Date;
      /** A rebuild waits or runs, or the worker keeps the meeting's packages current. */
      isRebuilding: boolean;
    }
  | { kind: 'failed' };

type Key = { audience: Audience; forPersonId: string | null };

// What is worst shows: a failure anywhere is news to the secretariat before a stale package.
const rank: Record<PackageState['kind'], number> = {
  failed: 4,
  stale: 3,
  building: 2,
  ready: 1,
  none: 0,
};

/**
 * The package state of several meetings at once (the meeting page asks for one, the start page
 * for many): at most three queries however many meetings. Meetings the actor may not see are
 * left out. The secretariat of a meeting sees the worst state over all its packages (both audiences and
 * the members' own); anyone else the package served to them, as the download would serve it.
 */
export async function readPackageStates({
  meetingIds,
  now = new Date(),
  ...ctx
}: ServiceContext & { meetingIds: readonly string[]; now?: Date }): Promise<
  Map<string, PackageState>
> {
  const meetings = (await readMeetingRows(ctx, meetingIds)).filter((meeting) =>
    can(ctx.actor, 'meeting.read', {
      organizationId: meeting.organizationId,
      meetingId: meeting.id,
    }),
  );
  const builds = await repo.selectNewestBuildsOf(
    ctx.tx,
    meetings.map((meeting) => meeting.id),
  );
  // The input key hashes a meeting's agenda, memos and bilag: only worth it where a package is.
  const inputStates = await repo.selectPackageInputStates(
    ctx.tx,
    builds.map((build) => build.meetingId),
  );
  const states = new Map<string, PackageState>();
  for (const meeting of meetings) {
    const scope = {
      organizationId: meeting.organizationId,
      meetingId: meeting.id,
      disqualifiedPersonIds: inputStates.get(meeting.id)?.disqualifiedPersonIds ?? [],
    };
    const isSecretariat = can(ctx.actor, 'agendaItem.write', scope);
    const full = servedPersonId(ctx.actor, scope, 'full');
    const served: Key = full
      ? { audience: 'full', forPersonId: full.personId }
      : { audience: 'public', forPersonId: null };
    const ofMeeting = builds.filter((build) => build.meetingId === meeting.id);
    const keys = isSecretariat
      ? uniqueKeys(ofMeeting)
      : [served].filter((key) => ofMeeting.some((build) => sameKey(build, key)));
    const isMeetingKeptCurrent = isKeptCurrent(meeting.startsAt, now);
    const inputKey = inputStates.get(meeting.id)?.inputKey;
    let state: PackageState = { kind: 'none' };
    for (const key of keys) {
      const candidate = keyState(
        ofMeeting.filter((build) => sameKey(build, key)),
        inputKey,
        isMeetingKeptCurrent,
      );
      if (rank[candidate.kind] > rank[state.kind]) state = candidate;
    }
    // A released agenda's first packages are queued by the worker moments after the release.
    if (
      state.kind === 'none' &&
      meeting.status !== 'planned' &&
      isMeetingKeptCurrent &&
      keys.length === 0
    )
      state = { kind: 'building' };
    states.set(meeting.id, state);
  }
  return states;
}

function sameKey(build: Key, key: Key): boolean {
  return build.audience === key.audience && build.forPersonId === key.forPersonId;
}

function uniqueKeys(builds: readonly Key[]): Key[] {
  const keys: Key[] = [];
  for (const build of builds) if (!keys.some((key) => sameKey(build, key))) keys.push(build);
  return keys;
}

/** The state of one audience's package, from its newest finished and newest other build. */
function keyState(
  builds: readonly repo.PackageBuildRow[],
  inputKey: string | undefined,
  isMeetingKeptCurrent: boolean,
): PackageState {
  const done = builds.find((build) => build.status === 'done');
  const other = builds.find((build) => build.status !== 'done');
  const newest = !done || (other && other.requestedAt > done.requestedAt) ? other : done;
  if (!newest) return { kind: 'none' };
  if (newest.status === 'failed') return { kind: 'failed' };
  const isWaiting = newest.status === 'queued' || newest.status === 'running';
  if (!done) return isWaiting ? { kind: 'building' } : { kind: 'none' };
  const finishedAt = done.finishedAt ?? done.requestedAt;
  if (done.inputKey === inputKey) return { kind: 'ready', audience: done.audience, finishedAt };
  return {
    kind: 'stale',
    audience: done.audience,
    finishedAt,
    isRebuilding: isWaiting || isMeetingKeptCurrent,
  };
}
