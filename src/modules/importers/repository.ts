import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  agendaItemAttachments,
  agendaItems,
  agendaReleases,
  meetings,
} from '../meetings/db-schema';
import { meetingAttendance } from '../minutes/db-schema';
import { bodies, memberships, organizations, persons } from '../organizations/db-schema';
import { paperAttachments, papers, paperSections } from '../papers/db-schema';
import { importSourceKeys } from './db-schema';

export type EntityType = 'organization' | 'person' | 'meeting' | 'agenda_item';
type MeetingInsert = typeof meetings.$inferInsert;
type ItemInsert = typeof agendaItems.$inferInsert;
type PaperInsert = typeof papers.$inferInsert;

/** The lookup key of a source key in the map selectSourceKeys returns. */
export const sourceKeyId = (entityType: EntityType, sourceKey: string) =>
  `${entityType}\u0000${sourceKey}`;
const keyOf = sourceKeyId;

/** Every key one source system has left here, read once per import: (type, key) → id. */
export async function selectSourceKeys(db: Db, sourceSystem: string): Promise<Map<string, string>> {
  const rows = await db
    .select()
    .from(importSourceKeys)
    .where(eq(importSourceKeys.sourceSystem, sourceSystem));
  return new Map(
    rows.map((row) => [keyOf(row.entityType as EntityType, row.sourceKey), row.entityId]),
  );
}

export function sourceKeyLookup(keys: Map<string, string>, type: EntityType, sourceKey: string) {
  return keys.get(keyOf(type, sourceKey));
}

/** Records what a source key became; a key that moved to another row (it was deleted) follows it. */
export async function upsertSourceKey(
  db: Db,
  keys: Map<string, string>,
  values: { sourceSystem: string; sourceKey: string; entityType: EntityType; entityId: string },
): Promise<void> {
  if (keys.get(keyOf(values.entityType, values.sourceKey)) === values.entityId) return;
  await db
    .insert(importSourceKeys)
    .values(values)
    .onConflictDoUpdate({
      target: [
        importSourceKeys.sourceSystem,
        importSourceKeys.sourceKey,
        importSourceKeys.entityType,
      ],
      set: { entityId: values.entityId },
    });
  keys.set(keyOf(values.entityType, values.sourceKey), values.entityId);
}

export async function selectFirstBodyId(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ id: bodies.id })
    .from(bodies)
    .orderBy(asc(bodies.createdAt), asc(bodies.id))
    .limit(1);
  return row?.id;
}

export async function selectOrganizationIdByName(
  db: Db,
  bodyId: string,
  name: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.bodyId, bodyId), eq(organizations.name, name)))
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  return row?.id;
}

export async function selectOrganizationExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row !== undefined;
}

export async function selectPersonIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(sql`lower(${persons.email}) = lower(${email})`)
    .orderBy(asc(persons.createdAt))
    .limit(1);
  return row?.id;
}

export async function selectPersonExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, id));
  return row !== undefined;
}

export async function selectHasMembership(
  db: Db,
  personId: string,
  organizationId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.organizationId, organizationId)))
    .limit(1);
  return row !== undefined;
}

export async function upsertAttendance(
  db: Db,
  values: { meetingId: string; personId: string; status: 'attending' | 'sent_regrets' | 'absent' },
): Promise<void> {
  await db
    .insert(meetingAttendance)
    .values(values)
    .onConflictDoUpdate({
      target: [meetingAttendance.meetingId, meetingAttendance.personId],
      set: { status: values.status, updatedAt: new Date() },
    });
}

export type ImportedMeetingRow = typeof meetings.$inferSelect;

export async function selectMeeting(db: Db, id: string): Promise<ImportedMeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row;
}

export async function insertMeeting(db: Db, values: MeetingInsert): Promise<ImportedMeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  return row!;
}

export async function updateMeeting(
  db: Db,
  id: string,
  values: Partial<MeetingInsert>,
): Promise<void> {
  await db
    .update(meetings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(meetings.id, id));
}

export type ExistingItem = Pick<
  typeof agendaItems.$inferSelect,
  'id' | 'parentId' | 'sourceNumber' | 'paperId' | 'decision'
>;

