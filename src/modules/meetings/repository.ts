import { and, asc, desc, eq, gte, inArray, isNull, lt, max, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import {
  agendaItemAttachments,
  agendaItems,
  meetings,
  meetingTemplateItems,
  meetingTemplates,
  agendaItemDisqualifications,
  agendaReleases,
  followUps,
  meetingLocations,
  meetingOrganizations,
  meetingPersons,
} from './db-schema';

export type MeetingRow = typeof meetings.$inferSelect;
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AttachmentRow = typeof agendaItemAttachments.$inferSelect;
export type TemplateRow = typeof meetingTemplates.$inferSelect;
export type TemplateItemRow = typeof meetingTemplateItems.$inferSelect;

export type MeetingSummaryRow = MeetingRow & {
  organizationName: string;
  locationDescription: string | null;
};

const meetingSummaryColumns = {
  meeting: meetings,
  organizationName: meetingOrganizations.name,
  locationDescription: meetingLocations.description,
};

export type MeetingFilter = {
  from?: Date;
  to?: Date;
  organizationIds?: readonly string[];
  /** Meetings seen beside those of `organizationIds` (a stedfortræder's). */
  alsoMeetingIds?: readonly string[];
};

/** The list query, separate so its SQL is pinned by a test (repository.test.ts). */
export function meetingsQuery(db: Db, filter: MeetingFilter) {
  return db
    .select(meetingSummaryColumns)
    .from(meetings)
    .innerJoin(meetingOrganizations, eq(meetingOrganizations.id, meetings.organizationId))
    .leftJoin(meetingLocations, eq(meetingLocations.id, meetings.locationId))
    .where(
      and(
        filter.from ? gte(meetings.startsAt, filter.from) : undefined,
        filter.to ? lt(meetings.startsAt, filter.to) : undefined,
        filter.organizationIds
          ? visibleTo(filter.organizationIds, filter.alsoMeetingIds)
          : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}

function visibleTo(organizationIds: readonly string[], meetingIds: readonly string[] = []) {
  const ofOrganizations = inArray(meetings.organizationId, [...organizationIds]);
  if (meetingIds.length === 0) return ofOrganizations;
  if (organizationIds.length === 0) return inArray(meetings.id, [...meetingIds]);
  return or(ofOrganizations, inArray(meetings.id, [...meetingIds]));
}

/** Meetings starting in [from, to), limited to the given organizations when a list is given. */
export async function selectMeetings(db: Db, filter: MeetingFilter): Promise<MeetingSummaryRow[]> {
  if (filter.organizationIds?.length === 0 && !filter.alsoMeetingIds?.length) return [];
  const rows = await meetingsQuery(db, filter);
  return rows.map(toSummary);
}

export type SecretariatContact = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
};

/** One meeting with organization, place and secretariat contact, in one query. */
export async function selectMeetingWithContact(
  db: Db,
  id: string,
): Promise<{ meeting: MeetingSummaryRow; contact: SecretariatContact | null } | undefined> {
  const [row] = await db
    .select({
      ...meetingSummaryColumns,
      contactName: meetingPersons.name,
      contactEmail: meetingPersons.email,
      contactPhone: meetingPersons.phone,
    })
    .from(meetings)
    .innerJoin(meetingOrganizations, eq(meetingOrganizations.id, meetings.organizationId))
    .leftJoin(meetingLocations, eq(meetingLocations.id, meetings.locationId))
    .leftJoin(meetingPersons, eq(meetingPersons.id, meetings.secretariatContactId))
    .where(eq(meetings.id, id));
  if (!row) return undefined;
  const contactId = row.meeting.secretariatContactId;
  return {
    meeting: toSummary(row),
    contact:
      contactId && row.contactName !== null
        ? { id: contactId, name: row.contactName, email: row.contactEmail, phone: row.contactPhone }
        : null,
  };
}

function toSummary(row: {
  meeting: MeetingRow;
  organizationName: string;
  locationDescription: string | null;
}): MeetingSummaryRow {
  return {
    ...row.meeting,
    organizationName: row.organizationName,
    locationDescription: row.locationDescription,
  };
}

export async function selectMeeting(db: Db, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row;
}

/** The meetings with these ids, in one query; unknown ids are left out. */
export async function selectMeetingsByIds(db: Db, ids: readonly string[]): Promise<MeetingRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(inArray(meetings.id, [...new Set(ids)]));
}

export async function insertMeeting(
  db: Db,
  values: typeof meetings.$inferInsert,
): Promise<MeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  return row!;
}

