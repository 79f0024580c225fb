import { and, asc, desc, eq, inArray, isNotNull, max, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  paperAttachments,
  paperClosedTreatments,
  paperRules,
  papers,
  paperSections,
  paperTemplates,
  paperVersions,
  type PaperSnapshot,
} from './db-schema';

export type PaperRow = typeof papers.$inferSelect;
export type SectionRow = typeof paperSections.$inferSelect;

export async function insertPaper(db: Db, values: typeof papers.$inferInsert): Promise<PaperRow> {
  const [row] = await db.insert(papers).values(values).returning();
  return row!;
}

export async function updatePaper(
  db: Db,
  id: string,
  values: Partial<typeof papers.$inferInsert>,
): Promise<PaperRow> {
  const [row] = await db
    .update(papers)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(papers.id, id))
    .returning();
  return row!;
}

export async function selectPaper(db: Db, id: string): Promise<PaperRow | undefined> {
  const [row] = await db.select().from(papers).where(eq(papers.id, id));
  return row;
}

/**
 * Who reads papers that closed agenda items treat: only those who read closed items (and are
 * not inhabil in the item), and the paper's author. The closed items come from this module's
 * view over the meetings module's agenda tables (paper_closed_treatments in db-schema.ts).
 */
export type ClosedItemReader = {
  readsClosedItems: boolean;
  personId: string | null;
  userId: string | null;
};

function mayReadClosedTreatments(reader: ClosedItemReader) {
  return sql`(${papers.createdByUserId} IS NOT DISTINCT FROM ${reader.userId}::uuid AND ${reader.userId}::uuid IS NOT NULL
    OR NOT EXISTS (
      SELECT 1 FROM ${paperClosedTreatments}
      WHERE ${paperClosedTreatments.paperId} = ${papers.id}
        AND (NOT ${reader.readsClosedItems}
          OR ${reader.personId}::uuid = ANY(${paperClosedTreatments.disqualifiedPersonIds}))))`;
}

/** Whether the reader may read a paper as far as closed agenda items are concerned. */
export async function mayReadPaperInClosedItems(
  db: Db,
  paperId: string,
  reader: ClosedItemReader,
): Promise<boolean> {
  const [row] = await db
    .select({ id: papers.id })
    .from(papers)
    .where(and(eq(papers.id, paperId), mayReadClosedTreatments(reader)));
  return row !== undefined;
}

export type PaperHeading = Pick<
  PaperRow,
  'id' | 'title' | 'caseOfficers' | 'approvedVersion' | 'organizationId'
>;

export async function selectPaperHeadings(db: Db, ids: readonly string[]): Promise<PaperHeading[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: papers.id,
      title: papers.title,
      caseOfficers: papers.caseOfficers,
      approvedVersion: papers.approvedVersion,
      organizationId: papers.organizationId,
    })
    .from(papers)
    .where(inArray(papers.id, [...ids]));
}

/** Papers, newest first, limited by organization and status lists when given. */
export async function selectPapers(
  db: Db,
  filter: {
    organizationIds?: readonly string[];
    statuses?: ReadonlyArray<PaperRow['status']>;
    /** Also papers with an approved version, even while their author corrects them. */
    orApproved?: boolean;
    /** Leave out papers treated in closed items this reader may not read (see closedTreatmentCondition). */
    closedItemReader?: ClosedItemReader;
  },
): Promise<PaperRow[]> {
  if (filter.organizationIds?.length === 0 || filter.statuses?.length === 0) return [];
  return db
    .select()
    .from(papers)
    .where(
      and(
        filter.organizationIds
          ? inArray(papers.organizationId, [...filter.organizationIds])
          : undefined,
        filter.statuses
          ? filter.orApproved
            ? or(inArray(papers.status, [...filter.statuses]), isNotNull(papers.approvedVersion))
            : inArray(papers.status, [...filter.statuses])
          : undefined,
        filter.closedItemReader ? mayReadClosedTreatments(filter.closedItemReader) : undefined,
      ),
    )
    .orderBy(desc(papers.updatedAt), asc(papers.id));
}

/** Papers by id, in one query. */
export async function selectPapersByIds(db: Db, ids: readonly string[]): Promise<PaperRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(papers)
    .where(inArray(papers.id, [...ids]));
}

/** The sections of several papers in one query, each paper's in order. */
export async function selectSectionsOfPapers(
  db: Db,
  paperIds: readonly string[],
): Promise<SectionRow[]> {
  if (paperIds.length === 0) return [];
  return db
    .select()
    .from(paperSections)
    .where(inArray(paperSections.paperId, [...paperIds]))
    .orderBy(asc(paperSections.paperId), asc(paperSections.position));
}

export async function selectSections(db: Db, paperId: string): Promise<SectionRow[]> {
  return db
    .select()
    .from(paperSections)
    .where(eq(paperSections.paperId, paperId))
    .orderBy(asc(paperSections.position));
}

export async function replaceSections(
  db: Db,
  paperId: string,
  sections: ReadonlyArray<{ heading: string; html: string }>,
): Promise<SectionRow[]> {
  await db.delete(paperSections).where(eq(paperSections.paperId, paperId));
  if (sections.length === 0) return [];
  return db
    .insert(paperSections)
    .values(sections.map((section, index) => ({ ...section, paperId, position: index + 1 })))
    .returning();
}