export async function selectItems(db: Db, meetingId: string): Promise<ExistingItem[]> {
  return db
    .select({
      id: agendaItems.id,
      parentId: agendaItems.parentId,
      sourceNumber: agendaItems.sourceNumber,
      paperId: agendaItems.paperId,
      decision: agendaItems.decision,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
}

type SourceKeyInsert = typeof importSourceKeys.$inferInsert & { entityType: EntityType };

/** One meeting's item rows, collected so each table gets one multi-row statement. */
export type ItemRows = {
  newPapers: Array<PaperInsert & { id: string }>;
  newItems: Array<ItemInsert & { id: string }>;
  paperUpdates: Array<{ id: string; values: Partial<PaperInsert> }>;
  itemUpdates: Array<{ id: string; values: Partial<ItemInsert> }>;
  /** Existing memos and items whose sections and bilag are replaced by the rows below. */
  replacedPaperIds: string[];
  replacedItemIds: string[];
  sections: Array<typeof paperSections.$inferInsert>;
  paperAttachments: Array<typeof paperAttachments.$inferInsert>;
  itemAttachments: Array<typeof agendaItemAttachments.$inferInsert>;
  sourceKeys: SourceKeyInsert[];
};

/**
 * Writes a meeting's items: new memos, then new items (a sub-item may point to an item in the
 * same statement: foreign keys are checked at its end), then the updates, then sections and
 * bilag replaced wholesale, then the source keys.
 */
export async function writeItemRows(db: Db, rows: ItemRows): Promise<void> {
  if (rows.newPapers.length > 0) await db.insert(papers).values(rows.newPapers);
  if (rows.newItems.length > 0) await db.insert(agendaItems).values(rows.newItems);
  const now = new Date();
  for (const { id, values } of rows.paperUpdates) {
    await db
      .update(papers)
      .set({ ...values, updatedAt: now })
      .where(eq(papers.id, id));
  }
  for (const { id, values } of rows.itemUpdates) {
    await db
      .update(agendaItems)
      .set({ ...values, updatedAt: now })
      .where(eq(agendaItems.id, id));
  }
  if (rows.replacedPaperIds.length > 0) {
    await db.delete(paperSections).where(inArray(paperSections.paperId, rows.replacedPaperIds));
    await db
      .delete(paperAttachments)
      .where(inArray(paperAttachments.paperId, rows.replacedPaperIds));
  }
  if (rows.replacedItemIds.length > 0) {
    await db
      .delete(agendaItemAttachments)
      .where(inArray(agendaItemAttachments.agendaItemId, rows.replacedItemIds));
  }
  if (rows.sections.length > 0) await db.insert(paperSections).values(rows.sections);
  if (rows.paperAttachments.length > 0) {
    await db.insert(paperAttachments).values(rows.paperAttachments);
  }
  if (rows.itemAttachments.length > 0) {
    await db.insert(agendaItemAttachments).values(rows.itemAttachments);
  }
  // One statement may not upsert a row twice: an export naming a key twice keeps the last.
  const sourceKeys = [
    ...new Map(rows.sourceKeys.map((key) => [keyOf(key.entityType, key.sourceKey), key])).values(),
  ];
  if (sourceKeys.length > 0) {
    await db
      .insert(importSourceKeys)
      .values(sourceKeys)
      .onConflictDoUpdate({
        target: [
          importSourceKeys.sourceSystem,
          importSourceKeys.sourceKey,
          importSourceKeys.entityType,
        ],
        set: { entityId: sql`excluded.entity_id` },
      });
  }
}

export async function selectLatestRelease(
  db: Db,
  meetingId: string,
): Promise<{ id: string; version: number } | undefined> {
  const [row] = await db
    .select({ id: agendaReleases.id, version: agendaReleases.version })
    .from(agendaReleases)
    .where(eq(agendaReleases.meetingId, meetingId))
    .orderBy(desc(agendaReleases.version))
    .limit(1);
  return row;
}

export async function insertRelease(
  db: Db,
  values: typeof agendaReleases.$inferInsert,
): Promise<void> {
  await db.insert(agendaReleases).values(values);
}

export async function updateReleaseSnapshot(db: Db, id: string, snapshot: unknown): Promise<void> {
  await db.update(agendaReleases).set({ snapshot }).where(eq(agendaReleases.id, id));
}
