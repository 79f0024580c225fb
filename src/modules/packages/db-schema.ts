import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from '../files/db-schema';
import { meetings } from '../meetings/db-schema';
import { persons } from '../organizations/db-schema';

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