export async function selectTemplateHeadings(
  db: Db,
  organizationId: string,
): Promise<string[] | undefined> {
  const [row] = await db
    .select({ headings: paperTemplates.headings })
    .from(paperTemplates)
    .where(eq(paperTemplates.organizationId, organizationId));
  return row?.headings;
}

export async function upsertTemplateHeadings(
  db: Db,
  organizationId: string,
  headings: readonly string[],
): Promise<void> {
  await db
    .insert(paperTemplates)
    .values({ organizationId, headings: [...headings] })
    .onConflictDoUpdate({
      target: paperTemplates.organizationId,
      set: { headings: [...headings], updatedAt: sql`now()` },
    });
}

export type VersionRow = typeof paperVersions.$inferSelect;

/** Appends the next version (numbered 1, 2, … per paper). */
export async function insertVersion(
  db: Db,
  values: { paperId: string; snapshot: PaperSnapshot; actorLabel: string },
): Promise<VersionRow> {
  const [last] = await db
    .select({ number: max(paperVersions.number) })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, values.paperId));
  const [row] = await db
    .insert(paperVersions)
    .values({ ...values, number: (last?.number ?? 0) + 1 })
    .returning();
  return row!;
}

export async function selectVersions(db: Db, paperId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paperId))
    .orderBy(desc(paperVersions.number));
}

export async function selectVersion(
  db: Db,
  paperId: string,
  number: number,
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(paperVersions)
    .where(and(eq(paperVersions.paperId, paperId), eq(paperVersions.number, number)));
  return row;
}

export type PaperAttachmentRow = typeof paperAttachments.$inferSelect;

export async function selectAttachments(db: Db, paperId: string): Promise<PaperAttachmentRow[]> {
  return db
    .select()
    .from(paperAttachments)
    .where(eq(paperAttachments.paperId, paperId))
    .orderBy(asc(paperAttachments.position));
}

/** The bilag of several papers in one query, each paper's in order. */
export async function selectAttachmentsOfPapers(
  db: Db,
  paperIds: readonly string[],
): Promise<PaperAttachmentRow[]> {
  if (paperIds.length === 0) return [];
  return db
    .select()
    .from(paperAttachments)
    .where(inArray(paperAttachments.paperId, [...paperIds]))
    .orderBy(asc(paperAttachments.paperId), asc(paperAttachments.position));
}

export async function selectAttachment(
  db: Db,
  id: string,
): Promise<PaperAttachmentRow | undefined> {
  const [row] = await db.select().from(paperAttachments).where(eq(paperAttachments.id, id));
  return row;
}

export async function insertAttachment(
  db: Db,
  values: Omit<typeof paperAttachments.$inferInsert, 'position'>,
): Promise<void> {
  const [last] = await db
    .select({ position: max(paperAttachments.position) })
    .from(paperAttachments)
    .where(eq(paperAttachments.paperId, values.paperId));
  await db.insert(paperAttachments).values({ ...values, position: (last?.position ?? 0) + 1 });
}

export async function updateAttachmentTitle(db: Db, id: string, title: string): Promise<void> {
  await db
    .update(paperAttachments)
    .set({ title, updatedAt: new Date() })
    .where(eq(paperAttachments.id, id));
}

export async function deleteAttachment(db: Db, id: string): Promise<void> {
  await db.delete(paperAttachments).where(eq(paperAttachments.id, id));
}

/**
 * Numbers a paper's bilag 1..n in the given order. Two statements, because PostgreSQL checks
 * the unique position per row: first out of the way (negative), then into place.
 */
export async function setAttachmentOrder(
  db: Db,
  paperId: string,
  orderedIds: readonly string[],
): Promise<void> {
  if (orderedIds.length === 0) return;
  await db
    .update(paperAttachments)
    .set({ position: sql`-${paperAttachments.position}` })
    .where(eq(paperAttachments.paperId, paperId));
  const cases = sql.join(
    orderedIds.map((id, index) => sql`WHEN ${id}::uuid THEN ${index + 1}::integer`),
    sql` `,
  );
  await db
    .update(paperAttachments)
    .set({ position: sql`CASE ${paperAttachments.id} ${cases} END`, updatedAt: new Date() })
    .where(
      and(eq(paperAttachments.paperId, paperId), inArray(paperAttachments.id, [...orderedIds])),
    );
}

export type PaperRulesRow = typeof paperRules.$inferSelect;

export async function selectPaperRules(
  db: Db,
  organizationId: string,
): Promise<PaperRulesRow | undefined> {
  const [row] = await db
    .select()
    .from(paperRules)
    .where(eq(paperRules.organizationId, organizationId));
  return row;
}

export async function upsertPaperRules(
  db: Db,
  values: Omit<typeof paperRules.$inferInsert, 'createdAt' | 'updatedAt'>,
): Promise<void> {
  const { organizationId, ...rest } = values;
  await db
    .insert(paperRules)
    .values(values)
    .onConflictDoUpdate({
      target: paperRules.organizationId,
      set: { ...rest, updatedAt: sql`now()` },
    });
}

/** The number of a paper's newest version (every save makes one, so there always is one). */
export async function selectLatestVersionNumber(db: Db, paperId: string): Promise<number> {
  const [row] = await db
    .select({ number: max(paperVersions.number) })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paperId));
  return row?.number ?? 0;
}