export async function updateMeeting(
  db: Db,
  id: string,
  values: Partial<typeof meetings.$inferInsert>,
): Promise<MeetingRow> {
  const [row] = await db
    .update(meetings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(meetings.id, id))
    .returning();
  return row!;
}

export async function deleteMeeting(db: Db, id: string): Promise<void> {
  await db.delete(meetings).where(eq(meetings.id, id));
}

/**
 * A bilag as an agenda lists it: the linked paper's bilag first (with their files), then any
 * the secretary listed on the item itself; `position` is the number on this item (Bilag 1, 2 …).
 */
/** A follow-up as the item lists it; `overdue` is derived by whoever presents it. */
export type ItemFollowUp = {
  id: string;
  text: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  status: 'open' | 'done';
};

export type AttachmentSummary = {
  id: string;
  position: number;
  title: string;
  fileName: string | null;
  mediaType: string | null;
  /** The stored file's key, for those who assemble documents from it. */
  sha256: string | null;
  fromPaper: boolean;
};

/** A meeting's items, each with its attachments (as JSON), in one query. */
export async function selectItemsWithAttachments(
  db: Db,
  meetingId: string,
): Promise<
  Array<
    AgendaItemRow & {
      attachments: AttachmentSummary[];
      disqualifiedPersonIds: string[];
      followUps: ItemFollowUp[];
    }
  >
> {
  const rows = await db
    .select({
      item: agendaItems,
      // Spelled out: Drizzle renders a column of the outer table unqualified inside sql``,
      // where it would resolve to the subquery's own id.
      attachments: sql<AttachmentSummary[]>`coalesce((
        select json_agg(json_build_object('id', x.id, 'position', x.number, 'title', x.title,
          'fileName', x.file_name, 'mediaType', x.media_type, 'sha256', x.file_sha256,
          'fromPaper', x.source = 0) order by x.number)
        from (
          select a.*, row_number() over (order by a.source, a.position) as number from (
            select 0 as source, pa.position, pa.id, pa.title, pa.file_name, pa.media_type, pa.file_sha256
            from meeting_paper_attachments pa
            where pa.paper_id = agenda_items.paper_id
            union all
            select 1, ia.position, ia.id, ia.title, ia.file_name, f.media_type, ia.file_sha256
            from agenda_item_attachments ia
            left join meeting_stored_files f on f.sha256 = ia.file_sha256
            where ia.agenda_item_id = agenda_items.id
          ) a
        ) x), '[]'::json)`,
      disqualifiedPersonIds: sql<string[]>`coalesce((
        select json_agg(d.person_id order by d.person_id) from agenda_item_disqualifications d
        where d.agenda_item_id = agenda_items.id), '[]'::json)`,
      followUps: sql<ItemFollowUp[]>`coalesce((
        select json_agg(json_build_object('id', f.id, 'text', f.text, 'ownerId', f.owner_person_id,
          'ownerName', p.name, 'dueDate', f.due_date, 'status', f.status)
          order by f.due_date, f.id)
        from follow_ups f join meeting_persons p on p.id = f.owner_person_id
        where f.agenda_item_id = agenda_items.id), '[]'::json)`,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  return rows.map((row) => ({
    ...row.item,
    attachments: row.attachments,
    disqualifiedPersonIds: row.disqualifiedPersonIds,
    followUps: row.followUps,
  }));
}

export async function selectItems(db: Db, meetingId: string): Promise<AgendaItemRow[]> {
  return db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
}

export async function selectItem(
  db: Db,
  meetingId: string,
  itemId: string,
): Promise<AgendaItemRow | undefined> {
  const [row] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.id, itemId)));
  return row;
}

/** Items that share a parent (or are all top level), in agenda order. */
export async function selectSiblings(
  db: Db,
  meetingId: string,
  parentId: string | null,
): Promise<AgendaItemRow[]> {
  return db
    .select()
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        parentId === null ? isNull(agendaItems.parentId) : eq(agendaItems.parentId, parentId),
      ),
    )
    .orderBy(asc(agendaItems.position));
}

