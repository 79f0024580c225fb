import {
  and,
  asc,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { auditEvents } from '../../platform/audit/db-schema';
import type { Db } from '../../platform/db/client';
import { mailOutbox } from '../../platform/mail/index';
import { apiTokens, loginThrottles, sessions, users } from '../accounts/db-schema';
import { calendarFeedTokens } from '../calendar/db-schema';
import {
  agendaItemDisqualifications,
  agendaItems,
  followUps,
  meetings,
} from '../meetings/db-schema';
import { meetingAttendance, minutesSignOffs } from '../minutes/db-schema';
import { memberships, organizations, persons } from '../organizations/db-schema';
import { papers, paperVersions } from '../papers/db-schema';
import { retentionSettings } from './db-schema';

export type RetentionSettingsRow = typeof retentionSettings.$inferSelect;
export type RetentionPeriods = Pick<
  RetentionSettingsRow,
  'draftPaperMonths' | 'departedPersonMonths' | 'sessionAndMailDays' | 'auditEventYears'
>;

const settingsId = 1;

/** The one settings row, created with the defaults the first time it is needed. */
export async function selectRetentionSettings(db: Db): Promise<RetentionSettingsRow> {
  await db.insert(retentionSettings).values({ id: settingsId }).onConflictDoNothing();
  const [row] = await db.select().from(retentionSettings).where(eq(retentionSettings.id, 1));
  return row!;
}

export async function updateRetentionSettings(
  db: Db,
  values: RetentionPeriods & { updatedByUserId: string | null },
): Promise<RetentionSettingsRow> {
  await db.insert(retentionSettings).values({ id: settingsId }).onConflictDoNothing();
  const [row] = await db
    .update(retentionSettings)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(retentionSettings.id, settingsId))
    .returning();
  return row!;
}

/**
 * Claims the run: sets the lease unless another run holds one (younger than an hour) or, when
 * `onlyIfDue`, a run finished less than a day ago. One UPDATE, so two instances cannot both win.
 */
export async function claimRetentionRun(
  db: Db,
  options: { onlyIfDue: boolean },
): Promise<RetentionSettingsRow | undefined> {
  await db.insert(retentionSettings).values({ id: settingsId }).onConflictDoNothing();
  const [row] = await db
    .update(retentionSettings)
    .set({ runStartedAt: sql`now()` })
    .where(
      and(
        eq(retentionSettings.id, settingsId),
        or(
          isNull(retentionSettings.runStartedAt),
          lt(retentionSettings.runStartedAt, sql`now() - interval '1 hour'`),
        ),
        options.onlyIfDue
          ? or(
              isNull(retentionSettings.lastRunAt),
              lt(retentionSettings.lastRunAt, sql`now() - interval '1 day'`),
            )
          : undefined,
      ),
    )
    .returning();
  return row;
}

export async function finishRetentionRun(db: Db): Promise<void> {
  await db
    .update(retentionSettings)
    .set({ runStartedAt: null, lastRunAt: sql`now()` })
    .where(eq(retentionSettings.id, settingsId));
}

export async function releaseRetentionRun(db: Db): Promise<void> {
  await db
    .update(retentionSettings)
    .set({ runStartedAt: null })
    .where(eq(retentionSettings.id, settingsId));
}

const ago = (unit: 'months' | 'days' | 'years', amount: number): SQL =>
  sql`now() - make_interval(${sql.raw(unit)} => ${amount}::int)`;

/**
 * Draft and returned papers whose last change (the row or its newest version) is older than the
 * period. A paper that was ever approved onto an agenda is kept: the agenda reads it.
 */
function staleDraftPapers(months: number): SQL {
  const lastVersionAt = sql`(SELECT max(${paperVersions.createdAt}) FROM ${paperVersions} WHERE ${paperVersions.paperId} = ${papers.id})`;
  return and(
    inArray(papers.status, ['draft', 'returned']),
    isNull(papers.approvedVersion),
    not(exists(sql`(SELECT 1 FROM ${agendaItems} WHERE ${agendaItems.paperId} = ${papers.id})`)),
    lt(sql`greatest(${papers.updatedAt}, ${lastVersionAt})`, ago('months', months)),
  )!;
}

/** Marks an anonymised person, so a second run leaves them alone. */
function isAnonymised(anonymisedName: string): SQL {
  return and(
    eq(persons.name, anonymisedName),
    isNull(persons.email),
    isNull(persons.phone),
    isNull(persons.title),
  )!;
}

/**
 * People who left: no user account, no membership open or ended within the period, nothing
 * open that names them, and the person row itself unchanged for as long.
 */
