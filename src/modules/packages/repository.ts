import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  keepCurrentDays,
  packageBuilds,
  packageInputKeysQuery,
  releasedWithoutPackageQuery,
} from './db-schema';

export type PackageBuildRow = typeof packageBuilds.$inferSelect;

export async function insertBuild(
  db: Db,
  values: typeof packageBuilds.$inferInsert,
): Promise<PackageBuildRow> {
  const [row] = await db.insert(packageBuilds).values(values).returning();
  return row!;
}

/** The newest builds of a meeting, newest first. */
export async function selectBuilds(db: Db, meetingId: string): Promise<PackageBuildRow[]> {
  return db
    .select()
    .from(packageBuilds)
    .where(eq(packageBuilds.meetingId, meetingId))
    .orderBy(desc(packageBuilds.requestedAt))
    .limit(20);
}

/**
 * Per meeting, audience and member: the newest finished build and the newest other one (waiting,
 * running or failed), for many meetings in one query; the newer of the two is the newest build.
 */
export async function selectNewestBuildsOf(
  db: Db,
  meetingIds: readonly string[],
): Promise<PackageBuildRow[]> {
  if (meetingIds.length === 0) return [];
  const isDone = sql`${packageBuilds.status} = 'done'`;
  const rows = await db
    .selectDistinctOn(
      [packageBuilds.meetingId, packageBuilds.audience, packageBuilds.forPersonId, isDone],
      { build: packageBuilds },
    )
    .from(packageBuilds)
    .where(inArray(packageBuilds.meetingId, [...new Set(meetingIds)]))
    .orderBy(
      packageBuilds.meetingId,
      packageBuilds.audience,
      packageBuilds.forPersonId,
      isDone,
      desc(packageBuilds.requestedAt),
    );
  return rows.map((row) => row.build);
}

/**
 * The newest build of a meeting for an audience in a status: a waiting one, or the one a download
 * serves. With forPersonId, that member's own package; without, the shared one.
 */
export async function selectNewestBuild(
  db: Db,
  meetingId: string,
  audience: PackageBuildRow['audience'],
  status: PackageBuildRow['status'],
  forPersonId: string | null = null,
): Promise<PackageBuildRow | undefined> {
  const [row] = await db
    .select()
    .from(packageBuilds)
    .where(
      and(
        eq(packageBuilds.meetingId, meetingId),
        eq(packageBuilds.audience, audience),
        eq(packageBuilds.status, status),
        forPersonId === null
          ? isNull(packageBuilds.forPersonId)
          : eq(packageBuilds.forPersonId, forPersonId),
      ),
    )
    .orderBy(desc(packageBuilds.requestedAt))
    .limit(1);
  return row;
}

/** A claimed build: its id and the lease (started_at) its worker last wrote, which fences it. */
export type BuildClaim = { id: string; lease: Date };

// The database's clock for every lease, so instances with skewed clocks agree; in milliseconds,
// as a JavaScript Date holds it, so that the value read back compares equal.
const databaseNow = sql`date_trunc('milliseconds', now())`;

/**
 * Takes the oldest build that is queued, or running under a lease older than leaseMs (its
 * worker is gone), and marks it running under a new lease, in one statement; SKIP LOCKED lets
 * several workers (processes on one PostgreSQL) take different builds. A build taken over gets
 * `interrupted` as its error, which also marks that it has been taken over once.
 */
