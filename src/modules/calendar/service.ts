import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import { actorForUser } from '../accounts/index';
import { getMeetingDetail, listMeetings } from '../meetings/index';
import { meetingEvent, writeCalendar } from './ics';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

const tokenPrefix = 'dgk_';
/** The prefix and 32 random bytes in base64url: what a feed URL may carry. */
const tokenPattern = /^dgk_[A-Za-z0-9_-]{43}$/;

/** How far back the personal feed reaches, and how many meetings it lists at most. */
const feedDaysBack = 30;
const feedMaxMeetings = 500;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function feedPath(token: string): string {
  return `/kalender/feed/${token}.ics`;
}

/** The URL with a feed token replaced by "…", for logs: the token is a credential. */
export function maskFeedToken(url: string): string {
  return url.replace(/^\/kalender\/feed\/[^/?#]+/, '/kalender/feed/…');
}

/** The iCalendar file for one meeting, as the actor may see it (404 when not visible). */
export async function meetingCalendar({
  options,
  ...ctx
}: ServiceContext & { options: { meetingId: string; baseUrl: string } }): Promise<{
  ics: string;
  fileName: string;
}> {
  const detail = await getMeetingDetail({ ...ctx, meetingId: options.meetingId });
  return {
    // No calendar name: some clients would open a named file as a calendar of its own.
    ics: writeCalendar({ events: [meetingEvent(detail, options.baseUrl)] }),
    fileName: `moede-${toLocalDate(detail.meeting.startsAt)}.ics`,
  };
}

export type FeedStatus = { createdAt: Date; lastUsedAt: Date | null };

/** Whether the signed-in user has a feed, and when it was made and last fetched. */
export async function getFeedStatus({
  actor,
  tx,
}: ServiceContext): Promise<FeedStatus | undefined> {
  if (actor.kind !== 'user' || !can(actor, 'calendarFeed.createOwn')) return undefined;
  const row = await repo.selectFeedToken(tx, actor.userId);
  return row ? { createdAt: row.createdAt, lastUsedAt: row.lastUsedAt } : undefined;
}

/**
 * Creates the user's secret feed token, replacing (and so revoking) any earlier one. Only its
 * SHA-256 is stored, like personal API tokens: the token is returned once for the URL.
 */
export async function createFeedToken({ actor, tx }: WriteContext): Promise<string> {
  if (actor.kind !== 'user' || !can(actor, 'calendarFeed.createOwn')) {
    throw new AppError('FORBIDDEN');
  }
  const before = await repo.selectFeedToken(tx, actor.userId);
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  const row = await repo.upsertFeedToken(tx, actor.userId, hashToken(token));
  await recordAudit(tx, {
    actor,
    action: before ? 'calendarFeed.regenerate' : 'calendarFeed.create',
    entityType: 'calendarFeed',
    entityId: actor.userId,
    // Never the hash: the audit log says when, not what.
    before: before ? { createdAt: before.createdAt } : undefined,
    after: { createdAt: row.createdAt },
  });
  return token;
}

/**
 * The personal feed behind a token: the meetings its user may see now (as the meeting list
 * shows them) from 30 days back, closed items redacted for that user's role. An unknown or
 * replaced token, or a user who is gone, is NOT_FOUND.
 */
export async function feedCalendar(
  tx: Db,
  options: { token: string; baseUrl: string; requestId: string },
): Promise<string> {
  if (!tokenPattern.test(options.token)) throw new AppError('NOT_FOUND');
  const userId = await repo.touchFeedToken(tx, hashToken(options.token));
  const actor = userId ? await actorForUser(tx, userId, options.requestId) : undefined;
  if (!actor || !can(actor, 'calendarFeed.createOwn')) throw new AppError('NOT_FOUND');
  const from = toLocalDate(new Date(Date.now() - feedDaysBack * 24 * 60 * 60_000));
  const meetings = (await listMeetings({ actor, tx, filter: { from } })).slice(0, feedMaxMeetings);
  const events = [];
  for (const meeting of meetings) {
    events.push(
      meetingEvent(await getMeetingDetail({ actor, tx, meetingId: meeting.id }), options.baseUrl),
    );
  }
  return writeCalendar({ name: da.calendar.feedName, events, refreshMinutes: 60 });
}
