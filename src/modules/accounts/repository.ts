import { and, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { memberships } from '../organizations/index';
import type { Db } from '../../platform/db/client';
import { apiTokens, loginThrottles, sessions, users } from './db-schema';
import type { ThrottleState } from './login-throttle';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function selectUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function selectUserByOidcSubject(
  db: Db,
  subject: string,
): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject));
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}

export async function updateUser(
  db: Db,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export type ActorRow = { user: UserRow; organizationIds: string[] };

/**
 * The user with the organizations their person is a member of on `onDate`, in one query:
 * it runs on every signed-in request.
 */
function actorQuery(db: Db, onDate: string) {
  return db
    .select({
      user: users,
      organizationIds: sql<
        string[]
      >`coalesce(array_agg(distinct ${memberships.organizationId}::text) filter (where ${memberships.organizationId} is not null), '{}'::text[])`,
    })
    .from(users)
    .leftJoin(
      memberships,
      and(
        eq(memberships.personId, users.personId),
        or(isNull(memberships.startDate), lte(memberships.startDate, onDate)),
        or(isNull(memberships.endDate), gte(memberships.endDate, onDate)),
      ),
    )
    .groupBy(users.id);
}

export async function selectActorRow(
  db: Db,
  userId: string,
  onDate: string,
): Promise<ActorRow | undefined> {
  const [row] = await actorQuery(db, onDate).where(eq(users.id, userId));
  return row;
}

/** A token's user; last_used_at is written at most every few minutes, not on every request. */
export async function selectActorRowByTokenHash(
  db: Db,
  tokenHash: string,
  onDate: string,
): Promise<ActorRow | undefined> {
  const [token] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, tokenHash));
  if (!token) return undefined;
  if (token.lastUsedAt === null || Date.now() - token.lastUsedAt.getTime() > tokenUseResolutionMs) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
  }
  return selectActorRow(db, token.userId, onDate);
}

const tokenUseResolutionMs = 5 * 60 * 1000;

export async function selectSession(db: Db, id: string): Promise<unknown> {
  const [row] = await db
    .select({ data: sessions.data })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
  return row?.data;
}

export async function upsertSession(
  db: Db,
  id: string,
  data: unknown,
  expiresAt: Date,
): Promise<void> {
  await db
    .insert(sessions)
    .values({ id, data, expiresAt })
    .onConflictDoUpdate({ target: sessions.id, set: { data, expiresAt } });
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

export async function selectThrottles(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, ThrottleState>> {
  const rows = await db
    .select()
    .from(loginThrottles)
    .where(inArray(loginThrottles.key, [...keys]));
  return new Map(rows.map(({ key, ...state }) => [key, state]));
}

export async function upsertThrottle(db: Db, key: string, state: ThrottleState): Promise<void> {
  await db
    .insert(loginThrottles)
    .values({ key, ...state })
    .onConflictDoUpdate({ target: loginThrottles.key, set: state });
}

export async function deleteThrottle(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}