function departedPersons(months: number, anonymisedName: string): SQL {
  return and(
    not(exists(sql`(SELECT 1 FROM ${users} WHERE ${users.personId} = ${persons.id})`)),
    not(
      exists(
        sql`(SELECT 1 FROM ${memberships} WHERE ${memberships.personId} = ${persons.id}
              AND (${memberships.endDate} IS NULL
                   OR ${memberships.endDate} >= (${ago('months', months)})::date))`,
      ),
    ),
    // Still at work: owner of an open follow-up, or contact of a meeting not yet held.
    not(
      exists(
        sql`(SELECT 1 FROM ${followUps} WHERE ${followUps.ownerPersonId} = ${persons.id}
              AND ${followUps.status} = 'open')`,
      ),
    ),
    not(
      exists(
        sql`(SELECT 1 FROM ${meetings} WHERE ${meetings.secretariatContactId} = ${persons.id}
              AND ${meetings.endsAt} > now())`,
      ),
    ),
    lt(persons.updatedAt, ago('months', months)),
    not(isAnonymised(anonymisedName)),
  )!;
}

function oldSessions(days: number): SQL {
  return lt(sessions.expiresAt, ago('days', days));
}

function oldLoginThrottles(days: number): SQL {
  return and(
    lt(loginThrottles.lastFailureAt, ago('days', days)),
    or(isNull(loginThrottles.lockedUntil), lt(loginThrottles.lockedUntil, sql`now()`)),
  )!;
}

function oldSentMails(days: number): SQL {
  return and(isNotNull(mailOutbox.sentAt), lt(mailOutbox.sentAt, ago('days', days)))!;
}

function oldAuditEvents(years: number): SQL {
  return lt(auditEvents.at, ago('years', years));
}

async function countWhere(db: Db, table: PgTable, where: SQL): Promise<number> {
  return db.$count(table, where);
}

export type RetentionCategory =
  'draftPapers' | 'departedPersons' | 'sessions' | 'loginThrottles' | 'sentMails' | 'auditEvents';

/** How many rows a category's rule matches now, without changing anything (the dry run). */
export async function countRetention(
  db: Db,
  category: RetentionCategory,
  amount: number,
  anonymisedName: string,
): Promise<number> {
  switch (category) {
    case 'draftPapers':
      return countWhere(db, papers, staleDraftPapers(amount));
    case 'departedPersons':
      return countWhere(db, persons, departedPersons(amount, anonymisedName));
    case 'sessions':
      return countWhere(db, sessions, oldSessions(amount));
    case 'loginThrottles':
      return countWhere(db, loginThrottles, oldLoginThrottles(amount));
    case 'sentMails':
      return countWhere(db, mailOutbox, oldSentMails(amount));
    case 'auditEvents':
      return countWhere(db, auditEvents, oldAuditEvents(amount));
  }
}

/** A statement that changes rows and returns one row per row changed. */
type RetentionStatement = PromiseLike<unknown[]> & { toSQL(): { sql: string; params: unknown[] } };

/** A category's rule as one DELETE (or, for people, an anonymising UPDATE), not yet run. */
export function retentionStatement(
  db: Db,
  category: RetentionCategory,
  amount: number,
  anonymisedName: string,
): RetentionStatement {
  switch (category) {
    case 'draftPapers':
      return db.delete(papers).where(staleDraftPapers(amount)).returning({ id: papers.id });
    case 'departedPersons':
      return db
        .update(persons)
        .set({
          name: anonymisedName,
          email: null,
          phone: null,
          title: null,
          unit: null,
          party: null,
          updatedAt: sql`now()`,
        })
        .where(departedPersons(amount, anonymisedName))
        .returning({ id: persons.id });
    case 'sessions':
      return db.delete(sessions).where(oldSessions(amount)).returning({ id: sessions.id });
    case 'loginThrottles':
      return db
        .delete(loginThrottles)
        .where(oldLoginThrottles(amount))
        .returning({ key: loginThrottles.key });
    case 'sentMails':
      return db.delete(mailOutbox).where(oldSentMails(amount)).returning({ id: mailOutbox.id });
    case 'auditEvents':
      return db.delete(auditEvents).where(oldAuditEvents(amount)).returning({ id: auditEvents.id });
  }
}

/** Applies a category's rule and returns how many rows it deleted or anonymised. */
export async function applyRetention(
  db: Db,
  category: RetentionCategory,
  amount: number,
  anonymisedName: string,
): Promise<number> {
  return (await retentionStatement(db, category, amount, anonymisedName)).length;
}

// ---- The export of one person ----

export type PersonRow = typeof persons.$inferSelect;

export async function selectPersonById(db: Db, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id));
  return row;
}

