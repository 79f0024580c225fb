import { recordAudit } from '../../platform/audit/record-audit';
import { can, visibleOrganizationIds } from '../../platform/auth/policy';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import { getMeetingDetail, updateAgendaItem, type MeetingDetail } from '../meetings/index';
import { readOrganization } from '../organizations/index';
import { getPaper, type PaperDetail } from '../papers/index';
import * as repo from './repository';
import type { TreatmentCreateInput } from './schemas';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { mayPlanTreatments } from './policy';
import { formatIsoDate } from './topics';

const a = da.annualPlan;

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
