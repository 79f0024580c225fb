import { recordAudit } from '../../platform/audit/record-audit';
import { can, visibleOrganizationIds, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { addMinutes, startOfLocalDay } from '../../platform/i18n/format';
import { findOrCreateLocation, readOrganization, readPerson } from '../organizations/index';
import { getPaper } from '../papers/index';
import * as repo from './repository';
import type {
  ItemCreateInput,
  ItemUpdateInput,
  MeetingCreateInput,
  MeetingUpdateInput,
} from './schemas';
import { inferStandingKind } from './standing-items';
import { planAgenda, type TimePlan } from './time-plan';
import { followUpViews, type FollowUpView } from './follow-up-views';
import { mayReadItemContent, mayReadMinutes } from './policy';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type AgendaItemView = repo.AgendaItemRow & {
  attachments: repo.AttachmentSummary[];
  /** Members who are inhabil in the item (left out of their own meeting package). */
  disqualifiedPersonIds: string[];
  followUps: repo.ItemFollowUp[];
  /** True when the actor may not see a closed item's content: only its neutral title is shown. */
  isRedacted: boolean;
};

export type MeetingDetail = {
  meeting: repo.MeetingSummaryRow;
  secretariatContact: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
  } | null;
  plan: TimePlan<AgendaItemView>;
  /** Released versions of the agenda, newest first, with their change notes. */
  releases: repo.ReleaseSummary[];
  /** Listed under the "Opfølgning" item (empty when the agenda has none). */
  standingFollowUps: FollowUpView[];
};

const validationError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', { details: [{ field, message }] });

/** Meetings the actor may see, optionally within local dates [from, to] and one organization. */
export async function listMeetings({
  actor,
  tx,
  filter,
}: ServiceContext & { filter: { from?: string; to?: string; organizationId?: string } }): Promise<
  repo.MeetingSummaryRow[]
> {
  if (!can(actor, 'meeting.read')) throw new AppError('FORBIDDEN');
  const visible = visibleOrganizationIds(actor);
  let organizationIds = visible;
  if (filter.organizationId !== undefined) {
    organizationIds =
      visible === undefined || visible.includes(filter.organizationId)
        ? [filter.organizationId]
        : [];
  }
  return repo.selectMeetings(tx, {
    from: filter.from ? startOfLocalDay(filter.from) : undefined,
    to: filter.to ? addMinutes(startOfLocalDay(filter.to), 24 * 60) : undefined,
    organizationIds,
  });
}

