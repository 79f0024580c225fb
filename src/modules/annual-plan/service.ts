import { recordAudit } from '../../platform/audit/record-audit';
import { can, visibleOrganizationIds } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { formatDateLong, startOfLocalDay, toLocalDate } from '../../platform/i18n/format';
import {
  addAgendaItem,
  getMeetingDetail,
  updateAgendaItem,
  type MeetingDetail,
} from '../meetings/index';
import { getOrganization, readOrganization } from '../organizations/index';
import { getPaper, type PaperDetail } from '../papers/index';
import * as repo from './repository';
import type { TopicCreateInput, TopicUpdateInput, TreatmentCreateInput } from './schemas';
import { groupByMonth, occursInYear } from './year-plan';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { mayPlanTreatments } from './policy';

/** "2023-11-15" as "15. november 2023". */
export const formatIsoDate = (isoDate: string) => formatDateLong(startOfLocalDay(isoDate));

type Organization = Awaited<ReturnType<typeof getOrganization>>;

const a = da.annualPlan;

const validationError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', { details: [{ field, message }] });

/** The organization whose årshjul the actor reads; one they may not see does not exist. */
async function requirePlanOrganization(
  { actor, tx }: ServiceContext,
  organizationId: string,
  action: 'annualPlan.read' | 'annualPlan.manage',
): Promise<Organization> {
  if (!can(actor, 'annualPlan.read')) throw new AppError('FORBIDDEN');
  const organization = await getOrganization({ actor, tx, id: organizationId });
  if (!can(actor, 'annualPlan.read', { organizationId })) throw new AppError('NOT_FOUND');
  if (!can(actor, action, { organizationId })) throw new AppError('FORBIDDEN');
  return organization;
}

export type YearPlan = {
  organization: Organization;
  year: number;
  months: Array<{ month: number; topics: repo.TopicRow[] }>;
};

/** An organization's årshjul for a year, all twelve months. */
export async function getYearPlan({
  organizationId,
  year,
  ...ctx
}: ServiceContext & { organizationId: string; year: number }): Promise<YearPlan> {
  const organization = await requirePlanOrganization(ctx, organizationId, 'annualPlan.read');
  const topics = await repo.selectTopicsForYear(ctx.tx, organizationId, year);
  return { organization, year, months: groupByMonth(topics, year) };
}

/** Adds a planned topic to an organization's årshjul. */
export async function createTopic({
  organizationId,
  input,
  ...ctx
}: WriteContext & { organizationId: string; input: TopicCreateInput }): Promise<repo.TopicRow> {
  await requirePlanOrganization(ctx, organizationId, 'annualPlan.manage');
  const topic = await repo.insertTopic(ctx.tx, { ...input, organizationId });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'annualPlanTopic.create',
    entityType: 'annualPlanTopic',
    entityId: topic.id,
    after: topic,
  });
  return topic;
}

/** A topic the actor may read (and, for `annualPlan.manage`, change). */
export async function getTopic({
  topicId,
  action = 'annualPlan.read',
  ...ctx
}: ServiceContext & {
  topicId: string;
  action?: 'annualPlan.read' | 'annualPlan.manage';
}): Promise<repo.TopicRow> {
  if (!can(ctx.actor, 'annualPlan.read')) throw new AppError('FORBIDDEN');
  const topic = await repo.selectTopic(ctx.tx, topicId);
  if (!topic || !can(ctx.actor, 'annualPlan.read', topic)) throw new AppError('NOT_FOUND');
  if (!can(ctx.actor, action, topic)) throw new AppError('FORBIDDEN');
  return topic;
}

/** Changes a planned topic's title, month, year, recurrence, responsible or note. */
export async function updateTopic({
  topicId,
  input,
  ...ctx
}: WriteContext & { topicId: string; input: TopicUpdateInput }): Promise<repo.TopicRow> {
  const before = await getTopic({ ...ctx, topicId, action: 'annualPlan.manage' });
  const after = await repo.updateTopic(ctx.tx, topicId, input);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'annualPlanTopic.update',
    entityType: 'annualPlanTopic',
    entityId: topicId,
    before,
    after,
  });
  return after;
}

