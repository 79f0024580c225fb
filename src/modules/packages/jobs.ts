import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit/record-audit';
import { actorLabel, can, type Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { storeGeneratedFile } from '../files/index';
import { getMeetingDetail } from '../meetings/index';
import * as repo from './repository';
import { buildMeetingPackage, type Audience } from './service';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { servedPersonId } from './policy';

const t = da.packages.jobs;
const worker: Actor = { kind: 'system', label: 'mødepakke' };
const automaticLabel = 'automatisk: dagsorden eller bilag ændret';
const releasedLabel = 'automatisk: dagsorden frigivet';

/** The meeting's organization, and the members who are inhabil in at least one of its items. */
async function meetingScope(
  ctx: ServiceContext,
  meetingId: string,
): Promise<{ organizationId: string; meetingId: string; disqualifiedPersonIds: string[] }> {
  // 404 when the actor may not see the meeting; then read as the worker, because an actor's own
  // view leaves out the disqualifications of closed items it may not read.
  await getMeetingDetail({ ...ctx, meetingId });
  const full = await getMeetingDetail({ actor: worker, tx: ctx.tx, meetingId });
  return {
    organizationId: full.meeting.organizationId,
    meetingId,
    disqualifiedPersonIds: [
      ...new Set(full.plan.items.flatMap((item) => item.disqualifiedPersonIds)),
    ].sort(),
  };
}

/** A build waiting for this audience and member, or a new one. */
async function queueBuild(
  ctx: ServiceContext,
  meetingId: string,
  audience: Audience,
  forPersonId: string | null,
  requestedByLabel: string,
): Promise<repo.PackageBuildRow> {
  const waiting = await repo.selectNewestBuild(ctx.tx, meetingId, audience, 'queued', forPersonId);
  if (waiting) return waiting;
  return repo.insertBuild(ctx.tx, { meetingId, audience, forPersonId, requestedByLabel });
}

/**
 * Queues a build of a meeting's package (secretariat); a build already waiting is reused. The
 * full package comes with one per member who is inhabil somewhere, without those items.
 */
export async function requestPackageBuild({
  meetingId,
  audience,
  ...ctx
}: WriteContext & { meetingId: string; audience: Audience }): Promise<repo.PackageBuildRow> {
  const { organizationId, disqualifiedPersonIds } = await meetingScope(ctx, meetingId);
  if (!can(ctx.actor, 'agendaItem.write', { organizationId })) throw new AppError('FORBIDDEN');
  const label = actorLabel(ctx.actor);
  const build = await queueBuild(ctx, meetingId, audience, null, label);
  const personal =
    audience === 'full'
      ? await Promise.all(
          disqualifiedPersonIds.map((personId) =>
            queueBuild(ctx, meetingId, audience, personId, label),
          ),
        )
      : [];
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'package.request',
    entityType: 'meeting',
    entityId: meetingId,
    after: { ...build, personalBuilds: personal.map((row) => row.forPersonId) },
  });
  return build;
}

/**
 * Whether a finished package still matches what it is built from: `stale` once the agenda, a
 * memo or a bilag has changed since (its input key differs from the current one); null for a
 * build that has not finished.
 */
type Freshness = 'current' | 'stale';
export type ListedBuild = repo.PackageBuildRow & { freshness: Freshness | null };