/** The meeting with its agenda laid out in time; closed items redacted for those not allowed. */
export async function getMeetingDetail({
  actor,
  tx,
  meetingId,
  options = {},
}: ServiceContext & {
  meetingId: string;
  options?: { asItIs?: boolean; asReleased?: boolean };
}): Promise<MeetingDetail> {
  const found = await repo.selectMeetingWithContact(tx, meetingId);
  if (!found || !can(actor, 'meeting.read', { organizationId: found.meeting.organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  const { meeting, contact } = found;
  const [current, releases] = await Promise.all([
    repo.selectItemsWithAttachments(tx, meetingId),
    repo.selectReleaseSummaries(tx, meetingId),
  ]);
  const items =
    options.asReleased || (!options.asItIs && readsReleasedVersion(actor, meeting))
      ? frozenItems(current, await repo.selectLatestReleaseSnapshot(tx, meetingId))
      : current;
  const showsMinutes = mayReadMinutes(actor, meeting);
  const views = items.map((item) => {
    const view = { ...item, isRedacted: false };
    const withMinutes = showsMinutes
      ? view
      : { ...view, minutesText: null, decision: null, minutesRevision: 0, followUps: [] };
    return redactItem(withMinutes, mayReadItemContent(actor, item, meeting.organizationId));
  });
  const standingFollowUps = views.some((item) => item.standingKind === 'follow_ups')
    ? await followUpsForMeeting(actor, tx, meeting)
    : [];
  return {
    meeting,
    secretariatContact: contact,
    plan: planAgenda(meeting, views),
    releases,
    standingFollowUps,
  };
}

/**
 * Once the agenda is released, participants and readers read the released version until the
 * meeting is held: later edits reach them with the next release and its change note. Those who
 * edit the agenda always see it as it is.
 */
function readsReleasedVersion(
  actor: Actor,
  meeting: Pick<repo.MeetingRow, 'organizationId' | 'status'>,
): boolean {
  return (
    (meeting.status === 'agenda_released' || meeting.status === 'in_progress') &&
    !can(actor, 'agendaItem.write', { organizationId: meeting.organizationId })
  );
}

type ItemWithDetails = Awaited<ReturnType<typeof repo.selectItemsWithAttachments>>[number];

/**
 * The items as released: the released fields over the current rows (which carry live times and
 * files), leaving out items added since and keeping items deleted since.
 */
function frozenItems(
  current: readonly ItemWithDetails[],
  snapshot: repo.ReleaseSnapshot | undefined,
): ItemWithDetails[] {
  if (!snapshot) return [...current];
  const byId = new Map(current.map((item) => [item.id, item]));
  return snapshot.items.map((released) => {
    const now = byId.get(released.id);
    const base: ItemWithDetails = now ?? {
      ...released,
      meetingId: snapshot.meetingId,
      paperId: null,
      minutesText: null,
      decision: null,
      minutesRevision: 0,
      actualStart: null,
      actualEnd: null,
      isPostponed: false,
      carriedFromItemId: null,
      publishClosedDecision: null,
      sourceNumber: null,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      attachments: [],
      disqualifiedPersonIds: released.disqualifiedPersonIds ?? [],
      followUps: [],
    };
    return {
      ...base,
      parentId: released.parentId,
      position: released.position,
      title: released.title,
      durationMinutes: released.durationMinutes,
      purpose: released.purpose,
      method: released.method,
      responsible: released.responsible,
      // Closed if it was closed when released or is closed now; inhabil likewise.
      isPublic: released.isPublic && base.isPublic,
      publicTitle: released.publicTitle ?? base.publicTitle,
      disqualifiedPersonIds: [
        ...new Set([...base.disqualifiedPersonIds, ...(released.disqualifiedPersonIds ?? [])]),
      ],
      note: released.note,
      standingKind: released.standingKind,
    };
  });
}

/** What the meeting's "Opfølgning" item lists: earlier meetings' open follow-ups, and those done since the last meeting. */
async function followUpsForMeeting(
  actor: Actor,
  tx: Db,
  meeting: repo.MeetingRow,
): Promise<FollowUpView[]> {
  const previous = await repo.selectPreviousMeeting(tx, meeting);
  const rows = await repo.selectFollowUpsForMeeting(tx, meeting, previous?.startsAt ?? new Date(0));
  // Follow-ups are part of their meeting's minutes: drafts stay with the secretariat.
  return followUpViews(
    actor,
    rows.filter((row) =>
      mayReadMinutes(actor, { organizationId: row.organizationId, status: row.meetingStatus }),
    ),
    new Date(),
  );
}

function redactItem(item: AgendaItemView, mayRead: boolean): AgendaItemView {
  if (mayRead) return item;
  return {
    ...item,
    title: item.publicTitle ?? da.items.closed,
    purpose: null,
    method: null,
    note: null,
    responsible: [],
    attachments: [],
    disqualifiedPersonIds: [],
    followUps: [],
    paperId: null,
    minutesText: null,
    decision: null,
    isRedacted: true,
  };
}

async function requireMeeting(
  { actor, tx }: ServiceContext,
  meetingId: string,
  action: 'meeting.update' | 'meeting.delete' | 'agendaItem.write',
): Promise<repo.MeetingRow> {
  const meeting = await repo.selectMeeting(tx, meetingId);
  if (!meeting || !can(actor, 'meeting.read', { organizationId: meeting.organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  if (!can(actor, action, { organizationId: meeting.organizationId }))
    throw new AppError('FORBIDDEN');
  return meeting;
}

function assertEndsAfterStart(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new AppError('MEETING_ENDS_BEFORE_START', {
      message: da.errors.MEETING_ENDS_BEFORE_START,
      details: [{ field: 'end', message: da.validation.endBeforeStart }],
    });
  }
}

async function resolveLocationId(ctx: WriteContext, description: string | null | undefined) {
  if (description === undefined) return undefined;
  if (description === null) return null;
  return (await findOrCreateLocation({ ...ctx, input: { description } })).id;
}

async function assertPersonExists(tx: Db, personId: string | null | undefined): Promise<void> {
  if (personId && !(await readPerson({ tx }, personId))) {
    throw validationError('secretariatContactId', da.validation.unknownPerson);
  }
}

/** Creates a meeting, with the standing items of a template when one is given. */
export async function createMeeting({
  input,
  ...ctx
}: WriteContext & { input: MeetingCreateInput }): Promise<repo.MeetingRow> {
  const { actor, tx } = ctx;
  const organization = await readOrganization({ tx }, input.organizationId);
  if (!organization) throw validationError('organizationId', da.validation.unknownOrganization);
  if (!can(actor, 'meeting.create', { organizationId: organization.id }))
    throw new AppError('FORBIDDEN');
  assertEndsAfterStart(input.start, input.end);
  await assertPersonExists(tx, input.secretariatContactId);
  const template = input.templateId ? await repo.selectTemplate(tx, input.templateId) : undefined;
  if (input.templateId && (!template || template.organizationId !== organization.id)) {
    throw validationError('templateId', da.validation.unknownTemplate);
  }
  const meeting = await repo.insertMeeting(tx, {
    organizationId: organization.id,
    title: input.title,
    startsAt: input.start,
    endsAt: input.end,
    locationId: (await resolveLocationId(ctx, input.location)) ?? null,
    caseNumber: input.caseNumber,
    secretariatContactId: input.secretariatContactId ?? null,
  });
  await recordAudit(tx, {
    actor,
    action: 'meeting.create',
    entityType: 'meeting',
    entityId: meeting.id,
    after: meeting,
  });
  if (template) {
    for (const standing of await repo.selectTemplateItems(tx, template.id)) {
      await addAgendaItem({
        ...ctx,
        meetingId: meeting.id,
        input: {
          title: standing.title,
          durationMinutes: standing.durationMinutes,
          purpose: standing.purpose,
          method: standing.method,
          responsible: standing.responsible,
          isPublic: true,
          publicTitle: null,
          note: null,
          parentId: null,
          attachments: [],
          paperId: null,
          standingKind: standing.standingKind,
        },
      });
    }
  }
  return meeting;
}

/** Changes a meeting's title, time, place, case number or contact. */
export async function updateMeeting({
  meetingId,
  input,
  ...ctx
}: WriteContext & { meetingId: string; input: MeetingUpdateInput }): Promise<repo.MeetingRow> {
  const { actor, tx } = ctx;
  const before = await requireMeeting(ctx, meetingId, 'meeting.update');
  assertEndsAfterStart(input.start ?? before.startsAt, input.end ?? before.endsAt);
  await assertPersonExists(tx, input.secretariatContactId);
  const after = await repo.updateMeeting(tx, meetingId, {
    title: input.title,
    startsAt: input.start,
    endsAt: input.end,
    locationId: await resolveLocationId(ctx, input.location),
    caseNumber: input.caseNumber,
    secretariatContactId: input.secretariatContactId,
  });
  await recordAudit(tx, {
    actor,
    action: 'meeting.update',
    entityType: 'meeting',
    entityId: meetingId,
    before,
    after,
  });
  return after;
}

/** Deletes a meeting and its agenda. */
export async function deleteMeeting({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<void> {
  const before = await requireMeeting(ctx, meetingId, 'meeting.delete');
  const items = await repo.selectItems(ctx.tx, meetingId);
  await repo.deleteMeeting(ctx.tx, meetingId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.delete',
    entityType: 'meeting',
    entityId: meetingId,
    before: { ...before, items },
  });
}

function assertClosedHasPublicTitle(isPublic: boolean, publicTitle: string | null): void {
  if (!isPublic && !publicTitle) {
    throw validationError('publicTitle', da.validation.closedNeedsPublicTitle);
  }
}

/** Adds an item at the end of the agenda (or of its parent's sub-items). */
export async function addAgendaItem({
  meetingId,
  input,
  ...ctx
}: WriteContext & { meetingId: string; input: ItemCreateInput }): Promise<repo.AgendaItemRow> {
  const { actor, tx } = ctx;
  await requireMeeting(ctx, meetingId, 'agendaItem.write');
  if (input.parentId !== null) {
    const parent = await repo.selectItem(tx, meetingId, input.parentId);
    if (!parent) throw validationError('parentId', da.validation.unknownParent);
    if (parent.parentId !== null) throw validationError('parentId', da.validation.nestedTooDeep);
  }
  assertClosedHasPublicTitle(input.isPublic, input.publicTitle);
  if (input.paperId !== null) await assertPaperVisible(ctx, input.paperId);
  const { attachments, standingKind, ...values } = input;
  const item = await repo.insertItem(tx, {
    ...values,
    standingKind: standingKind ?? inferStandingKind(input.title),
    meetingId,
    position: await repo.nextPosition(tx, meetingId, input.parentId),
  });
  await repo.replaceAttachments(tx, item.id, attachments);
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.create',
    entityType: 'agendaItem',
    entityId: item.id,
    after: { ...item, attachments },
  });
  return item;
}

async function assertPaperVisible(ctx: ServiceContext, paperId: string): Promise<void> {
  try {
    await getPaper({ ...ctx, paperId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw validationError('paperId', da.validation.unknownPaper);
    }
    throw error;
  }
}

async function requireItem(
  ctx: ServiceContext,
  meetingId: string,
  itemId: string,
): Promise<repo.AgendaItemRow> {
  await requireMeeting(ctx, meetingId, 'agendaItem.write');
  const item = await repo.selectItem(ctx.tx, meetingId, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}

/** Changes an item's fields; the time plan follows from the new duration. */
export async function updateAgendaItem({
  meetingId,
  itemId,
  input,
  ...ctx
}: WriteContext & {
  meetingId: string;
  itemId: string;
  input: ItemUpdateInput;
}): Promise<repo.AgendaItemRow> {
  const { actor, tx } = ctx;
  const before = await requireItem(ctx, meetingId, itemId);
  assertClosedHasPublicTitle(
    input.isPublic ?? before.isPublic,
    input.publicTitle === undefined ? before.publicTitle : input.publicTitle,
  );
  const { attachments, disqualifiedPersonIds, ...values } = input;
  const beforeAttachments = await repo.selectAttachments(tx, [itemId]);
  const beforeDisqualified = await repo.selectDisqualifiedPersonIds(tx, itemId);
  const after = await repo.updateItem(tx, itemId, values);
  if (attachments !== undefined) await repo.replaceAttachments(tx, itemId, attachments);
  if (disqualifiedPersonIds !== undefined) {
    for (const personId of disqualifiedPersonIds) {
      if (!(await readPerson({ tx }, personId)))
        throw validationError('disqualifiedPersonIds', da.validation.unknownPerson);
    }
    await repo.replaceDisqualifications(tx, itemId, disqualifiedPersonIds);
  }
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.update',
    entityType: 'agendaItem',
    entityId: itemId,
    before: {
      ...before,
      attachments: beforeAttachments.map((attachment) => attachment.title),
      disqualifiedPersonIds: beforeDisqualified,
    },
    after: {
      ...after,
      attachments: attachments ?? beforeAttachments.map((attachment) => attachment.title),
      disqualifiedPersonIds: disqualifiedPersonIds ?? beforeDisqualified,
    },
  });
  return after;
}

/** Deletes an item (and its sub-items) and closes the gap in the numbering. */
export async function deleteAgendaItem({
  meetingId,
  itemId,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string }): Promise<void> {
  const { actor, tx } = ctx;
  const before = await requireItem(ctx, meetingId, itemId);
  await repo.deleteItem(tx, itemId);
  const siblings = await repo.selectSiblings(tx, meetingId, before.parentId);
  await repo.setPositions(
    tx,
    siblings.map((sibling) => sibling.id),
  );
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.delete',
    entityType: 'agendaItem',
    entityId: itemId,
    before,
  });
}

/** Moves an item to a 1-based position among its siblings; the others shift to make room. */
export async function moveAgendaItem({
  meetingId,
  itemId,
  position,
  ...ctx
}: WriteContext & { meetingId: string; itemId: string; position: number }): Promise<void> {
  const { actor, tx } = ctx;
  const item = await requireItem(ctx, meetingId, itemId);
  const siblings = await repo.selectSiblings(tx, meetingId, item.parentId);
  if (position > siblings.length) throw validationError('position', da.validation.position);
  const order = siblings.map((sibling) => sibling.id).filter((id) => id !== itemId);
  order.splice(position - 1, 0, itemId);
  await repo.setPositions(tx, order);
  await recordAudit(tx, {
    actor,
    action: 'agendaItem.move',
    entityType: 'agendaItem',
    entityId: itemId,
    before: { position: item.position },
    after: { position },
  });
}
