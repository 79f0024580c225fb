import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/db-schema';

/**
 * When each user last looked at the start page, so it can list what changed since. Visits close
 * together count as one (see start-page.ts), so a reload does not empty "since my last visit".
 */
export const startPageVisits = pgTable('start_page_visits', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The visit the page now compares with: "changes since" this. */
  previousSeenAt: timestamp('previous_seen_at', { withTimezone: true, mode: 'date' }),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
});