export async function nextPosition(
  db: Db,
  meetingId: string,
  parentId: string | null,
): Promise<number> {
  const [row] = await db
    .select({ last: max(agendaItems.position) })
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        parentId === null ? isNull(agendaItems.parentId) : eq(agendaItems.parentId, parentId),
      ),
    );
  return (row?.last ?? 0) + 1;
}

export async function insertItem(
  db: Db,
  values: typeof agendaItems.$inferInsert,
): Promise<AgendaItemRow> {
  const [row] = await db.insert(agendaItems).values(values).returning();
  return row!;
}

export async function updateItem(
  db: Db,
  id: string,
  values: Partial<typeof agendaItems.$inferInsert>,
): Promise<AgendaItemRow> {
  const [row] = await db
    .update(agendaItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(agendaItems.id, id))
    .returning();
  return row!;
}

export async function deleteItem(db: Db, id: string): Promise<void> {
  await db.delete(agendaItems).where(eq(agendaItems.id, id));
}

/** Positions 1..n in the given order as one UPDATE; pinned by a test (repository.test.ts). */
export function positionsUpdate(db: Db, orderedIds: readonly string[], now: Date) {
  const cases = sql.join(
    orderedIds.map((id, index) => sql`WHEN ${id}::uuid THEN ${index + 1}::integer`),
    sql` `,
  );
  return db
    .update(agendaItems)
    .set({ position: sql`CASE ${agendaItems.id} ${cases} END`, updatedAt: now })
    .where(inArray(agendaItems.id, [...orderedIds]));
}

export async function setPositions(db: Db, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  await positionsUpdate(db, orderedIds, new Date());
}

export async function selectAttachments(
  db: Db,
  itemIds: readonly string[],
): Promise<AttachmentRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(agendaItemAttachments)
    .where(inArray(agendaItemAttachments.agendaItemId, [...itemIds]))
    .orderBy(asc(agendaItemAttachments.position));
}

/**
 * Sets the item's title-only bilag to these titles; bilag with a file keep their places (they
 * are changed on the item page). The titles fill the title-only places in order, the rest go last.
 */
export async function replaceAttachments(
  db: Db,
  itemId: string,
  titles: readonly string[],
): Promise<void> {
  const existing = await db
    .select({ id: agendaItemAttachments.id, fileSha256: agendaItemAttachments.fileSha256 })
    .from(agendaItemAttachments)
    .where(eq(agendaItemAttachments.agendaItemId, itemId))
    .orderBy(asc(agendaItemAttachments.position));
  const remaining = [...titles];
  const order: Array<{ id: string } | { title: string }> = [];
  for (const row of existing) {
    if (row.fileSha256 !== null) order.push({ id: row.id });
    else if (remaining.length > 0) order.push({ title: remaining.shift()! });
  }
  order.push(...remaining.map((title) => ({ title })));
  await db
    .delete(agendaItemAttachments)
    .where(
      and(eq(agendaItemAttachments.agendaItemId, itemId), isNull(agendaItemAttachments.fileSha256)),
    );
  // Out of the way first: PostgreSQL checks the unique position per row.
  await db
    .update(agendaItemAttachments)
    .set({ position: sql`-${agendaItemAttachments.position}` })
    .where(eq(agendaItemAttachments.agendaItemId, itemId));
  for (const [index, entry] of order.entries()) {
    if ('id' in entry) {
      await db
        .update(agendaItemAttachments)
        .set({ position: index + 1 })
        .where(eq(agendaItemAttachments.id, entry.id));
    } else {
      await db
        .insert(agendaItemAttachments)
        .values({ agendaItemId: itemId, position: index + 1, title: entry.title });
    }
  }
}

/** A template with the description of its usual meeting place. */
export type TemplateSummaryRow = TemplateRow & { defaultLocation: string | null };

export async function selectTemplates(
  db: Db,
  organizationIds?: readonly string[],
): Promise<Array<TemplateSummaryRow & { organizationName: string }>> {
  if (organizationIds !== undefined && organizationIds.length === 0) return [];
  const rows = await db
    .select({
      template: meetingTemplates,
      organizationName: meetingOrganizations.name,
      defaultLocation: meetingLocations.description,
    })
    .from(meetingTemplates)
    .innerJoin(meetingOrganizations, eq(meetingOrganizations.id, meetingTemplates.organizationId))
    .leftJoin(meetingLocations, eq(meetingLocations.id, meetingTemplates.defaultLocationId))
    .where(
      organizationIds ? inArray(meetingTemplates.organizationId, [...organizationIds]) : undefined,
    )
    .orderBy(asc(meetingOrganizations.name), asc(meetingTemplates.name));
  return rows.map((row) => ({
    ...row.template,
    organizationName: row.organizationName,
    defaultLocation: row.defaultLocation,
  }));
}

