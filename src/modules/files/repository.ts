import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { storedFiles } from './db-schema';

export type StoredFileRow = typeof storedFiles.$inferSelect;

/** Records a stored file; a file already known (same hash) is left as it is. */
export async function insertStoredFile(
  db: Db,
  values: typeof storedFiles.$inferInsert,
): Promise<void> {
  await db.insert(storedFiles).values(values).onConflictDoNothing();
}

export async function selectStoredFile(db: Db, sha256: string): Promise<StoredFileRow | undefined> {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256));
  return row;
}

export type StoredFileFacts = Pick<
  StoredFileRow,
  'sha256' | 'mediaType' | 'byteSize' | 'pageCount'
>;

export async function selectStoredFileFacts(
  db: Db,
  sha256s: readonly string[],
): Promise<StoredFileFacts[]> {
  if (sha256s.length === 0) return [];
  return db
    .select({
      sha256: storedFiles.sha256,
      mediaType: storedFiles.mediaType,
      byteSize: storedFiles.byteSize,
      pageCount: storedFiles.pageCount,
    })
    .from(storedFiles)
    .where(sql`${storedFiles.sha256} IN ${[...sha256s]}`);
}

/** The text extracted from stored files, by hash. */
export async function selectExtractedTexts(
  db: Db,
  sha256s: readonly string[],
): Promise<Map<string, string>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db
    .select({ sha256: storedFiles.sha256, text: storedFiles.extractedText })
    .from(storedFiles)
    .where(sql`${storedFiles.sha256} IN ${[...sha256s]}`);
  return new Map(rows.map((row) => [row.sha256, row.text]));
}
