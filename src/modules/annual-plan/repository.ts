import { and, asc, eq, gte, inArray, isNotNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  annualPlanTopicItems,
  annualPlanTopics,
  plannedTreatments,
  planOrganizations,
  planPapers,
} from './db-schema';

export type TopicRow = typeof annualPlanTopics.$inferSelect;
export type TreatmentRow = typeof plannedTreatments.$inferSelect;

/** Topics of an organization planned for a year: that year's own and the yearly ones begun by then. */
export async function selectTopicsForYear(
  db: Db,
  organizationId: string,
  year: number,
): Promise<TopicRow[]> {
  return db
    .select()
    .from(annualPlanTopics)
    .where(
      and(
        eq(annualPlanTopics.organizationId, organizationId),
        or(
          eq(annualPlanTopics.year, year),
          and(eq(annualPlanTopics.recursYearly, true), lte(annualPlanTopics.year, year)),
        ),
      ),
    )
    .orderBy(asc(annualPlanTopics.month), asc(annualPlanTopics.title));
}

export async function selectTopic(db: Db, id: string): Promise<TopicRow | undefined> {
  const [row] = await db.select().from(annualPlanTopics).where(eq(annualPlanTopics.id, id));
  return row;
}

export async function insertTopic(
  db: Db,
  values: typeof annualPlanTopics.$inferInsert,
): Promise<TopicRow> {
  const [row] = await db.insert(annualPlanTopics).values(values).returning();
  return row!;
}

export async function updateTopic(
  db: Db,
  id: string,
  values: Partial<typeof annualPlanTopics.$inferInsert>,
): Promise<TopicRow> {
  const [row] = await db
    .update(annualPlanTopics)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(annualPlanTopics.id, id))
    .returning();
  return row!;
}

export async function deleteTopic(db: Db, id: string): Promise<void> {
  await db.delete(annualPlanTopics).where(eq(annualPlanTopics.id, id));
}

/** Of the given topics, those already put on an agenda for the year. */
export async function selectTopicIdsOnAgenda(
  db: Db,
  topicIds: readonly string[],
  year: number,
): Promise<Set<string>> {
  if (topicIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ topicId: annualPlanTopicItems.topicId })
    .from(annualPlanTopicItems)
    .where(
      and(
        inArray(annualPlanTopicItems.topicId, [...topicIds]),
        eq(annualPlanTopicItems.year, year),
      ),
    );
  return new Set(rows.map((row) => row.topicId));
}

export async function insertTopicItem(
  db: Db,
  values: typeof annualPlanTopicItems.$inferInsert,
): Promise<void> {
  await db.insert(annualPlanTopicItems).values(values);
}

export type TreatmentView = TreatmentRow & {
  organizationName: string;
  organizationClassification: (typeof planOrganizations.$inferSelect)['classification'];
};

const treatmentColumns = {
  treatment: plannedTreatments,
  organizationName: planOrganizations.name,
  organizationClassification: planOrganizations.classification,
};

const toTreatmentView = (row: {
  treatment: TreatmentRow;
  organizationName: string;
  organizationClassification: TreatmentView['organizationClassification'];
}): TreatmentView => ({
  ...row.treatment,
  organizationName: row.organizationName,
  organizationClassification: row.organizationClassification,
});

/** A paper's planned treatments in date order. */
export async function selectTreatments(db: Db, paperId: string): Promise<TreatmentView[]> {
  const rows = await db
    .select(treatmentColumns)
    .from(plannedTreatments)
    .innerJoin(planOrganizations, eq(planOrganizations.id, plannedTreatments.organizationId))
    .where(eq(plannedTreatments.paperId, paperId))
    .orderBy(asc(plannedTreatments.plannedDate), asc(plannedTreatments.createdAt));
  return rows.map(toTreatmentView);
}

export async function selectTreatment(db: Db, id: string): Promise<TreatmentRow | undefined> {
  const [row] = await db.select().from(plannedTreatments).where(eq(plannedTreatments.id, id));
  return row;
}

export async function insertTreatment(
  db: Db,
  values: typeof plannedTreatments.$inferInsert,
): Promise<TreatmentRow> {
  const [row] = await db.insert(plannedTreatments).values(values).returning();
  return row!;
}

export async function deleteTreatment(db: Db, id: string): Promise<void> {
  await db.delete(plannedTreatments).where(eq(plannedTreatments.id, id));
}

export type CaseToCouncilRow = TreatmentView & {
  paperTitle: string;
  paperCaseNumber: string | null;
};

export type CasesToCouncilFilter = {
  from: string;
  /** Papers of these organizations only; undefined means every organization. */
  paperOrganizationIds: readonly string[] | undefined;
  /** Only papers past the secretariat (released, or with an approved version). */
  releasedOnly: boolean;
};

const releasedStatuses = ['approved', 'on_agenda', 'treated'] as const;

/** The "Sager på vej til byrådet" query, separate so its SQL is pinned by a test. */
export function casesToCouncilQuery(db: Db, filter: CasesToCouncilFilter) {
  return db
    .select({
      ...treatmentColumns,
      paperTitle: planPapers.title,
      paperCaseNumber: planPapers.caseNumber,
    })
    .from(plannedTreatments)
    .innerJoin(planOrganizations, eq(planOrganizations.id, plannedTreatments.organizationId))
    .innerJoin(planPapers, eq(planPapers.id, plannedTreatments.paperId))
    .where(
      and(
        inArray(planOrganizations.classification, ['magistrat', 'byraad']),
        gte(plannedTreatments.plannedDate, filter.from),
        filter.paperOrganizationIds
          ? inArray(planPapers.organizationId, [...filter.paperOrganizationIds])
          : undefined,
        filter.releasedOnly
          ? or(
              inArray(planPapers.status, [...releasedStatuses]),
              isNotNull(planPapers.approvedVersion),
            )
          : undefined,
      ),
    )
    .orderBy(asc(plannedTreatments.plannedDate), asc(planPapers.title), asc(plannedTreatments.id));
}

/** Papers with a planned treatment in the magistrat or the city council from a date on. */
export async function selectCasesToCouncil(
  db: Db,
  filter: CasesToCouncilFilter,
): Promise<CaseToCouncilRow[]> {
  if (filter.paperOrganizationIds !== undefined && filter.paperOrganizationIds.length === 0)
    return [];
  const rows = await casesToCouncilQuery(db, filter);
  return rows.map((row) => ({
    ...toTreatmentView(row),
    paperTitle: row.paperTitle,
    paperCaseNumber: row.paperCaseNumber,
  }));
}
