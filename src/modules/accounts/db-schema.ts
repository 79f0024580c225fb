import { ne } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  pgView,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { isNotNull } from 'drizzle-orm';
import { roles } from '../../platform/auth/roles';
import { meetingAttendance } from '../minutes/db-schema';
import { memberships, persons } from '../organizations/db-schema';

export const userRole = pgEnum('user_role', roles);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: userRole('role').notNull(),
  passwordHash: text('password_hash'),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  /** The OpenID Connect subject ("sub") of a user who signs in through single sign-on. */
  oidcSubject: text('oidc_subject').unique(),
  /**
   * When the user last set their password. A session signed in before it is not valid, even if
   * its row reappears (a request in flight on it saves the session after the change deleted it).
   */
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
  /** A deactivated user cannot sign in (password, single sign-on or token) and has no sessions. */
  deactivatedAt: timestamp('deactivated_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Server-side sessions for @fastify/session; the cookie holds only the signed id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('sessions_expires_at_idx').on(table.expiresAt)],
);

/**
 * Personal API tokens. Only a SHA-256 hash is stored; the token is shown once. A revoked token
 * is deleted: the audit log keeps who made and revoked it, and no lookup has to skip revoked rows.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // A user's tokens are listed on their page and all revoked at a password change.
  (table) => [index('api_tokens_user_id_idx').on(table.userId)],
);

/**
 * One-time links that let an invited user set their password. Only a SHA-256 hash of the token is
 * stored; a link is used once (usedAt) and expires. A new invitation replaces the user's old ones.
 */
export const userInvitations = pgTable(
  'user_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('user_invitations_user_id_idx').on(table.userId)],
);

/**
 * Login attempts per account ("account:<e-mail>") and per address ("address:<ip>"), in the
 * database so that every app instance counts the same attempts (see login-throttle.ts). An
 * attempt counts as a failure from the moment it starts; a successful one is taken back.
 */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  /**
   * Whether the attempt that last counted found the key locked. The counting upsert records its
   * own verdict here because RETURNING shows only the new row (PostgreSQL 15 has no OLD), and the
   * verdict must come from the same statement that counts, or parallel attempts slip through.
   */
  lastAttemptRefused: boolean('last_attempt_refused').notNull().default(false),
});

/**
 * Which organizations a person is a member of and when: the organizations module's memberships,
 * read by the signed-in actor's query, which runs on every request and so stays one query.
 */
export const actorMemberships = pgView('actor_memberships').as((qb) =>
  qb
    .select({
      personId: memberships.personId,
      organizationId: memberships.organizationId,
      startDate: memberships.startDate,
      endDate: memberships.endDate,
    })
    .from(memberships)
    // A substitute membership alone gives no access: a substitute is called in per meeting.
    .where(ne(memberships.role, 'substitute')),
);

/**
 * The meetings a person is called in to as stedfortræder: minutes' attendance rows naming whom
 * they stand in for. Read by the actor's query, so a substitute sees that one meeting as a member.
 */
export const actorMeetingGrants = pgView('actor_meeting_grants').as((qb) =>
  qb
    .select({
      personId: meetingAttendance.personId,
      meetingId: meetingAttendance.meetingId,
    })
    .from(meetingAttendance)
    .where(isNotNull(meetingAttendance.substituteForPersonId)),
);
