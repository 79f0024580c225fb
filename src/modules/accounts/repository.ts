import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  actorMeetingGrants,
  actorMemberships,
  apiTokens,
  loginThrottles,
  sessions,
  userInvitations,
  users,
} from './db-schema';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function selectUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function selectUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function selectUserByOidcSubject(
  db: Db,
  subject: string,
): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject));
  return row;
}

/** Id, name, e-mail and role of users by id, or of the active users with one of these roles. */
export async function selectUserNames(
  db: Db,
  filter: { ids?: readonly string[]; roles?: readonly UserRow['role'][] },
): Promise<Array<Pick<UserRow, 'id' | 'name' | 'email' | 'role'>>> {
  if (filter.ids?.length === 0 || filter.roles?.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(
      and(
        filter.ids ? inArray(users.id, [...filter.ids]) : undefined,
        filter.roles ? inArray(users.role, [...filter.roles]) : undefined,
        filter.roles ? isNull(users.deactivatedAt) : undefined,
      ),
    )
    .orderBy(asc(users.name));
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

/** The user's row, locked until the transaction ends (a password change and a new token queue). */
export async function selectUserForUpdate(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export type TokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(
  db: Db,
  values: typeof apiTokens.$inferInsert,
): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** A user's tokens, newest first (expired ones too, so their owner sees why they stopped). */
export function selectTokensOfUser(db: Db, userId: string): Promise<TokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function deleteTokenOfUser(
  db: Db,
  userId: string,
  tokenId: string,
): Promise<TokenRow | undefined> {
  const [row] = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning();
  return row;
}

export async function deleteTokensOfUser(db: Db, userId: string): Promise<number> {
  const rows = await db
    .delete(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .returning({ id: apiTokens.id });
  return rows.length;
}

export type ActorRow = { user: UserRow; organizationIds: string[]; meetingIds: string[] };

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
      >`coalesce(array_agg(distinct ${actorMemberships.organizationId}::text) filter (where ${actorMemberships.organizationId} is not null), '{}'::text[])`,
      // A subquery, not a join: joined beside the memberships it would multiply their rows.
      meetingIds: sql<
        string[]
      >`(select coalesce(array_agg(${actorMeetingGrants.meetingId}::text), '{}'::text[]) from ${actorMeetingGrants} where ${actorMeetingGrants.personId} = ${users.personId})`,
    })
    .from(users)
    .leftJoin(
      actorMemberships,
      and(
        eq(actorMemberships.personId, users.personId),
        or(isNull(actorMemberships.startDate), lte(actorMemberships.startDate, onDate)),
        or(isNull(actorMemberships.endDate), gte(actorMemberships.endDate, onDate)),
      ),
    )
    .groupBy(users.id);
}

export async function selectActorRow(
  db: Db,
  userId: string,
  onDate: string,
): Promise<ActorRow | undefined> {
  // A deactivated user has no actor: a session or token that outlived the deactivation is void.
  const [row] = await actorQuery(db, onDate).where(
    and(eq(users.id, userId), isNull(users.deactivatedAt)),
  );
  return row;
}

/**
 * The user of a token that has not expired; last_used_at is written at most every few minutes,
 * not on every request.
 */
export async function selectActorRowByTokenHash(
  db: Db,
  tokenHash: string,
  now: Date,
  onDate: string,
): Promise<ActorRow | undefined> {
  const [token] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, now)));
  if (!token) return undefined;
  if (
    token.lastUsedAt === null ||
    now.getTime() - token.lastUsedAt.getTime() > tokenUseResolutionMs
  ) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
  }
  return selectActorRow(db, token.userId, onDate);
}

const tokenUseResolutionMs = 5 * 60 * 1000;

/**
 * A session that has not expired and was signed in after its user last set a password (a session
 * without `signedInAt`, from before that was recorded, is not valid once the password changes).
 */
export function sessionQuery(db: Db, id: string, now: Date) {
  return db
    .select({ data: sessions.data })
    .from(sessions)
    .leftJoin(users, sql`${users.id} = (${sessions.data}->>'userId')::uuid`)
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, now),
        or(
          isNull(users.passwordChangedAt),
          sql`(${sessions.data}->>'signedInAt')::bigint >= floor(extract(epoch from ${users.passwordChangedAt}) * 1000)`,
        ),
      ),
    );
}

export async function selectSession(db: Db, id: string, now: Date): Promise<unknown> {
  const [row] = await sessionQuery(db, id, now);
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

/** Ends every session of the user; the number ended. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(sql`${sessions.data}->>'userId' = ${userId}`)
    .returning({ id: sessions.id });
  return rows.length;
}

export type AttemptVerdict = {
  /** Attempts in the window, this one included. */
  failures: number;
  lockedUntil: Date | null;
  /** The key was locked when this attempt came: its password must not be checked. */
  isRefused: boolean;
};

