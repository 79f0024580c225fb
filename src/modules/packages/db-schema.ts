import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  alias,
  index,
  integer,
  pgEnum,
  pgTable,
  pgView,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client';
import { storedFiles } from '../files/db-schema';
import {
  agendaItemAttachments,
  agendaItemDisqualifications,
  agendaItems,
  agendaReleases,
  meetings,
} from '../meetings/db-schema';
import { locations, memberships, organizations, persons } from '../organizations/db-schema';
import { paperAttachments, papers, paperSections } from '../papers/db-schema';

export const packageAudience = pgEnum('package_audience', ['full', 'public']);
export const packageBuildStatuses = ['queued', 'running', 'done', 'failed'] as const;
export const packageBuildStatus = pgEnum('package_build_status', packageBuildStatuses);

/**
 * A build of a meeting's package for one audience: a job the worker takes from the queue, with
 * its progress, and when done the PDF in the blob store. Never built inside a request.
 */
export const packageBuilds = pgTable(
  'package_builds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    audience: packageAudience('audience').notNull(),
    /**
     * A member's own full package, without the items where the member is inhabil; null for the
     * package everyone of the audience shares.
     */
    forPersonId: uuid('for_person_id').references(() => persons.id, { onDelete: 'cascade' }),
    status: packageBuildStatus('status').notNull().default('queued'),
    /** 0–100, for the progress bar. */
    progress: integer('progress').notNull().default(0),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    /**
     * While running, the worker's lease: set when it is claimed and renewed as it builds (there
     * is no separate heartbeat column); a claim takes over a build whose lease has expired.
     */
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    fileSha256: text('file_sha256').references(() => storedFiles.sha256),
    fileName: text('file_name'),
    pageCount: integer('page_count'),
    /** Why it failed; on a running build, that an earlier attempt was interrupted. */
    error: text('error'),
    /** The hash of what it was built from; a different current hash means it is out of date. */
    inputKey: text('input_key'),
    requestedByLabel: text('requested_by_label').notNull(),
  },
  (table) => [
    index('package_builds_meeting_idx').on(table.meetingId, table.audience, table.requestedAt),
    index('package_builds_status_idx').on(table.status, table.requestedAt),
  ],
);

/** A timestamp as a number: its text would follow the session's time zone and date style. */
const epoch = (column: AnyPgColumn): SQL => sql`extract(epoch from ${column})`;

/** A JSON array of one value per row, in a fixed order, or null without rows. */
const rowsOf = (values: SQL, order: AnyPgColumn | SQL): SQL =>
  sql`json_agg(json_build_array(${values}) order by ${order})`;

/** The organizations table under another name, and its FROM item (an alias renders as its name only). */
function organizationsAs(name: string) {
  return { table: alias(organizations, name), from: sql`${organizations} ${sql.identifier(name)}` };
}
const paperOrganizations = organizationsAs('paper_organizations');
const senderUnits = organizationsAs('sender_units');

/** A meeting's start, by which the worker keeps the packages of the last month's meetings current. */
export const packageMeetings = pgView('package_meetings').as((qb) =>
  qb.select({ id: meetings.id, startsAt: meetings.startsAt }).from(meetings),
);

/** How long after its start a meeting's packages are kept current (built on release, rebuilt on change). */
export const keepCurrentDays = 31;

/** Whether the worker keeps a meeting's packages current (the SQL queries ask the same of starts_at). */
export function isKeptCurrent(startsAt: Date, now = new Date()): boolean {
  return startsAt.getTime() > now.getTime() - keepCurrentDays * 86_400_000;
}

/**
 * The meetings from the last keepCurrentDays on whose agenda has been released and that have
 * no shared package of an audience yet, with that audience: the packages to build on release.
 */
export function releasedWithoutPackageQuery(db: Db) {
  return db
    .select({
      meetingId: meetings.id,
      audience: sql<(typeof packageAudience.enumValues)[number]>`a.audience`,
    })
    .from(meetings)
    .innerJoin(sql`unnest(enum_range(null::package_audience)) as a(audience)`, sql`true`)
    .where(
      sql`${meetings.startsAt} > now() - ${keepCurrentDays}::int * interval '1 day'
        and exists (select 1 from ${agendaReleases} where ${agendaReleases.meetingId} = ${meetings.id})
        and not exists (select 1 from ${packageBuilds} where ${packageBuilds.meetingId} = ${meetings.id}
          and ${packageBuilds.audience} = a.audience and ${packageBuilds.forPersonId} is null)`,
    );
}