export async function selectTemplate(db: Db, id: string): Promise<TemplateSummaryRow | undefined> {
  const [row] = await db
    .select({ template: meetingTemplates, defaultLocation: meetingLocations.description })
    .from(meetingTemplates)
    .leftJoin(meetingLocations, eq(meetingLocations.id, meetingTemplates.defaultLocationId))
    .where(eq(meetingTemplates.id, id));
  return row ? { ...row.template, defaultLocation: row.defaultLocation } : undefined;
}

export async function selectTemplateItems(db: Db, templateId: string): Promise<TemplateItemRow[]> {
  return db
    .select()
    .from(meetingTemplateItems)
    .where(eq(meetingTemplateItems.templateId, templateId))
    .orderBy(asc(meetingTemplateItems.position));
}

export async function insertTemplate(
  db: Db,
  values: typeof meetingTemplates.$inferInsert,
): Promise<TemplateRow> {
  const [row] = await db.insert(meetingTemplates).values(values).returning();
  return row!;
}

export async function updateTemplate(
  db: Db,
  id: string,
  values: Partial<typeof meetingTemplates.$inferInsert>,
): Promise<TemplateRow> {
  const [row] = await db
    .update(meetingTemplates)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(meetingTemplates.id, id))
    .returning();
  return row!;
}

export async function deleteTemplateItems(db: Db, templateId: string): Promise<void> {
  await db.delete(meetingTemplateItems).where(eq(meetingTemplateItems.templateId, templateId));
}

export async function insertTemplateItems(
  db: Db,
  values: Array<typeof meetingTemplateItems.$inferInsert>,
): Promise<TemplateItemRow[]> {
  if (values.length === 0) return [];
  return db.insert(meetingTemplateItems).values(values).returning();
}

export async function selectDisqualifiedPersonIds(db: Db, itemId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: agendaItemDisqualifications.personId })
    .from(agendaItemDisqualifications)
    .where(eq(agendaItemDisqualifications.agendaItemId, itemId))
    .orderBy(asc(agendaItemDisqualifications.personId));
  return rows.map((row) => row.personId);
}

export async function replaceDisqualifications(
  db: Db,
  itemId: string,
  personIds: readonly string[],
): Promise<void> {
  await db
    .delete(agendaItemDisqualifications)
    .where(eq(agendaItemDisqualifications.agendaItemId, itemId));
  if (personIds.length === 0) return;
  await db
    .insert(agendaItemDisqualifications)
    .values([...new Set(personIds)].map((personId) => ({ agendaItemId: itemId, personId })));
}

export type ReleaseSummary = {
  version: number;
  changeNote: string | null;
  releasedAt: Date;
  /** The § 8 deadline it was held to (null for releases made before deadlines were kept). */
  dueAt: Date | null;
  lateReason: string | null;
};

/** The released versions of the agenda, newest first. */
export async function selectReleaseSummaries(db: Db, meetingId: string): Promise<ReleaseSummary[]> {
  return db
    .select({
      version: agendaReleases.version,
      changeNote: agendaReleases.changeNote,
      releasedAt: agendaReleases.releasedAt,
      dueAt: agendaReleases.dueAt,
      lateReason: agendaReleases.lateReason,
    })
    .from(agendaReleases)
    .where(eq(agendaReleases.meetingId, meetingId))
    .orderBy(desc(agendaReleases.version));
}

/** A follow-up with where it came from and who owns it. */
export type FollowUpRow = typeof followUps.$inferSelect;

export type FollowUpListed = FollowUpRow & {
  ownerName: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  organizationId: string;
  itemTitle: string;
  itemIsPublic: boolean;
  itemPublicTitle: string | null;
  meetingStatus: MeetingRow['status'];
  /** Members inhabil in the item the follow-up came from. */
  itemDisqualifiedPersonIds: string[];
};

