import { recordAudit } from '../../platform/audit/record-audit';
import { actorUserId, can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { findExcessNesting, richTextNesting } from '../../platform/documents/rich-text-tree';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import * as repo from './repository';
import { type PaperSummaryRow } from './rows';
import { sanitizeRichText } from './rich-text';
import { assertCaseNumber } from './paper-rules';
import { recordVersion } from './versions';
import type { PaperCreateInput, PaperUpdateInput, SectionsInput } from './schemas';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { getPaper } from './paper-reading';
import { sectionHeadingsFor } from './section-templates';

/** Statuses in which the author may still change the paper. */
const editableStatuses: ReadonlyArray<repo.PaperRow['status']> = ['draft', 'returned'];

/** The paper, if the actor may change it now (author's turn, not frozen by submission or approval). */
export async function requireEditable({
  paperId,
  ...ctx
}: ServiceContext & { paperId: string }): Promise<PaperSummaryRow> {
  const { paper } = await getPaper({ ...ctx, paperId });
  if (!can(ctx.actor, 'paper.write', { organizationId: paper.organizationId }))
    throw new AppError('FORBIDDEN');
  if (!editableStatuses.includes(paper.status)) {
    throw new AppError('CONFLICT', { message: da.papers.frozen });
  }
  return paper;
}

async function assertSenderUnit(tx: Db, senderUnitId: string | null | undefined): Promise<void> {
  if (senderUnitId && !(await readOrganization({ tx }, senderUnitId))) {
    throw validationError('senderUnitId', da.papers.unknownSenderUnit);
  }
}

/** Creates a draft with the organization's empty sections. */
export async function createPaper({
  actor,
  tx,
  input,
}: WriteContext & { input: PaperCreateInput }): Promise<repo.PaperRow> {
  const organization = await readOrganization({ tx }, input.organizationId);
  if (!organization) throw validationError('organizationId', da.validation.unknownOrganization);
  if (!can(actor, 'paper.write', { organizationId: organization.id }))
    throw new AppError('FORBIDDEN');
  await assertSenderUnit(tx, input.senderUnitId);
  await assertCaseNumber(tx, organization.id, input.caseNumber);
  const paper = await repo.insertPaper(tx, { ...input, createdByUserId: actorUserId(actor) });
  const sections = await repo.replaceSections(
    tx,
    paper.id,
    (await sectionHeadingsFor(tx, organization.id)).map((heading) => ({ heading, html: '' })),
  );
  await recordVersion(tx, actor, paper.id);
  await recordAudit(tx, {
    actor,
    action: 'paper.create',
    entityType: 'paper',
    entityId: paper.id,
    after: { ...paper, sections },
  });
  return paper;
}

async function applyHeader(
  ctx: WriteContext,
  paperId: string,
  input: PaperUpdateInput,
): Promise<repo.PaperRow> {
  const before = await requireEditable({ ...ctx, paperId });
  await assertSenderUnit(ctx.tx, input.senderUnitId);
  await assertCaseNumber(ctx.tx, before.organizationId, input.caseNumber);
  const after = await repo.updatePaper(ctx.tx, paperId, input);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paper.update',
    entityType: 'paper',
    entityId: paperId,
    before,
    after,
  });
  return after;
}

/**
 * Refuses section HTML nested past the limits the documents print (`richTextNesting`), before it
 * is sanitised: the check reads the HTML once and stops at the first level too many.
 */
function assertNesting(sections: SectionsInput): void {
  const details = sections.flatMap((section, index) => {
    const excess = findExcessNesting(section.html);
    if (excess === null) return [];
    const message = da.papers.tooDeeplyNested[excess](section.heading, richTextNesting[excess]);
    return [{ field: `sections.${index}.html`, message }];
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
}

async function applySections(
  ctx: WriteContext,
  paperId: string,
  sections: SectionsInput,
): Promise<void> {
  await requireEditable({ ...ctx, paperId });
  assertNesting(sections);
  const before = await repo.selectSections(ctx.tx, paperId);
  const after = await repo.replaceSections(
    ctx.tx,
    paperId,
    sections.map((section) => ({ heading: section.heading, html: sanitizeRichText(section.html) })),
  );
  await repo.updatePaper(ctx.tx, paperId, {});
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paper.sections.update',
    entityType: 'paper',
    entityId: paperId,
    before: before.map(({ heading, html }) => ({ heading, html })),
    after: after.map(({ heading, html }) => ({ heading, html })),
  });
}

/** Changes the letterhead fields (title, sender, date, case number, case officers …); a new version. */
export async function updatePaper({
  paperId,
  input,
  ...ctx
}: WriteContext & { paperId: string; input: PaperUpdateInput }): Promise<repo.PaperRow> {
  const after = await applyHeader(ctx, paperId, input);
  await recordVersion(ctx.tx, ctx.actor, paperId);
  return after;
}

/** Replaces the sections, sanitising their HTML on the way in; a new version. */
export async function saveSections({
  paperId,
  sections,
  ...ctx
}: WriteContext & { paperId: string; sections: SectionsInput }): Promise<void> {
  await applySections(ctx, paperId, sections);
  await recordVersion(ctx.tx, ctx.actor, paperId);
}

/** Letterhead and sections saved together, as the edit page does: one version. */
export async function savePaper({
  paperId,
  input,
  ...ctx
}: WriteContext & {
  paperId: string;
  input: { header: PaperUpdateInput; sections: SectionsInput };
}): Promise<void> {
  await applyHeader(ctx, paperId, input.header);
  await applySections(ctx, paperId, input.sections);
  await recordVersion(ctx.tx, ctx.actor, paperId);
}
