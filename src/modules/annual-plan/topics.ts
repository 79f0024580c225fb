import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { formatDateLong, startOfLocalDay, toLocalDate } from '../../platform/i18n/format';
import { addAgendaItem, getMeetingDetail, type MeetingDetail } from '../meetings/index';
import { getOrganization } from '../organizations/index';
import * as repo from './repository';
import type { TopicCreateInput, TopicUpdateInput } from './schemas';
import { groupByMonth, occursInYear } from './year-plan';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

/** "2023-11-15" as "15. november 2023". */
export const formatIsoDate = (isoDate: string) => formatDateLong(startOfLocalDay(isoDate));

type Organization = Awaited<ReturnType<typeof getOrganization>>;

const a = da.annualPlan;

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