export function followUpListQuery(db: Db) {
  return db
    .select({
      followUp: followUps,
      ownerName: meetingPersons.name,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      organizationId: meetings.organizationId,
      itemTitle: agendaItems.title,
      itemIsPublic: agendaItems.isPublic,
      itemPublicTitle: agendaItems.publicTitle,
      meetingStatus: meetings.status,
      itemDisqualifiedPersonIds: sql<string[]>`coalesce((
        select json_agg(d.person_id) from agenda_item_disqualifications d
        where d.agenda_item_id = ${agendaItems.id}), '[]'::json)`,
    })
    .from(followUps)
    .innerJoin(agendaItems, eq(agendaItems.id, followUps.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(meetingPersons, eq(meetingPersons.id, followUps.ownerPersonId));
}

type FollowUpListRow = Awaited<ReturnType<ReturnType<typeof followUpListQuery>['execute']>>[number];

export const toFollowUpListed = (row: FollowUpListRow): FollowUpListed => ({
  ...row.followUp,
  ownerName: row.ownerName,
  meetingId: row.meetingId,
  meetingTitle: row.meetingTitle,
  meetingStartsAt: row.meetingStartsAt,
  organizationId: row.organizationId,
  itemTitle: row.itemTitle,
  itemIsPublic: row.itemIsPublic,
  itemPublicTitle: row.itemPublicTitle,
  meetingStatus: row.meetingStatus,
  itemDisqualifiedPersonIds: row.itemDisqualifiedPersonIds,
});

/**
 * What a meeting's "Opfølgning" item lists: follow-ups from the organization's earlier meetings
 * that are still open, and those completed since the previous meeting.
 */
export async function selectFollowUpsForMeeting(
  db: Db,
  meeting: Pick<MeetingRow, 'organizationId' | 'startsAt'>,
  completedSince: Date,
): Promise<FollowUpListed[]> {
  const rows = await followUpListQuery(db)
    .where(
      and(
        eq(meetings.organizationId, meeting.organizationId),
        lt(meetings.startsAt, meeting.startsAt),
        sql`(${followUps.status} = 'open' OR ${followUps.completedAt} > ${completedSince.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(asc(followUps.dueDate), asc(followUps.id));
  return rows.map(toFollowUpListed);
}

/** The organization's latest meeting before this one, whose minutes a "Referat" item approves. */
export async function selectPreviousMeeting(
  db: Db,
  meeting: Pick<MeetingRow, 'organizationId' | 'startsAt'>,
): Promise<MeetingRow | undefined> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.organizationId, meeting.organizationId),
        lt(meetings.startsAt, meeting.startsAt),
      ),
    )
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  return row;
}

/** An agenda item as it was released (see agenda_releases.snapshot). */
export type ReleasedItem = Pick<
  AgendaItemRow,
  | 'id'
  | 'parentId'
  | 'position'
  | 'title'
  | 'durationMinutes'
  | 'purpose'
  | 'method'
  | 'responsible'
  | 'isPublic'
  | 'publicTitle'
  | 'note'
  | 'standingKind'
> &
  // Optional: releases made before the closure reasons existed do not have them.
  Partial<Pick<AgendaItemRow, 'closedReasonCode' | 'closedReasonLabel' | 'closedReasonText'>> & {
    disqualifiedPersonIds?: string[];
  };

export type ReleaseSnapshot = { meetingId: string; items: ReleasedItem[] };

export async function selectLatestReleaseSnapshot(
  db: Db,
  meetingId: string,
): Promise<ReleaseSnapshot | undefined> {
  const [row] = await db
    .select({ snapshot: agendaReleases.snapshot })
    .from(agendaReleases)
    .where(eq(agendaReleases.meetingId, meetingId))
    .orderBy(desc(agendaReleases.version))
    .limit(1);
  if (!row) return undefined;
  const snapshot = row.snapshot as { items: ReleasedItem[] };
  return { meetingId, items: snapshot.items };
}

export async function selectFollowUpsOfItems(
  db: Db,
  itemIds: readonly string[],
): Promise<FollowUpListed[]> {
  if (itemIds.length === 0) return [];
  const rows = await followUpListQuery(db)
    .where(inArray(followUps.agendaItemId, [...itemIds]))
    .orderBy(asc(followUps.dueDate), asc(followUps.id));
  return rows.map(toFollowUpListed);
}

export async function selectFollowUpsOfOwner(
  db: Db,
  ownerPersonId: string,
): Promise<FollowUpListed[]> {
  const rows = await followUpListQuery(db)
    .where(eq(followUps.ownerPersonId, ownerPersonId))
    .orderBy(asc(followUps.status), asc(followUps.dueDate), asc(followUps.id));
  return rows.map(toFollowUpListed);
}

export async function selectFollowUpsByIds(
  db: Db,
  ids: readonly string[],
): Promise<FollowUpListed[]> {
  if (ids.length === 0) return [];
  const rows = await followUpListQuery(db).where(inArray(followUps.id, [...ids]));
  return rows.map(toFollowUpListed);
}

// What minutes/ writes of meetings and items as the meeting is held and its minutes are kept,
// and what it reads of an item's history; through writes.ts and reads.ts.

export type ReleaseRow = typeof agendaReleases.$inferSelect;

export async function selectMeetingForUpdate(
  db: Db,
  meetingId: string,
): Promise<MeetingRow | undefined> {
  // FOR UPDATE: two secretaries pressing "Udsend" at once get versions 1 and 2, not two 1s.
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  return row;
}

export async function updateMeetingLifecycle(
  db: Db,
  meetingId: string,
  values: Partial<
    Pick<
      MeetingRow,
      | 'status'
      | 'startedAt'
      | 'endedAt'
      | 'minutesReleasedAt'
      | 'minutesApprovedAt'
      | 'minutesApprovedByItemId'
    >
  >,
): Promise<MeetingRow> {
  const [row] = await db
    .update(meetings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(meetings.id, meetingId))
    .returning();
  return row!;
}

export async function selectReleases(db: Db, meetingId: string): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(agendaReleases)
    .where(eq(agendaReleases.meetingId, meetingId))
    .orderBy(desc(agendaReleases.version));
}

/** The releases of these meetings without their snapshots, in one query, oldest first. */
export async function selectReleaseTimesOfMeetings(
  db: Db,
  meetingIds: readonly string[],
): Promise<Array<Pick<ReleaseRow, 'meetingId' | 'version' | 'changeNote' | 'releasedAt'>>> {
  if (meetingIds.length === 0) return [];
  return db
    .select({
      meetingId: agendaReleases.meetingId,
      version: agendaReleases.version,
      changeNote: agendaReleases.changeNote,
      releasedAt: agendaReleases.releasedAt,
    })
    .from(agendaReleases)
    .where(inArray(agendaReleases.meetingId, [...new Set(meetingIds)]))
    .orderBy(asc(agendaReleases.releasedAt), asc(agendaReleases.version));
}

export async function insertRelease(
  db: Db,
  values: typeof agendaReleases.$inferInsert,
): Promise<ReleaseRow> {
  const [row] = await db.insert(agendaReleases).values(values).returning();
  return row!;
}

export async function updateItemTimes(
  db: Db,
  itemId: string,
  values: { actualStart?: Date | null; actualEnd?: Date | null },
): Promise<void> {
  await db
    .update(agendaItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(agendaItems.id, itemId));
}

/** Ends whatever item of the meeting is still running, at `at`. */
export async function endRunningItems(db: Db, meetingId: string, at: Date): Promise<void> {
  await db
    .update(agendaItems)
    .set({ actualEnd: at, updatedAt: at })
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        sql`${agendaItems.actualStart} IS NOT NULL`,
        sql`${agendaItems.actualEnd} IS NULL`,
      ),
    );
}

/**
 * Saves minutes only if nobody saved since `expectedRevision` was read (optimistic locking);
 * undefined means someone did, and nothing was written.
 */
export async function updateMinutesAtRevision(
  db: Db,
  itemId: string,
  expectedRevision: number,
  values: { minutesText: string | null; decision: string | null },
): Promise<AgendaItemRow | undefined> {
  const [row] = await db
    .update(agendaItems)
    .set({
      ...values,
      minutesRevision: sql`${agendaItems.minutesRevision} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.minutesRevision, expectedRevision)))
    .returning();
  return row;
}

export async function updateItemPostponed(
  db: Db,
  itemId: string,
  isPostponed: boolean,
): Promise<void> {
  await db
    .update(agendaItems)
    .set({ isPostponed, updatedAt: new Date() })
    .where(eq(agendaItems.id, itemId));
}

export async function insertFollowUp(
  db: Db,
  values: typeof followUps.$inferInsert,
): Promise<FollowUpRow> {
  const [row] = await db.insert(followUps).values(values).returning();
  return row!;
}

export async function updateFollowUp(
  db: Db,
  id: string,
  values: Partial<Pick<FollowUpRow, 'status' | 'completedAt' | 'text' | 'dueDate'>>,
): Promise<FollowUpRow> {
  const [row] = await db
    .update(followUps)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(followUps.id, id))
    .returning();
  return row!;
}

