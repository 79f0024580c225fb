import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { calendarFeedTokens } from './db-schema';

export type FeedTokenRow = typeof calendarFeedTokens.$inferSelect;

export async function selectFeedToken(db: Db, userId: string): Promise<FeedTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(calendarFeedTokens)
    .where(eq(calendarFeedTokens.userId, userId));
  return row;
}

/** One token per user: a new one replaces the old hash, so the old URL stops working. */
export async function upsertFeedToken(
  db: Db,
  userId: string,
  tokenHash: string,
): Promise<FeedTokenRow> {
  const [row] = await db
    .insert(calendarFeedTokens)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({
      target: calendarFeedTokens.userId,
      set: { tokenHash, createdAt: sql`now()`, lastUsedAt: null },
    })
    .returning();
  return row!;
}

/** The user whose feed token has this hash, noting that the feed was fetched. */
export async function touchFeedToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .update(calendarFeedTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(calendarFeedTokens.tokenHash, tokenHash))
    .returning({ userId: calendarFeedTokens.userId });
  return row?.userId;
}