/** A meeting's builds, newest first, as far as the actor may see them, each with its freshness. */
export async function listPackageBuilds({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<ListedBuild[]> {
  const scope = await meetingScope(ctx, meetingId);
  const isSecretariat = can(ctx.actor, 'agendaItem.write', {
    organizationId: scope.organizationId,
  });
  const state = (await repo.selectPackageInputStates(ctx.tx, [meetingId])).get(meetingId);
  return (await repo.selectBuilds(ctx.tx, meetingId))
    .filter((build) => {
      if (isSecretariat) return true;
      const served = servedPersonId(ctx.actor, scope, build.audience);
      return served !== undefined && served.personId === build.forPersonId;
    })
    .map((build) => ({
      ...build,
      freshness:
        build.status !== 'done' ? null : build.inputKey === state?.inputKey ? 'current' : 'stale',
    }));
}

/** The newest finished package for an audience that the actor may have (their own, if inhabil). */
export async function packageForDownload({
  meetingId,
  audience,
  ...ctx
}: ServiceContext & { meetingId: string; audience: Audience }): Promise<
  repo.PackageBuildRow & { fileSha256: string; fileName: string }
> {
  const scope = await meetingScope(ctx, meetingId);
  const served = servedPersonId(ctx.actor, scope, audience);
  if (!served) throw new AppError('NOT_FOUND');
  const build = await repo.selectNewestBuild(ctx.tx, meetingId, audience, 'done', served.personId);
  if (!build?.fileSha256 || !build.fileName) throw new AppError('NOT_FOUND');
  return { ...build, fileSha256: build.fileSha256, fileName: build.fileName };
}

export type WorkerDeps = { db: Db; blobs: BlobStore; log?: FastifyBaseLogger };

/**
 * A running build renews its lease (started_at) every heartbeatMs and with its progress; a
 * claim takes over a build whose lease is older than leaseMs, as its worker is gone (the
 * instance stopped or died mid-build). The heartbeat is a timer, late only while the event loop
 * is busy (typesetting, parsing a large PDF: seconds), so ten missed beats mean the worker is
 * gone, and a build lost with its instance starts again within about five minutes.
 */
export const buildLease = { heartbeatMs: 30_000, leaseMs: 5 * 60_000 };

/** The claim was taken over (or given up) while this worker still built it. */
class BuildTakenOverError extends Error {}

/**
 * Keeps a claimed build's lease: renewed on a timer and with each progress report, one renewal
 * at a time, as each must name the lease the previous one wrote. Once lost, it stays lost.
 */
function holdLease(db: Db, build: repo.PackageBuildRow, log: FastifyBaseLogger | undefined) {
  if (!build.startedAt) throw new Error(`package build ${build.id} was claimed without a lease`);
  const claim: repo.BuildClaim = { id: build.id, lease: build.startedAt };
  let isLost = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = (values: { progress?: number } = {}) => {
    renewing = renewing
      .catch(() => undefined)
      .then(async () => {
        if (isLost) return;
        const lease = await repo.renewBuildLease(db, claim, values);
        if (lease) claim.lease = lease;
        else isLost = true;
      });
    return renewing;
  };
  const timer = setInterval(() => {
    renew().catch((error: unknown) =>
      log?.warn({ err: error, buildId: claim.id }, 'could not renew a package build lease'),
    );
  }, buildLease.heartbeatMs);
  timer.unref();
  return {
    claim,
    /** Renews with the progress; throws BuildTakenOverError once the claim is lost. */
    async report(progress: number): Promise<void> {
      await renew({ progress });
      if (isLost) throw new BuildTakenOverError();
    },
    /** Stops the heartbeat; the claim's lease is final once this resolves. */
    async release(): Promise<void> {
      clearInterval(timer);
      await renewing.catch(() => undefined);
    },
  };
}

/**
 * Builds queued packages, and running ones whose worker is gone, one at a time until the queue
 * is empty; returns how many it ran.
 */
export async function runPendingBuilds({ db, blobs, log }: WorkerDeps): Promise<number> {
  const { leaseMs } = buildLease;
  for (const id of await repo.failAbandonedBuilds(db, { leaseMs, error: t.abandoned })) {
    log?.error({ buildId: id }, 'package build given up: its worker stopped twice');
  }
  const claim = () => repo.claimNextBuild(db, { leaseMs, interrupted: t.interrupted });
  let ran = 0;
  for (let build = await claim(); build; build = await claim()) {
    ran++;
    const id = build.id;
    if (build.error !== null)
      log?.warn({ buildId: id }, 'package build taken over: its worker stopped');
    const lease = holdLease(db, build, log);
    let reported = 0;
    try {
      const built = await buildMeetingPackage(
        { actor: worker, tx: db, blobs },
        build.meetingId,
        build.audience,
        {
          forPersonId: build.forPersonId ?? undefined,
          onProgress: async (fraction) => {
            const progress = Math.round(fraction * 100);
            // A row update per tenth is enough for a progress bar.
            if (progress - reported < 10) return;
            reported = progress;
            await lease.report(progress);
          },
        },
      );
      await lease.release();
      await inTransaction(db, async (tx) => {
        // Locked before the file is stored, so a build taken over stores nothing.
        if (!(await repo.lockHeldBuild(tx, lease.claim))) throw new BuildTakenOverError();
        const sha256 = await storeGeneratedFile({ tx, blobs }, built.pdf, 'application/pdf');
        await repo.finishHeldBuild(tx, lease.claim, {
          status: 'done',
          progress: 100,
          finishedAt: new Date(),
          fileSha256: sha256,
          fileName: built.fileName,
          pageCount: built.pageCount,
          inputKey: built.inputKey,
          error: null,
        });
      });
      log?.info({ buildId: id, pages: built.pageCount }, 'package built');
    } catch (error) {
      await lease.release();
      if (error instanceof BuildTakenOverError) {
        log?.warn({ buildId: id }, 'package build taken over by another worker; result dropped');
        continue;
      }
      log?.error({ err: error, buildId: id }, 'package build failed');
      await repo.finishHeldBuild(db, lease.claim, {
        status: 'failed',
        finishedAt: new Date(),
        error: error instanceof AppError ? error.message : t.failed,
      });
    }
  }
  return ran;
}

/**
 * Queues the first packages of every recent meeting whose agenda has been released, in both
 * audiences, with the own packages of members who are inhabil. Returns how many it queued.
 */
async function queueReleasedPackages({ db, blobs, log }: WorkerDeps): Promise<number> {
  let queued = 0;
  const released = await repo.selectReleasedWithoutPackage(db);
  const states = await repo.selectPackageInputStates(
    db,
    released.map((entry) => entry.meetingId),
  );
  for (const { meetingId, audience } of released) {
    try {
      const ctx = { actor: worker, tx: db, blobs };
      await repo.insertBuild(db, {
        meetingId,
        audience,
        forPersonId: null,
        requestedByLabel: releasedLabel,
      });
      queued++;
      if (audience !== 'full') continue;
      for (const personId of states.get(meetingId)?.disqualifiedPersonIds ?? []) {
        if (await repo.selectNewestBuild(db, meetingId, 'full', 'queued', personId)) continue;
        await queueBuild(ctx, meetingId, 'full', personId, releasedLabel);
        queued++;
      }
    } catch (error) {
      log?.warn({ err: error, meetingId }, 'could not queue a released meeting’s package');
    }
  }
  return queued;
}

/**
 * Queues the packages of agendas released since (see queueReleasedPackages), and a rebuild of
 * every recent package whose agenda, memos or bilag changed since it was built (its input key
 * differs), and a member's own package when the member has become inhabil since. One query
 * reads every meeting's key; nothing is loaded or built to compare. Returns how many it queued.
 */
export async function queueOutdatedPackages({ db, blobs, log }: WorkerDeps): Promise<number> {
  let queued = await queueReleasedPackages({ db, blobs, log });
  const builds = await repo.selectBuildsToKeepCurrent(db);
  const states = await repo.selectPackageInputStates(
    db,
    builds.map((build) => build.meetingId),
  );
  for (const build of builds) {
    const state = states.get(build.meetingId);
    if (!state) continue;
    try {
      const ctx = { actor: worker, tx: db, blobs };
      if (build.audience === 'full' && build.forPersonId === null) {
        for (const personId of state.disqualifiedPersonIds) {
          const hasOwn = builds.some(
            (other) => other.meetingId === build.meetingId && other.forPersonId === personId,
          );
          const isWaiting = await repo.selectNewestBuild(
            db,
            build.meetingId,
            'full',
            'queued',
            personId,
          );
          if (hasOwn || isWaiting) continue;
          await queueBuild(ctx, build.meetingId, 'full', personId, automaticLabel);
          queued++;
        }
      }
      if (state.inputKey === build.inputKey) continue;
      await repo.insertBuild(db, {
        meetingId: build.meetingId,
        audience: build.audience,
        forPersonId: build.forPersonId,
        requestedByLabel: automaticLabel,
      });
      queued++;
    } catch (error) {
      log?.warn({ err: error, buildId: build.id }, 'could not check a package for changes');
    }
  }
  return queued;
}

/**
 * Runs the queue in the background, every tick (2 s). Every fifth tick, and the first tick after
 * a wake (a committed write: a release, an agenda, memo or bilag change, a requested build), it
 * also checks for released and changed agendas. Wakes between two ticks fold into one check, so
 * a secretary's autosave every few seconds costs at most one check a tick, not one a write.
 */
export function startPackageWorker(deps: WorkerDeps, intervalMs = 2000) {
  let running: Promise<unknown> | null = null;
  let isWoken = false;
  let isStopped = false;
  let ticks = 0;
  const run = (checkChanges: boolean) => {
    running = (checkChanges ? queueOutdatedPackages(deps) : Promise.resolve(0))
      .then(() => runPendingBuilds(deps))
      .catch((error: unknown) => deps.log?.error({ err: error }, 'package worker failed'))
      .finally(() => {
        running = null;
      });
  };
  const tick = () => {
    // Checking for changes is one query over every recent meeting: woken or every fifth tick.
    const isRoutineCheck = ticks++ % 5 === 0;
    if (running || isStopped) return;
    const checkChanges = isWoken || isRoutineCheck;
    isWoken = false;
    run(checkChanges);
  };
  const wake = () => {
    isWoken = true;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    wake,
    async stop() {
      clearInterval(timer);
      isStopped = true;
      while (running) await running;
    },
  };
}