export type AttemptRules = { now: Date; windowMs: number; schedule: readonly number[] };

/**
 * Counts a login attempt against a key and decides in the same statement whether the key was
 * locked, so that parallel attempts queue on the row and each sees the lock the ones before it
 * set. The count restarts after a quiet window; the lock after n attempts is looked up in the
 * schedule from login-throttle.ts. An attempt that finds the key locked keeps the lock's end.
 */
export function loginAttemptUpsert(db: Db, key: string, rules: AttemptRules) {
  const now = sql`${rules.now.toISOString()}::timestamptz`;
  const schedule = sql`${`{${rules.schedule.join(',')}}`}::integer[]`;
  const lockEnd = (failures: SQL) =>
    sql`${now} + nullif((${schedule})[least(${failures}, ${rules.schedule.length}::integer)], 0) * interval '1 millisecond'`;
  const failures = sql`CASE WHEN ${loginThrottles.lastFailureAt} > ${now} - ${rules.windowMs}::integer * interval '1 millisecond' THEN ${loginThrottles.failures} + 1 ELSE 1 END`;
  const isLocked = sql`coalesce(${loginThrottles.lockedUntil} > ${now}, false)`;
  return db
    .insert(loginThrottles)
    .values({
      key,
      failures: 1,
      lastFailureAt: rules.now,
      lockedUntil: lockEnd(sql`1`),
      lastAttemptRefused: false,
    })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures,
        lastFailureAt: rules.now,
        lockedUntil: sql`CASE WHEN ${isLocked} THEN ${loginThrottles.lockedUntil} ELSE ${lockEnd(failures)} END`,
        lastAttemptRefused: isLocked,
      },
    })
    .returning({
      failures: loginThrottles.failures,
      lockedUntil: loginThrottles.lockedUntil,
      isRefused: loginThrottles.lastAttemptRefused,
    });
}

export async function countLoginAttempt(
  db: Db,
  key: string,
  rules: AttemptRules,
): Promise<AttemptVerdict> {
  const [row] = await loginAttemptUpsert(db, key, rules);
  return row!;
}

/**
 * Takes a successful attempt back from a key's count, and the lock it started when it was the
 * one attempt too many: the failures alone would not have locked the key.
 */
export async function takeBackLoginAttempt(
  db: Db,
  key: string,
  freeFailures: number,
): Promise<void> {
  await db
    .update(loginThrottles)
    .set({
      failures: sql`${loginThrottles.failures} - 1`,
      lockedUntil: sql`CASE WHEN ${loginThrottles.failures} - 1 <= ${freeFailures}::integer THEN NULL ELSE ${loginThrottles.lockedUntil} END`,
    })
    .where(and(eq(loginThrottles.key, key), gt(loginThrottles.failures, 0)));
}

export async function deleteThrottle(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

/** Every user, by e-mail. */
export function selectUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

/** The users linked to these persons. */
export function selectUsersOfPersons(db: Db, personIds: readonly string[]): Promise<UserRow[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(users)
    .where(inArray(users.personId, [...personIds]))
    .orderBy(asc(users.email));
}

export type InvitationRow = typeof userInvitations.$inferSelect;

/** A new invitation for the user; their earlier links stop working. */
export async function replaceInvitation(
  db: Db,
  values: typeof userInvitations.$inferInsert,
): Promise<InvitationRow> {
  await db.delete(userInvitations).where(eq(userInvitations.userId, values.userId));
  const [row] = await db.insert(userInvitations).values(values).returning();
  return row!;
}

export async function deleteInvitationsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(userInvitations).where(eq(userInvitations.userId, userId));
}

/** An unused, unexpired invitation by its token's hash, locked until the transaction ends. */
export async function selectOpenInvitationForUpdate(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select()
    .from(userInvitations)
    .where(
      and(
        eq(userInvitations.tokenHash, tokenHash),
        isNull(userInvitations.usedAt),
        gt(userInvitations.expiresAt, now),
      ),
    )
    .for('update');
  return row;
}

export async function markInvitationUsed(db: Db, id: string, usedAt: Date): Promise<void> {
  await db.update(userInvitations).set({ usedAt }).where(eq(userInvitations.id, id));
}

/** Which users have an invitation that can still be used. */
export async function selectUserIdsWithOpenInvitation(db: Db, now: Date): Promise<Set<string>> {
  const rows = await db
    .select({ userId: userInvitations.userId })
    .from(userInvitations)
    .where(and(isNull(userInvitations.usedAt), gt(userInvitations.expiresAt, now)));
  return new Set(rows.map((row) => row.userId));
}
