import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { cprClearances, meetingPublications, publishingSettings } from './db-schema';
import type { PublicationKind, PublicMeeting } from './public-meeting';

export type PublicationRow = Omit<typeof meetingPublications.$inferSelect, 'snapshot'> & {
  snapshot: PublicMeeting;
};

const asPublication = (row: typeof meetingPublications.$inferSelect): PublicationRow => ({
  ...row,
  snapshot: row.snapshot as PublicMeeting,
});

export async function selectPublication(
  db: Db,
  meetingId: string,
  kind: PublicationKind,
): Promise<PublicationRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingPublications)
    .where(and(eq(meetingPublications.meetingId, meetingId), eq(meetingPublications.kind, kind)));
  return row ? asPublication(row) : undefined;
}

export async function selectPublicationsOfMeeting(
  db: Db,
  meetingId: string,
): Promise<PublicationRow[]> {
  const rows = await db
    .select()
    .from(meetingPublications)
    .where(eq(meetingPublications.meetingId, meetingId))
    .orderBy(asc(meetingPublications.kind));
  return rows.map(asPublication);
}

/** Publishes (or publishes again) a meeting's agenda or minutes with this snapshot. */
export async function upsertPublication(
  db: Db,
  values: {
    meetingId: string;
    kind: PublicationKind;
    snapshot: PublicMeeting;
    userId: string | null;
  },
): Promise<PublicationRow> {
  const now = new Date();
  const [row] = await db
    .insert(meetingPublications)
    .values({
      meetingId: values.meetingId,
      kind: values.kind,
      snapshot: values.snapshot,
      publishedAt: now,
      publishedByUserId: values.userId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [meetingPublications.meetingId, meetingPublications.kind],
      set: {
        snapshot: values.snapshot,
        publishedAt: now,
        publishedByUserId: values.userId,
        withdrawnAt: null,
        withdrawnByUserId: null,
        updatedAt: now,
      },
    })
    .returning();
  return asPublication(row!);
}

/**
 * Withdraws a publication, keeping only a tombstone: a withdrawal is often because something
 * should not have been public, so its content does not stay behind.
 */
export async function markWithdrawn(
  db: Db,
  publication: PublicationRow,
  userId: string | null,
): Promise<PublicationRow> {
  const now = new Date();
  const { snapshot } = publication;
  const tombstone: PublicMeeting = {
    meetingId: snapshot.meetingId,
    kind: snapshot.kind,
    organization: snapshot.organization,
    title: '',
    start: snapshot.start,
    end: snapshot.end,
    location: null,
    // Ids only, so OParl can still answer for what was withdrawn with a deleted object.
    items: snapshot.items.map((item) => ({
      id: item.id,
      parentId: null,
      number: '',
      order: item.order,
      isPublic: false,
      title: '',
      start: null,
      end: null,
      purpose: null,
      method: null,
      responsible: [],
      decision: null,
      minutes: null,
      paper: item.paper ? { id: item.paper.id, kindLabel: '', title: '', sections: [] } : null,
      attachments: item.attachments.map((attachment) => ({
        id: attachment.id,
        number: attachment.number,
        title: '',
        label: '',
        fileName: null,
        mediaType: null,
        sha256: attachment.sha256,
      })),
    })),
    removed: snapshot.removed,
  };
  const id = publication.id;
  const [row] = await db
    .update(meetingPublications)
    .set({ withdrawnAt: now, withdrawnByUserId: userId, updatedAt: now, snapshot: tombstone })
    .where(eq(meetingPublications.id, id))
    .returning();
  return asPublication(row!);
}

/** Publications in effect (not withdrawn), newest meetings first; the public's list. */
export async function selectLivePublications(
  db: Db,
  filter: { organizationId?: string; kind?: PublicationKind } = {},
): Promise<PublicationRow[]> {
  const rows = await db
    .select()
    .from(meetingPublications)
    .where(
      and(
        isNull(meetingPublications.withdrawnAt),
        filter.kind ? eq(meetingPublications.kind, filter.kind) : undefined,
        filter.organizationId
          ? sql`${meetingPublications.snapshot}->'organization'->>'id' = ${filter.organizationId}`
          : undefined,
      ),
    )
    .orderBy(desc(sql`${meetingPublications.snapshot}->>'start'`), asc(meetingPublications.id));
  return rows.map(asPublication);
}

/** What names a published meeting: its id, start and organization, without the snapshot's items. */
export type PublicMeetingKey = { meetingId: string; start: string; organizationName: string };

/**
 * The published meetings starting within [from, before), one row each (the minutes' snapshot
 * when published, as the portal shows it), read from the snapshots' top fields only.
 */
export async function selectLiveMeetingKeys(
  db: Db,
  window: { from: Date; before: Date },
): Promise<PublicMeetingKey[]> {
  const start = sql`(${meetingPublications.snapshot}->>'start')::timestamptz`;
  return db
    .selectDistinctOn([meetingPublications.meetingId], {
      meetingId: meetingPublications.meetingId,
      start: sql<string>`${meetingPublications.snapshot}->>'start'`,
      organizationName: sql<string>`${meetingPublications.snapshot}->'organization'->>'name'`,
    })
    .from(meetingPublications)
    .where(
      and(
        isNull(meetingPublications.withdrawnAt),
        sql`${start} >= ${window.from.toISOString()}::timestamptz`,
        sql`${start} < ${window.before.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(meetingPublications.meetingId, desc(sql`${meetingPublications.kind} = 'minutes'`));
}

/** Every publication, withdrawn ones too (OParl lists deleted objects). */
export async function selectAllPublications(db: Db): Promise<PublicationRow[]> {
  const rows = await db
    .select()
    .from(meetingPublications)
    .orderBy(asc(meetingPublications.createdAt), asc(meetingPublications.id));
  return rows.map(asPublication);
}

export async function selectPublishClosedDecisions(
  db: Db,
  organizationId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ value: publishingSettings.publishClosedDecisions })
    .from(publishingSettings)
    .where(eq(publishingSettings.organizationId, organizationId));
  return row?.value ?? false;
}

export async function upsertPublishClosedDecisions(
  db: Db,
  organizationId: string,
  value: boolean,
): Promise<void> {
  await db
    .insert(publishingSettings)
    .values({ organizationId, publishClosedDecisions: value })
    .onConflictDoUpdate({
      target: publishingSettings.organizationId,
      set: { publishClosedDecisions: value, updatedAt: new Date() },
    });
}

export async function selectClearedDigits(db: Db, meetingId: string): Promise<Set<string>> {
  const rows = await db
    .select({ digits: cprClearances.digits })
    .from(cprClearances)
    .where(eq(cprClearances.meetingId, meetingId));
  return new Set(rows.map((row) => row.digits));
}

export async function insertClearance(
  db: Db,
  values: { meetingId: string; digits: string; userId: string | null },
): Promise<void> {
  await db
    .insert(cprClearances)
    .values({ meetingId: values.meetingId, digits: values.digits, clearedByUserId: values.userId })
    .onConflictDoNothing();
}
