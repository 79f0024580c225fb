import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit/record-audit';
import { actorLabel, can, type Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { storeGeneratedFile } from '../files/index';
import { getMeetingDetail } from '../meetings/index';
import * as repo from './repository';
import { buildMeetingPackage, packageInputKey, type Audience } from './service';

type Ctx = { actor: Actor; tx: Db };

const worker: Actor = { kind: 'system', label: 'mødepakke' };
const automaticLabel = 'automatisk: dagsorden eller bilag ændret';

async function requireMeetingOrganization(ctx: Ctx, meetingId: string): Promise<string> {
  return (await getMeetingDetail(ctx, meetingId)).meeting.organizationId;
}

/** Queues a build of a meeting's package (secretariat); a build already waiting is reused. */
export async function requestPackageBuild(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
): Promise<repo.PackageBuildRow> {
  const organizationId = await requireMeetingOrganization(ctx, meetingId);
  if (!can(ctx.actor, 'agendaItem.write', { organizationId })) throw new AppError('FORBIDDEN');
  const waiting = await repo.selectNewestBuild(ctx.tx, meetingId, audience, 'queued');
  if (waiting) return waiting;
  const build = await repo.insertBuild(ctx.tx, {
    meetingId,
    audience,
    requestedByLabel: actorLabel(ctx.actor),
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'package.request',
    entityType: 'meeting',
    entityId: meetingId,
    after: build,
  });
  return build;
}

/** Who may have which package: the public one with the meeting, the full one with closed items. */
function mayDownload(actor: Actor, organizationId: string, audience: Audience): boolean {
  return audience === 'public' || can(actor, 'agendaItem.readClosed', { organizationId });
}

/** A meeting's builds, newest first, as far as the actor may see them. */
export async function listPackageBuilds(
  ctx: Ctx,
  meetingId: string,
): Promise<repo.PackageBuildRow[]> {
  const organizationId = await requireMeetingOrganization(ctx, meetingId);
  return (await repo.selectBuilds(ctx.tx, meetingId)).filter((build) =>
    mayDownload(ctx.actor, organizationId, build.audience),
  );
}

/** The newest finished package for an audience, if the actor may have it. */
export async function packageForDownload(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
): Promise<repo.PackageBuildRow & { fileSha256: string; fileName: string }> {
  const organizationId = await requireMeetingOrganization(ctx, meetingId);
  if (!mayDownload(ctx.actor, organizationId, audience)) throw new AppError('NOT_FOUND');
  const build = await repo.selectNewestBuild(ctx.tx, meetingId, audience, 'done');
  if (!build?.fileSha256 || !build.fileName) throw new AppError('NOT_FOUND');
  return { ...build, fileSha256: build.fileSha256, fileName: build.fileName };
}

export type WorkerDeps = { db: Db; blobs: BlobStore; log?: FastifyBaseLogger };

/** Builds queued packages one at a time until the queue is empty; returns how many it ran. */
export async function runPendingBuilds({ db, blobs, log }: WorkerDeps): Promise<number> {
  let ran = 0;
  for (let build = await repo.claimNextBuild(db); build; build = await repo.claimNextBuild(db)) {
    ran++;
    const id = build.id;
    let reported = 0;
    try {
      const built = await buildMeetingPackage(
        { actor: worker, tx: db, blobs },
        build.meetingId,
        build.audience,
        {
          onProgress: async (fraction) => {
            const progress = Math.round(fraction * 100);
            // A row update per tenth is enough for a progress bar.
            if (progress - reported < 10) return;
            reported = progress;
            await repo.updateBuild(db, id, { progress });
          },
        },
      );
      await inTransaction(db, async (tx) => {
        const sha256 = await storeGeneratedFile({ tx, blobs }, built.pdf, 'application/pdf');
        await repo.updateBuild(tx, id, {
          status: 'done',
          progress: 100,
          finishedAt: new Date(),
          fileSha256: sha256,
          fileName: built.fileName,
          pageCount: built.pageCount,
          inputKey: built.inputKey,
        });
      });
      log?.info({ buildId: id, pages: built.pageCount }, 'package built');
    } catch (error) {
      log?.error({ err: error, buildId: id }, 'package build failed');
      await repo.updateBuild(db, id, {
        status: 'failed',
        finishedAt: new Date(),
        error: error instanceof AppError ? error.message : 'Mødepakken kunne ikke bygges.',
      });
    }
  }
  return ran;
}

/**
 * Queues a rebuild of every recent package whose agenda, memos or bilag changed since it was
 * built (its input hash differs). Returns how many it queued.
 */
export async function queueOutdatedPackages({ db, blobs, log }: WorkerDeps): Promise<number> {
  let queued = 0;
  for (const build of await repo.selectBuildsToKeepCurrent(db)) {
    try {
      const current = await packageInputKey(
        { actor: worker, tx: db, blobs },
        build.meetingId,
        build.audience,
      );
      if (current === build.inputKey) continue;
      await repo.insertBuild(db, {
        meetingId: build.meetingId,
        audience: build.audience,
        requestedByLabel: automaticLabel,
      });
      queued++;
    } catch (error) {
      log?.warn({ err: error, buildId: build.id }, 'could not check a package for changes');
    }
  }
  return queued;
}

/** Runs the queue in the background: now and then, and whenever asked to (after a request). */
export function startPackageWorker(deps: WorkerDeps, intervalMs = 2000) {
  let running: Promise<unknown> | null = null;
  let ticks = 0;
  const tick = () => {
    // Checking for changes loads every recent meeting's agenda: every fifth tick is enough.
    const checkChanges = ticks++ % 5 === 0;
    running ??= (checkChanges ? queueOutdatedPackages(deps) : Promise.resolve(0))
      .then(() => runPendingBuilds(deps))
      .catch((error: unknown) => deps.log?.error({ err: error }, 'package worker failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    wake: tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