export async function claimNextBuild(
  db: Db,
  options: { leaseMs: number; interrupted: string },
): Promise<PackageBuildRow | undefined> {
  const [row] = await db
    .update(packageBuilds)
    .set({
      status: 'running',
      startedAt: databaseNow,
      progress: 0,
      error: sql`case when ${packageBuilds.status} = 'running' then ${options.interrupted} else null end`,
    })
    .where(
      eq(
        packageBuilds.id,
        sql`(select id from package_builds
          where status = 'queued'
            or (status = 'running' and error is null
              and started_at < now() - ${options.leaseMs}::int * interval '1 millisecond')
          order by requested_at limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row;
}

/**
 * Fails the running builds whose lease expired after they had been taken over once: their
 * build stopped its worker twice (a package that runs an instance out of memory would otherwise
 * restart it for ever). Returns their ids.
 */
export async function failAbandonedBuilds(
  db: Db,
  options: { leaseMs: number; error: string },
): Promise<string[]> {
  const rows = await db
    .update(packageBuilds)
    .set({ status: 'failed', finishedAt: databaseNow, error: options.error })
    .where(
      and(
        eq(packageBuilds.status, 'running'),
        isNotNull(packageBuilds.error),
        sql`${packageBuilds.startedAt} < now() - ${options.leaseMs}::int * interval '1 millisecond'`,
      ),
    )
    .returning({ id: packageBuilds.id });
  return rows.map((row) => row.id);
}

const isHeld = (claim: BuildClaim) =>
  and(
    eq(packageBuilds.id, claim.id),
    eq(packageBuilds.status, 'running'),
    eq(packageBuilds.startedAt, claim.lease),
  );

/**
 * Renews a claim's lease, with its progress; undefined when the claim is no longer held (another
 * worker took the build over, or gave it up), else the new lease.
 */
export async function renewBuildLease(
  db: Db,
  claim: BuildClaim,
  values: { progress?: number } = {},
): Promise<Date | undefined> {
  const [row] = await db
    .update(packageBuilds)
    .set({ ...values, startedAt: databaseNow })
    .where(isHeld(claim))
    .returning({ lease: packageBuilds.startedAt });
  return row?.lease ?? undefined;
}

/** Locks a claimed build's row for the rest of the transaction; false when it is no longer held. */
export async function lockHeldBuild(tx: Db, claim: BuildClaim): Promise<boolean> {
  const rows = await tx
    .select({ id: packageBuilds.id })
    .from(packageBuilds)
    .where(isHeld(claim))
    .for('update');
  return rows.length > 0;
}

/** Finishes a claimed build (done or failed); false when the claim is no longer held. */
export async function finishHeldBuild(
  db: Db,
  claim: BuildClaim,
  values: Partial<typeof packageBuilds.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(packageBuilds)
    .set(values)
    .where(isHeld(claim))
    .returning({ id: packageBuilds.id });
  return rows.length > 0;
}

/**
 * The newest finished build per meeting, audience and member that has no newer build waiting or
 * running, for meetings from the last month on: the packages worth keeping current.
 */
export async function selectBuildsToKeepCurrent(db: Db): Promise<PackageBuildRow[]> {
  const rows = await db
    .selectDistinctOn(
      [packageBuilds.meetingId, packageBuilds.audience, packageBuilds.forPersonId],
      {
        build: packageBuilds,
      },
    )
    .from(packageBuilds)
    .where(
      and(
        eq(packageBuilds.status, 'done'),
        // Through this module's view of the meetings table (package_meetings, db-schema.ts).
        sql`exists (select 1 from package_meetings m where m.id = package_builds.meeting_id
          and m.starts_at > now() - ${keepCurrentDays}::int * interval '1 day')`,
        // Spelled out: Drizzle may render an outer column unqualified, which would mean w's.
        sql`not exists (select 1 from package_builds w where w.meeting_id = package_builds.meeting_id
          and w.audience = package_builds.audience
          and w.for_person_id is not distinct from package_builds.for_person_id
          and w.status in ('queued', 'running'))`,
      ),
    )
    .orderBy(
      packageBuilds.meetingId,
      packageBuilds.audience,
      packageBuilds.forPersonId,
      desc(packageBuilds.finishedAt),
    );
  return rows.map((row) => row.build);
}

/** Released agendas of recent meetings without a shared package of an audience yet. */
export async function selectReleasedWithoutPackage(
  db: Db,
): Promise<Array<{ meetingId: string; audience: PackageBuildRow['audience'] }>> {
  return releasedWithoutPackageQuery(db);
}

/** What decides whether a meeting's packages are current (see packageInputKeysQuery). */
export type PackageInputState = { inputKey: string; disqualifiedPersonIds: string[] };

/** The current input key and inhabil members of each meeting, in one query; absent meetings are left out. */
export async function selectPackageInputStates(
  db: Db,
  meetingIds: readonly string[],
): Promise<Map<string, PackageInputState>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await packageInputKeysQuery(db, [...new Set(meetingIds)]);
  return new Map(
    rows.map(({ meetingId, inputKey, disqualifiedPersonIds }) => [
      meetingId,
      { inputKey, disqualifiedPersonIds: [...disqualifiedPersonIds].sort() },
    ]),
  );
}