/** Removes a planned topic; agenda items made from it stay. */
export async function deleteTopic({
  topicId,
  ...ctx
}: WriteContext & { topicId: string }): Promise<void> {
  const before = await getTopic({ ...ctx, topicId, action: 'annualPlan.manage' });
  await repo.deleteTopic(ctx.tx, topicId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'annualPlanTopic.delete',
    entityType: 'annualPlanTopic',
    entityId: topicId,
    before,
  });
}

// ---- Planned topics on a meeting's agenda ----

export type MeetingTopics = {
  detail: MeetingDetail;
  year: number;
  month: number;
  /** The meeting's local date, YYYY-MM-DD. */
  meetingDate: string;
  /** The month's topics not yet put on an agenda this year. */
  topics: repo.TopicRow[];
};

function meetingMonth(detail: MeetingDetail): { year: number; month: number } {
  const [year, month] = toLocalDate(detail.meeting.startsAt).split('-').map(Number) as [
    number,
    number,
  ];
  return { year, month };
}

/** The planned topics of the meeting's organization for the meeting's month, not yet on an agenda. */
export async function listMeetingTopics({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<MeetingTopics> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  const { organizationId } = detail.meeting;
  if (!can(ctx.actor, 'annualPlan.read', { organizationId })) throw new AppError('FORBIDDEN');
  const { year, month } = meetingMonth(detail);
  const topics = (await repo.selectTopicsForYear(ctx.tx, organizationId, year)).filter(
    (topic) => topic.month === month,
  );
  const onAgenda = await repo.selectTopicIdsOnAgenda(
    ctx.tx,
    topics.map((topic) => topic.id),
    year,
  );
  return {
    detail,
    year,
    month,
    meetingDate: toLocalDate(detail.meeting.startsAt),
    topics: topics.filter((topic) => !onAgenda.has(topic.id)),
  };
}

/** Puts a planned topic on the meeting's agenda as a new last item and marks it as used this year. */
export async function addTopicToAgenda({
  meetingId,
  topicId,
  ...ctx
}: WriteContext & { meetingId: string; topicId: string }): Promise<{ itemId: string }> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  const { organizationId } = detail.meeting;
  const topic = await repo.selectTopic(ctx.tx, topicId);
  const { year, month } = meetingMonth(detail);
  if (!topic || topic.organizationId !== organizationId || !occursInYear(topic, year)) {
    throw validationError('topicId', a.unknownTopic);
  }
  if (topic.month !== month) throw validationError('topicId', a.topicNotThisMonth);
  if ((await repo.selectTopicIdsOnAgenda(ctx.tx, [topic.id], year)).has(topic.id)) {
    throw new AppError('CONFLICT', {
      message: a.topicAlreadyOnAgenda,
      details: [{ field: 'topicId', message: a.topicAlreadyOnAgenda }],
    });
  }
  // addAgendaItem checks that the actor may write the agenda.
  const item = await addAgendaItem({
    ...ctx,
    meetingId,
    input: {
      title: topic.title,
      durationMinutes: 0,
      purpose: topic.note,
      method: null,
      responsible: topic.responsible ? [topic.responsible] : [],
      isPublic: true,
      publicTitle: null,
      note: null,
      parentId: null,
      attachments: [],
      paperId: null,
    },
  });
  await repo.insertTopicItem(ctx.tx, { topicId: topic.id, agendaItemId: item.id, year });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'annualPlanTopic.addToAgenda',
    entityType: 'annualPlanTopic',
    entityId: topic.id,
    after: { agendaItemId: item.id, meetingId, year },
  });
  return { itemId: item.id };
}

// ---- Planned treatments of a paper ----

export type PaperTreatments = { paper: PaperDetail['paper']; treatments: repo.TreatmentView[] };

/** A paper's planned path through the organizations, in date order. */
export async function listTreatments({
  paperId,
  ...ctx
}: ServiceContext & { paperId: string }): Promise<PaperTreatments> {
  const { paper } = await getPaper({ ...ctx, paperId });
  return { paper, treatments: await repo.selectTreatments(ctx.tx, paperId) };
}