/** The items that carry the same paper, or continue one another, across meetings. */
export async function selectItemHistory(
  db: Db,
  item: Pick<AgendaItemRow, 'id' | 'paperId' | 'carriedFromItemId'>,
): Promise<
  Array<
    AgendaItemRow & {
      meetingTitle: string;
      meetingStartsAt: Date;
      meetingStatus: MeetingRow['status'];
      organizationId: string;
      disqualifiedPersonIds: string[];
    }
  >
> {
  const chain = new Set<string>([item.id]);
  let from = item.carriedFromItemId;
  while (from !== null && !chain.has(from)) {
    chain.add(from);
    const [previous] = await db
      .select({ carriedFromItemId: agendaItems.carriedFromItemId })
      .from(agendaItems)
      .where(eq(agendaItems.id, from));
    from = previous?.carriedFromItemId ?? null;
  }
  const rows = await db
    .select({
      item: agendaItems,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      meetingStatus: meetings.status,
      organizationId: meetings.organizationId,
      disqualifiedPersonIds: sql<string[]>`coalesce((
        select json_agg(d.person_id) from agenda_item_disqualifications d
        where d.agenda_item_id = ${agendaItems.id}), '[]'::json)`,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      sql`${agendaItems.id} IN ${[...chain]} OR ${agendaItems.carriedFromItemId} IN ${[...chain]}${
        item.paperId ? sql` OR ${agendaItems.paperId} = ${item.paperId}` : sql``
      }`,
    )
    .orderBy(asc(meetings.startsAt));
  return rows.map((row) => ({
    ...row.item,
    meetingTitle: row.meetingTitle,
    meetingStartsAt: row.meetingStartsAt,
    meetingStatus: row.meetingStatus,
    organizationId: row.organizationId,
    disqualifiedPersonIds: row.disqualifiedPersonIds,
  }));
}

export async function selectItemIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return rows.map((row) => row.id);
}