/**
 * The package's input key per meeting, from the source rows alone, and its inhabil members: one query, so the worker can
 * tell a package is out of date without loading the agenda, memos and bilag it is built from.
 * It reads other modules' tables, which only a db-schema.ts may import (see ARCHITECTURE.md).
 *
 * Short rows are hashed by the values the package prints. The meeting and its items are among
 * them, because their updated_at also moves with what the package leaves out (minutes saved
 * during the meeting, its start and end), which would rebuild every package at each save.
 * Memos, their sections and bilag are long, so their change marker (updated_at) stands for
 * them: every write to them sets it, and saving sections replaces their rows (new ids).
 * A bilag's file is immutable under its hash, so the hash and media type stand for its bytes.
 */
export function packageInputKeysQuery(db: Db, meetingIds: readonly string[]) {
  const paper = sql`(select json_build_array(${epoch(papers.updatedAt)}, ${paperOrganizations.table.name}, ${senderUnits.table.name},
      (select ${rowsOf(sql`${paperSections.id}, ${epoch(paperSections.updatedAt)}`, paperSections.id)}
        from ${paperSections} where ${paperSections.paperId} = ${papers.id}),
      (select ${rowsOf(sql`${paperAttachments.id}, ${epoch(paperAttachments.updatedAt)}, ${paperAttachments.fileSha256}, ${storedFiles.mediaType}`, paperAttachments.id)}
        from ${paperAttachments} inner join ${storedFiles} on ${storedFiles.sha256} = ${paperAttachments.fileSha256}
        where ${paperAttachments.paperId} = ${papers.id}))
    from ${papers}
    inner join ${paperOrganizations.from} on ${paperOrganizations.table.id} = ${papers.organizationId}
    left join ${senderUnits.from} on ${senderUnits.table.id} = ${papers.senderUnitId}
    where ${papers.id} = ${agendaItems.paperId})`;
  const item = sql`${agendaItems.id}, ${agendaItems.parentId}, ${agendaItems.position}, ${agendaItems.title},
    ${agendaItems.durationMinutes}, ${agendaItems.purpose}, ${agendaItems.method}, ${agendaItems.responsible},
    ${agendaItems.isPublic}, ${agendaItems.publicTitle}, ${agendaItems.closedReasonLabel}, ${agendaItems.closedReasonText},
    ${agendaItems.note}, ${agendaItems.standingKind},
    ${agendaItems.isPostponed}, ${agendaItems.sourceNumber}, ${agendaItems.paperId}, ${paper},
    (select ${rowsOf(
      sql`${agendaItemAttachments.id}, ${agendaItemAttachments.position}, ${agendaItemAttachments.title},
      ${agendaItemAttachments.fileName}, ${agendaItemAttachments.fileSha256}`,
      agendaItemAttachments.id,
    )}
      from ${agendaItemAttachments} where ${agendaItemAttachments.agendaItemId} = ${agendaItems.id}),
    (select json_agg(${agendaItemDisqualifications.personId} order by ${agendaItemDisqualifications.personId})
      from ${agendaItemDisqualifications} where ${agendaItemDisqualifications.agendaItemId} = ${agendaItems.id})`;
  const inputs = sql`json_build_array(${meetings.title}, ${epoch(meetings.startsAt)}, ${epoch(meetings.endsAt)},
    ${meetings.caseNumber}, ${organizations.name}, ${locations.description},
    (select ${rowsOf(sql`${memberships.id}, ${memberships.role}, ${memberships.startDate}, ${memberships.endDate}, ${persons.name}`, memberships.id)}
      from ${memberships} inner join ${persons} on ${persons.id} = ${memberships.personId}
      where ${memberships.organizationId} = ${meetings.organizationId}),
    (select ${rowsOf(item, agendaItems.id)} from ${agendaItems} where ${agendaItems.meetingId} = ${meetings.id}),
    (select json_agg(json_build_array(${agendaReleases.version}, ${agendaReleases.lateReason}) order by ${agendaReleases.version})
      from ${agendaReleases} where ${agendaReleases.meetingId} = ${meetings.id} and ${agendaReleases.lateReason} is not null))`;
  return db
    .select({
      meetingId: meetings.id,
      inputKey: sql<string>`md5(${inputs}::text)`,
      /** Members inhabil in an item: each gets a package of their own. */
      disqualifiedPersonIds: sql<
        string[]
      >`coalesce((select json_agg(distinct ${agendaItemDisqualifications.personId})
        from ${agendaItemDisqualifications} inner join ${agendaItems} on ${agendaItems.id} = ${agendaItemDisqualifications.agendaItemId}
        where ${agendaItems.meetingId} = ${meetings.id}), '[]'::json)`,
    })
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .leftJoin(locations, eq(locations.id, meetings.locationId))
    .where(inArray(meetings.id, [...meetingIds]));
}