/** Plans a treatment of the paper in an organization (udvalg, magistrat, byråd …) on a date. */
export async function addTreatment({
  paperId,
  input,
  ...ctx
}: WriteContext & { paperId: string; input: TreatmentCreateInput }): Promise<repo.TreatmentView> {
  const { paper } = await getPaper({ ...ctx, paperId });
  if (!mayPlanTreatments(ctx.actor, paper)) throw new AppError('FORBIDDEN');
  const { organizationId, plannedDate } = input.meetingId
    ? await meetingBodyAndDate(ctx, input.meetingId)
    : { organizationId: input.organizationId!, plannedDate: input.plannedDate! };
  const organization = await readOrganization(ctx, organizationId);
  if (!organization) throw validationError('organizationId', da.validation.unknownOrganization);
  const treatment = await repo.insertTreatment(ctx.tx, {
    paperId,
    organizationId,
    plannedDate,
    note: input.note,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'plannedTreatment.create',
    entityType: 'plannedTreatment',
    entityId: treatment.id,
    after: treatment,
  });
  return {
    ...treatment,
    organizationName: organization.name,
    organizationClassification: organization.classification,
  };
}

/** A planned meeting's organization and local date, for a treatment planned by meeting. */
async function meetingBodyAndDate(
  ctx: ServiceContext,
  meetingId: string,
): Promise<{ organizationId: string; plannedDate: string }> {
  try {
    const { meeting } = await getMeetingDetail({ ...ctx, meetingId });
    return { organizationId: meeting.organizationId, plannedDate: toLocalDate(meeting.startsAt) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw validationError('meetingId', a.unknownMeeting);
    }
    throw error;
  }
}

/** Removes a planned treatment; the paper must be one the actor may see and plan. */
export async function deleteTreatment({
  treatmentId,
  ...ctx
}: WriteContext & { treatmentId: string }): Promise<{ paperId: string }> {
  const before = await repo.selectTreatment(ctx.tx, treatmentId);
  if (!before) throw new AppError('NOT_FOUND');
  const { paper } = await getPaper({ ...ctx, paperId: before.paperId });
  if (!mayPlanTreatments(ctx.actor, paper)) throw new AppError('FORBIDDEN');
  await repo.deleteTreatment(ctx.tx, treatmentId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'plannedTreatment.delete',
    entityType: 'plannedTreatment',
    entityId: treatmentId,
    before,
  });
  return { paperId: before.paperId };
}

// ---- Sager på vej til byrådet ----

/** Papers the actor may see with a treatment planned in the magistrat or city council from a date. */
export async function listCasesToCouncil({
  actor,
  tx,
  from,
}: ServiceContext & { from: string }): Promise<repo.CaseToCouncilRow[]> {
  if (!can(actor, 'annualPlan.read')) throw new AppError('FORBIDDEN');
  // The same visibility as the papers module's: drafts only for authors and the secretariat.
  return repo.selectCasesToCouncil(tx, {
    from,
    paperOrganizationIds: visibleOrganizationIds(actor),
    releasedOnly: !can(actor, 'paper.readDraft'),
  });
}

/** The list as plain text for an agenda item, one paragraph per planned treatment. */
export function casesToCouncilText(cases: readonly repo.CaseToCouncilRow[]): string {
  if (cases.length === 0) return a.filledEmpty;
  const paragraphs = cases.map((row) =>
    a.filledLine(
      formatIsoDate(row.plannedDate),
      row.organizationName,
      row.paperTitle,
      row.paperCaseNumber,
    ),
  );
  // The item's purpose holds at most 10,000 characters; a longer list is cut at a whole line.
  const kept: string[] = [];
  let length = 0;
  for (const paragraph of paragraphs) {
    length += paragraph.length + 2;
    if (length > 9_900) break;
    kept.push(paragraph);
  }
  return kept.join('\n\n');
}

/** The meeting's standing item for cases on their way to the city council, if it has one. */
export function casesToCouncilItem(detail: MeetingDetail) {
  return detail.plan.items.find((item) => item.standingKind === 'cases_to_council');
}

/**
 * Fills the meeting's "Sager på vej til byrådet" item with the papers planned for the
 * magistrat or the city council from the meeting's date on; the item's purpose is replaced.
 */
export async function fillCasesToCouncil({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<{ itemId: string; count: number }> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  const item = casesToCouncilItem(detail);
  if (!item) throw validationError('itemId', a.noCasesItem);
  const cases = await listCasesToCouncil({ ...ctx, from: toLocalDate(detail.meeting.startsAt) });
  // updateAgendaItem checks that the actor may write the agenda, and audits the change.
  await updateAgendaItem({
    ...ctx,
    meetingId,
    itemId: item.id,
    input: { purpose: casesToCouncilText(cases) },
  });
  return { itemId: item.id, count: cases.length };
}
