import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { startPageVisits } from './db-schema';

/** Visits closer together than this are one visit: a reload keeps "since my last visit". */
export const visitGapMs = 30 * 60 * 1000;

/**
 * Notes a look at the start page and returns the visit it compares with: the one before the
 * current run of visits, or null the first time.
 */
export async function recordStartPageVisit(
  tx: Db,
  userId: string,
  now: Date,
): Promise<Date | null> {
  const [known] = await tx
    .select()
    .from(startPageVisits)
    .where(eq(startPageVisits.userId, userId))
    .for('update');
  if (!known) {
    await tx
      .insert(startPageVisits)
      .values({ userId, previousSeenAt: null, lastSeenAt: now })
      .onConflictDoNothing();
    return null;
  }
  const isNewVisit = now.getTime() - known.lastSeenAt.getTime() >= visitGapMs;
  const previousSeenAt = isNewVisit ? known.lastSeenAt : known.previousSeenAt;
  await tx
    .update(startPageVisits)
    .set({ previousSeenAt, lastSeenAt: now })
    .where(eq(startPageVisits.userId, userId));
  return previousSeenAt;
}
