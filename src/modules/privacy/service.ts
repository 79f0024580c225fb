import { recordAudit } from '../../platform/audit/record-audit';
import { actorLabel, can, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import * as repo from './repository';
import type { RetentionCategory, RetentionSettingsRow } from './repository';
import type { PersonalData, RetentionSettingsInput } from './schemas';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

const anonymisedName = da.privacy.anonymisedName;

function requireManage(actor: Actor): void {
  // Like every admin-only area: a page one may not use does not exist for them.
  if (!can(actor, 'privacy.manage')) throw new AppError('NOT_FOUND');
}

/** The retention settings (administrators). */
export async function getRetentionSettings({
  actor,
  tx,
}: ServiceContext): Promise<RetentionSettingsRow> {
  requireManage(actor);
  return repo.selectRetentionSettings(tx);
}

/** Saves the retention periods, audited with before and after. */
export async function saveRetentionSettings({
  actor,
  tx,
  input,
}: WriteContext & { input: RetentionSettingsInput }): Promise<RetentionSettingsRow> {
  requireManage(actor);
  const before = await repo.selectRetentionSettings(tx);
  const after = await repo.updateRetentionSettings(tx, {
    ...input,
    updatedByUserId: actor.kind === 'user' ? actor.userId : null,
  });
  await recordAudit(tx, {
    actor,
    action: 'retention.updateSettings',
    entityType: 'retentionSettings',
    entityId: String(after.id),
    before: periodsOf(before),
    after: periodsOf(after),
  });
  return after;
}

function periodsOf(row: RetentionSettingsRow): repo.RetentionPeriods {
  return {
    draftPaperMonths: row.draftPaperMonths,
    departedPersonMonths: row.departedPersonMonths,
    sessionAndMailDays: row.sessionAndMailDays,
    auditEventYears: row.auditEventYears,
  };
}

/** Each kind of data with the setting that governs it, in the order a run applies them. */
const categories: ReadonlyArray<{
  category: RetentionCategory;
  period: (row: RetentionSettingsRow) => number | null;
}> = [
  { category: 'draftPapers', period: (row) => row.draftPaperMonths },
  { category: 'departedPersons', period: (row) => row.departedPersonMonths },
  { category: 'sessions', period: (row) => row.sessionAndMailDays },
  { category: 'loginThrottles', period: (row) => row.sessionAndMailDays },
  { category: 'sentMails', period: (row) => row.sessionAndMailDays },
  { category: 'auditEvents', period: (row) => row.auditEventYears },
];

/** Per category: rows deleted or anonymised (or that would be, in a dry run); null when unset. */
export type RetentionCounts = Record<RetentionCategory, number | null>;

export type RetentionRun =
  | { ran: true; dryRun: boolean; counts: RetentionCounts }
  /** Another run holds the lease, or (for the timer) the last run is less than a day old. */
  | { ran: false };

/**
 * Applies the retention settings: one transaction per kind of data, each audited with its count.
 * Idempotent: a second run finds nothing more to do. A dry run only counts. Runs are serialised
 * across app instances by a lease on the settings row (`onlyIfDue` also skips a run that
 * finished less than a day ago: the daily timer).
 */
export async function runRetention(options: {
  actor: Actor;
  db: Db;
  dryRun?: boolean;
  onlyIfDue?: boolean;
}): Promise<RetentionRun> {
  const { actor, db } = options;
  requireManage(actor);
  if (options.dryRun) {
    const settings = await repo.selectRetentionSettings(db);
    const counts = {} as RetentionCounts;
    for (const { category, period } of categories) {
      const amount = period(settings);
      counts[category] =
        amount === null ? null : await repo.countRetention(db, category, amount, anonymisedName);
    }
    return { ran: true, dryRun: true, counts };
  }
  const settings = await repo.claimRetentionRun(db, { onlyIfDue: options.onlyIfDue ?? false });
  if (!settings) return { ran: false };
  try {
    const counts = {} as RetentionCounts;
    for (const { category, period } of categories) {
      const amount = period(settings);
      counts[category] =
        amount === null
          ? null
          : await inTransaction(db, async (tx) => {
              const count = await repo.applyRetention(tx, category, amount, anonymisedName);
              if (count > 0)
                await recordAudit(tx, {
                  actor,
                  action: 'retention.apply',
                  entityType: 'retention',
                  entityId: category,
                  after: { count, period: amount },
                });
              return count;
            });
    }
    await repo.finishRetentionRun(db);
    return { ran: true, dryRun: false, counts };
  } catch (error) {
    await repo.releaseRetentionRun(db);
    throw error;
  }
}

/** How many people the page lists at most; a search finds the others. */
export const personListLimit = 200;

/** People to choose from for an export (administrators), by name or e-mail. */
export async function listPersonsForExport({
  actor,
  tx,
  query,
}: ServiceContext & { query: string | undefined }) {
  requireManage(actor);
  return repo.selectPersonsForList(tx, { query, limit: personListLimit });
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Everything the system holds about one person (the right of access, GDPR art. 15), with Danish
 * explanations. Administrators only; each export is audited (who exported whom).
 */
export async function exportPersonalData({
  actor,
  tx,
  personId,
}: WriteContext & { personId: string }): Promise<PersonalData> {
  requireManage(actor);
  const person = await repo.selectPersonById(tx, personId);
  if (!person) throw new AppError('NOT_FOUND');
  const accounts = await repo.selectUsersOfPerson(tx, personId);
  const userIds = accounts.map((account) => account.id);
  const emails = [person.email, ...accounts.map((account) => account.email)].filter(
    (email): email is string => Boolean(email),
  );
  // An anonymised person's placeholder name would match every other anonymised person.
  const names = person.name === anonymisedName ? [] : [person.name];
  const memberships = await repo.selectMembershipsOfPerson(tx, personId);
  const sessionCount = await repo.countSessionsOfUsers(tx, userIds);
  const apiTokens = await repo.selectApiTokensOfUsers(tx, userIds);
  const calendarFeeds = await repo.selectCalendarFeedsOfUsers(tx, userIds);
  const attendance = await repo.selectAttendanceOfPerson(tx, personId);
  const signOffs = await repo.selectSignOffsOfPerson(tx, personId);
  const followUps = await repo.selectFollowUpsOfPerson(tx, personId);
  const disqualifications = await repo.selectDisqualificationsOfPerson(tx, personId);
  const papers = await repo.selectPapersNamingPerson(tx, names, emails);
  const auditEvents = await repo.selectAuditEventsOfPerson(tx, personId, userIds);
  await recordAudit(tx, {
    actor,
    action: 'person.exportPersonalData',
    entityType: 'person',
    entityId: personId,
  });
  return {
    beskrivelse: { generelt: da.privacy.exportIntro, ...da.privacy.description },
    exportedAt: new Date().toISOString(),
    exportedBy: actorLabel(actor),
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      email: person.email,
      phone: person.phone,
      unit: person.unit,
      party: person.party,
      isExternal: person.isExternal,
      deactivatedAt: person.deactivatedAt ? iso(person.deactivatedAt) : null,
      createdAt: iso(person.createdAt),
      updatedAt: iso(person.updatedAt),
    },
    memberships,
    userAccounts: accounts.map((account) => ({
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      oidcSubject: account.oidcSubject,
      hasPassword: account.hasPassword,
      mustChangePassword: account.mustChangePassword,
      createdAt: iso(account.createdAt),
      updatedAt: iso(account.updatedAt),
    })),
    sessionCount,
    apiTokens: apiTokens.map((token) => ({
      ...token,
      createdAt: iso(token.createdAt),
      lastUsedAt: isoOrNull(token.lastUsedAt),
    })),
    calendarFeeds: calendarFeeds.map((feed) => ({
      ...feed,
      createdAt: iso(feed.createdAt),
      lastUsedAt: isoOrNull(feed.lastUsedAt),
    })),
    attendance: attendance.map((row) => ({
      meetingId: row.meetingId,
      meetingTitle: row.meetingTitle,
      startsAt: iso(row.startsAt),
      status: row.status,
      guestItemIds: row.guestItemIds,
    })),
    minutesSignOffs: signOffs.map((row) => ({
      ...row,
      startsAt: iso(row.startsAt),
      signedAt: iso(row.signedAt),
    })),
    followUps: followUps.map((row) => ({ ...row, completedAt: isoOrNull(row.completedAt) })),
    disqualifications: disqualifications.map((row) => ({
      ...row,
      startsAt: iso(row.startsAt),
      registeredAt: iso(row.registeredAt),
    })),
    papersAsCaseOfficer: papers,
    auditEvents: auditEvents.map((event) => {
      // What the person's accounts did to other things (a closed item, someone else's data) is
      // not data about them: only that they did it goes into the export.
      const isAboutThem =
        (event.entityType === 'person' && event.entityId === personId) ||
        (event.entityType === 'user' && userIds.includes(event.entityId));
      return {
        id: event.id,
        at: iso(event.at),
        actor: event.actorLabel,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        before: isAboutThem ? event.before : null,
        after: isAboutThem ? event.after : null,
      };
    }),
  };
}
