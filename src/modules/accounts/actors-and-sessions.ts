import type { SessionStore } from '@fastify/session';
import { type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { toLocalDate } from '../../platform/i18n/format';
import * as repo from './repository';
import { tokenPrefix, hashToken } from './api-tokens';

function toActor(row: repo.ActorRow, requestId: string): Actor {
  const { user, organizationIds, meetingIds } = row;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    personId: user.personId,
    organizationIds,
    meetingIds,
    requestId,
  };
}

export async function actorForUser(
  tx: Db,
  userId: string,
  requestId: string,
): Promise<Actor | undefined> {
  const row = await repo.selectActorRow(tx, userId, toLocalDate(new Date()));
  return row ? toActor(row, requestId) : undefined;
}

export async function actorForToken(
  tx: Db,
  token: string,
  requestId: string,
): Promise<Actor | undefined> {
  if (!token.startsWith(tokenPrefix)) return undefined;
  const now = new Date();
  const row = await repo.selectActorRowByTokenHash(tx, hashToken(token), now, toLocalDate(now));
  return row ? toActor(row, requestId) : undefined;
}

const defaultSessionLifetimeMs = 8 * 60 * 60 * 1000;

/** @fastify/session store on the sessions table, so sessions survive restarts. */
export function createSessionStore(getDb: () => Db): SessionStore {
  return {
    get(sessionId, callback) {
      repo.selectSession(getDb(), sessionId, new Date()).then(
        (data) => callback(null, (data ?? null) as never),
        (error: unknown) => callback(error as Error),
      );
    },
    set(sessionId, session, callback) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires) : undefined;
      const expiresAt = expires ?? new Date(Date.now() + defaultSessionLifetimeMs);
      repo.upsertSession(getDb(), sessionId, JSON.parse(JSON.stringify(session)), expiresAt).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
    destroy(sessionId, callback) {
      repo.deleteSession(getDb(), sessionId).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
  };
}

/** Sessions past their expiry are useless; removing them keeps the table small. */
export function purgeExpiredSessions(tx: Db): Promise<void> {
  return repo.deleteExpiredSessions(tx);
}