/** Persons by name, optionally those whose name or e-mail contains `query`; at most `limit`. */
export async function selectPersonsForList(
  db: Db,
  options: { query?: string; limit: number },
): Promise<Array<Pick<PersonRow, 'id' | 'name' | 'email'>>> {
  const pattern = options.query
    ? `%${options.query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
    : undefined;
  return db
    .select({ id: persons.id, name: persons.name, email: persons.email })
    .from(persons)
    .where(
      pattern === undefined
        ? undefined
        : or(ilike(persons.name, pattern), ilike(persons.email, pattern)),
    )
    .orderBy(asc(persons.name), asc(persons.id))
    .limit(options.limit);
}

export async function selectMembershipsOfPerson(db: Db, personId: string) {
  return db
    .select({
      id: memberships.id,
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      role: memberships.role,
      startDate: memberships.startDate,
      endDate: memberships.endDate,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.personId, personId))
    .orderBy(asc(memberships.startDate), asc(memberships.id));
}

/** The person's accounts, without password hash: the columns are named, never `select()`. */
export async function selectUsersOfPerson(db: Db, personId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      oidcSubject: users.oidcSubject,
      mustChangePassword: users.mustChangePassword,
      hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.personId, personId))
    .orderBy(asc(users.createdAt));
}

export async function countSessionsOfUsers(db: Db, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  return db.$count(sessions, inArray(sql`${sessions.data} ->> 'userId'`, [...userIds]));
}

export async function selectApiTokensOfUsers(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: apiTokens.userId,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(inArray(apiTokens.userId, [...userIds]))
    .orderBy(asc(apiTokens.createdAt));
}

export async function selectCalendarFeedsOfUsers(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: calendarFeedTokens.userId,
      createdAt: calendarFeedTokens.createdAt,
      lastUsedAt: calendarFeedTokens.lastUsedAt,
    })
    .from(calendarFeedTokens)
    .where(inArray(calendarFeedTokens.userId, [...userIds]));
}

export async function selectAttendanceOfPerson(db: Db, personId: string) {
  return db
    .select({
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      status: meetingAttendance.status,
      guestItemIds: meetingAttendance.itemIds,
      updatedAt: meetingAttendance.updatedAt,
    })
    .from(meetingAttendance)
    .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
    .where(eq(meetingAttendance.personId, personId))
    .orderBy(asc(meetings.startsAt));
}

export async function selectSignOffsOfPerson(db: Db, personId: string) {
  return db
    .select({
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      signedAt: minutesSignOffs.signedAt,
    })
    .from(minutesSignOffs)
    .innerJoin(meetings, eq(meetings.id, minutesSignOffs.meetingId))
    .where(eq(minutesSignOffs.personId, personId))
    .orderBy(asc(meetings.startsAt));
}

export async function selectFollowUpsOfPerson(db: Db, personId: string) {
  return db
    .select({
      id: followUps.id,
      text: followUps.text,
      dueDate: followUps.dueDate,
      status: followUps.status,
      completedAt: followUps.completedAt,
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
    })
    .from(followUps)
    .innerJoin(agendaItems, eq(agendaItems.id, followUps.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(followUps.ownerPersonId, personId))
    .orderBy(asc(followUps.dueDate), asc(followUps.id));
}

export async function selectDisqualificationsOfPerson(db: Db, personId: string) {
  return db
    .select({
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      registeredAt: agendaItemDisqualifications.createdAt,
    })
    .from(agendaItemDisqualifications)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemDisqualifications.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItemDisqualifications.personId, personId))
    .orderBy(asc(meetings.startsAt));
}

/** Papers naming the person as case officer (by name) or contact (by e-mail): a best effort. */
export async function selectPapersNamingPerson(
  db: Db,
  names: readonly string[],
  emails: readonly string[],
) {
  const conditions: SQL[] = names.map((name) => sql`${name} = ANY(${papers.caseOfficers})`);
  if (emails.length > 0)
    conditions.push(
      inArray(
        sql`lower(${papers.email})`,
        emails.map((email) => email.toLowerCase()),
      ),
    );
  if (conditions.length === 0) return [];
  return db
    .select({
      id: papers.id,
      title: papers.title,
      status: papers.status,
      caseNumber: papers.caseNumber,
      caseOfficers: papers.caseOfficers,
      email: papers.email,
      phone: papers.phone,
      paperDate: papers.paperDate,
    })
    .from(papers)
    .where(or(...conditions))
    .orderBy(desc(papers.paperDate), asc(papers.id));
}

/** Audit events done by the person's accounts, or about the person or those accounts. */
export async function selectAuditEventsOfPerson(
  db: Db,
  personId: string,
  userIds: readonly string[],
) {
  const about = and(eq(auditEvents.entityType, 'person'), eq(auditEvents.entityId, personId));
  const conditions: SQL[] = [about!];
  if (userIds.length > 0) {
    conditions.push(inArray(auditEvents.actorUserId, [...userIds]));
    conditions.push(
      and(eq(auditEvents.entityType, 'user'), inArray(auditEvents.entityId, [...userIds]))!,
    );
  }
  return db
    .select()
    .from(auditEvents)
    .where(or(...conditions))
    .orderBy(asc(auditEvents.id));
}
