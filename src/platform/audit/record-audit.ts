import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { actorLabel, actorUserId, type Actor } from '../auth/policy';
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';
import { auditEvents } from './db-schema';

export type AuditEntry = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Records one write. Call it with the transaction that makes the write, so both land or neither. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: actorUserId(entry.actor),
    actorLabel: actorLabel(entry.actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: entry.actor.requestId ?? null,
  });
}

export type AuditEvent = typeof auditEvents.$inferSelect;

/** Newest first; pass the last id seen as `beforeId` for the next page. */
export async function listAuditEvents(
  db: Db,
  options: { limit: number; beforeId?: number },
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(options.beforeId === undefined ? undefined : lt(auditEvents.id, options.beforeId))
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
}

/** One entity's events, oldest first (an agenda item's history on its page). */
export async function listEntityAuditEvents(
  db: Db,
  entityType: string,
  entityId: string,
): Promise<Array<Pick<AuditEvent, 'id' | 'at' | 'actorLabel' | 'action'>>> {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.id));
}

/** Dates become ISO strings and undefined becomes null, as they would in JSON anyway. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
