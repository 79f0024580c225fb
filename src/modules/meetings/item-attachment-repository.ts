import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { agendaItemAttachments, meetingStoredFiles } from './db-schema';

/** One of the item's own bilag, with its stored file's facts when it has a file. */
export type ItemAttachmentRow = {
  id: string;
  agendaItemId: string;
  position: number;
  title: string;
  fileName: string | null;
  fileSha256: string | null;
  mediaType: string | null;
  byteSize: number | null;
  pageCount: number | null;
};

const columns = {
  id: agendaItemAttachments.id,
  agendaItemId: agendaItemAttachments.agendaItemId,
  position: agendaItemAttachments.position,
  title: agendaItemAttachments.title,
  fileName: agendaItemAttachments.fileName,
  fileSha256: agendaItemAttachments.fileSha256,
  mediaType: meetingStoredFiles.mediaType,
  byteSize: meetingStoredFiles.byteSize,
  pageCount: meetingStoredFiles.pageCount,
};

/** The item's own bilag in order (the paper's bilag are listed with the paper). */
export async function selectItemAttachments(db: Db, itemId: string): Promise<ItemAttachmentRow[]> {
  return db
    .select(columns)
    .from(agendaItemAttachments)
    .leftJoin(meetingStoredFiles, eq(meetingStoredFiles.sha256, agendaItemAttachments.fileSha256))
    .where(eq(agendaItemAttachments.agendaItemId, itemId))
    .orderBy(asc(agendaItemAttachments.position));
}

export async function insertItemAttachment(
  db: Db,
  values: { agendaItemId: string; title: string; fileName: string; fileSha256: string },
): Promise<void> {
  const [last] = await db
    .select({ position: max(agendaItemAttachments.position) })
    .from(agendaItemAttachments)
    .where(eq(agendaItemAttachments.agendaItemId, values.agendaItemId));
  await db.insert(agendaItemAttachments).values({ ...values, position: (last?.position ?? 0) + 1 });
}

export async function updateItemAttachment(
  db: Db,
  id: string,
  values: { title?: string; fileName?: string; fileSha256?: string },
): Promise<void> {
  await db
    .update(agendaItemAttachments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(agendaItemAttachments.id, id));
}

export async function deleteItemAttachment(db: Db, id: string): Promise<void> {
  await db.delete(agendaItemAttachments).where(eq(agendaItemAttachments.id, id));
}

/**
 * Numbers the item's bilag 1..n in the given order. Two statements, because PostgreSQL checks
 * the unique position per row: first out of the way (negative), then into place.
 */
export async function setItemAttachmentOrder(
  db: Db,
  itemId: string,
  orderedIds: readonly string[],
): Promise<void> {
  if (orderedIds.length === 0) return;
  await db
    .update(agendaItemAttachments)
    .set({ position: sql`-${agendaItemAttachments.position}` })
    .where(eq(agendaItemAttachments.agendaItemId, itemId));
  const cases = sql.join(
    orderedIds.map((id, index) => sql`WHEN ${id}::uuid THEN ${index + 1}::integer`),
    sql` `,
  );
  await db
    .update(agendaItemAttachments)
    .set({ position: sql`CASE ${agendaItemAttachments.id} ${cases} END`, updatedAt: new Date() })
    .where(
      and(
        eq(agendaItemAttachments.agendaItemId, itemId),
        sql`${agendaItemAttachments.id} IN ${[...orderedIds]}`,
      ),
    );
}
