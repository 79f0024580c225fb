import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { meetings } from '../meetings/index';
import type { Db } from '../../platform/db/client';
import { packageBuilds } from './db-schema';

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

/**
 * Takes the oldest queued build and marks it running, in one statement; SKIP LOCKED lets several
 * workers (processes on one PostgreSQL) take different builds.
 */
export async function claimNextBuild(db: Db): Promise<PackageBuildRow | undefined> {
  const [row] = await db
    .update(packageBuilds)
    .set({ status: 'running', startedAt: new Date(), progress: 0 })
    .where(
      eq(
        packageBuilds.id,
        sql`(select id from package_builds where status = 'queued' order by requested_at limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row;
}

export async function updateBuild(
  db: Db,
  id: string,
  values: Partial<typeof packageBuilds.$inferInsert>,
): Promise<void> {
  await db.update(packageBuilds).set(values).where(eq(packageBuilds.id, id));
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
    .innerJoin(meetings, eq(meetings.id, packageBuilds.meetingId))
    .where(
      and(
        eq(packageBuilds.status, 'done'),
        gt(meetings.startsAt, sql`now() - interval '31 days'`),
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