/** The bilag the secretary listed on the item itself (a paper's bilag follow the paper). */
/**
 * Copies an item's own bilag, with their files, to another item (a carry-over): the files are
 * stored by content hash, so the copy names the same stored file. Returns the copied titles.
 */
export async function copyOwnAttachments(
  db: Db,
  fromItemId: string,
  toItemId: string,
): Promise<string[]> {
  const rows = await db
    .select({
      position: agendaItemAttachments.position,
      title: agendaItemAttachments.title,
      fileName: agendaItemAttachments.fileName,
      fileSha256: agendaItemAttachments.fileSha256,
    })
    .from(agendaItemAttachments)
    .where(eq(agendaItemAttachments.agendaItemId, fromItemId))
    .orderBy(asc(agendaItemAttachments.position));
  if (rows.length > 0) {
    await db
      .insert(agendaItemAttachments)
      .values(rows.map((row) => ({ ...row, agendaItemId: toItemId })));
  }
  return rows.map((row) => row.title);
}

export async function setCarriedFrom(db: Db, itemId: string, fromItemId: string): Promise<void> {
  await db
    .update(agendaItems)
    .set({ carriedFromItemId: fromItemId })
    .where(eq(agendaItems.id, itemId));
}

/** The meeting an item belongs to, by id and title. */
export async function selectItemMeeting(
  db: Db,
  itemId: string,
): Promise<{ meetingId: string; meetingTitle: string; meetingStartsAt: Date } | undefined> {
  const [row] = await db
    .select({
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, itemId));
  return row;
}

/** The meetings of these organizations, the latest first (for a person's page). */
export async function selectMeetingsOfOrganizations(
  db: Db,
  organizationIds: readonly string[],
): Promise<MeetingRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(inArray(meetings.organizationId, [...organizationIds]))
    .orderBy(desc(meetings.startsAt), asc(meetings.id));
}
