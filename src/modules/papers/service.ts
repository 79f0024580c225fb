import { recordAudit } from '../../platform/audit/record-audit';
import { actorUserId, can, visibleOrganizationIds } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { findExcessNesting, richTextNesting } from '../../platform/documents/rich-text-tree';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import type { LlmConfig } from '../../platform/llm/chat-completion';
import { draftCover, type CoverDraft } from './cover-draft';
import { draftCoverWithLlm } from './cover-draft-llm';
import { readability, type Readability } from './readability';
import * as repo from './repository';
import {
  loadAttachments,
  loadPaper,
  loadPapers,
  type AttachmentRow,
  type PaperSummaryRow,
} from './rows';
import { richTextToPlain, sanitizeRichText } from './rich-text';
import { assertCaseNumber, rulesFor } from './paper-rules';
import { countWords, defaultSectionHeadings } from './rules';
import { compareSnapshots, recordVersion, type SectionComparison } from './versions';
import type { CoverInput, PaperCreateInput, PaperUpdateInput, SectionsInput } from './schemas';
import { inTransaction } from '../../platform/db/transaction';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import {
  closedItemReader,
  mayReadPaper,
  readsApprovedVersion,
  releasedStatuses,
  statusTransitions,
} from './policy';

/** Statuses in which the author may still change the paper. */
const editableStatuses: ReadonlyArray<repo.PaperRow['status']> = ['draft', 'returned'];

export type SectionView = repo.SectionRow & { readability: Readability };

export type PaperDetail = {
  paper: PaperSummaryRow;
  sections: SectionView[];
  attachments: AttachmentRow[];
  cover: { words: number; readability: Readability };
};

const validationError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', { details: [{ field, message }] });

/**
 * Papers the actor may see: everything for authors and the secretariat, released ones for
 * others; a paper a closed item treats only for those who read that item.
 */
export async function listPapers({ actor, tx }: ServiceContext): Promise<PaperSummaryRow[]> {
  const closedItems = actor.kind === 'user' ? closedItemReader(actor) : undefined;
  if (can(actor, 'paper.readDraft'))
    return loadPapers(tx, {
      organizationIds: visibleOrganizationIds(actor),
      closedItemReader: closedItems,
    });
  return loadPapers(tx, {
    organizationIds: visibleOrganizationIds(actor),
    statuses: releasedStatuses,
    orApproved: true,
    closedItemReader: closedItems,
  });
}

function coverText(paper: repo.PaperRow): string {
  return [paper.coverPurpose ?? '', ...paper.coverKeyMessages, paper.coverImplications ?? '']
    .filter(Boolean)
    .join('\n\n');
}

/** A paper with its sections and cover, each with its readability. */
export async function getPaper({
  actor,
  tx,
  paperId,
}: ServiceContext & { paperId: string }): Promise<PaperDetail> {
  const current = await loadPaper(tx, paperId);
  if (!current || !mayReadPaper(actor, current)) throw new AppError('NOT_FOUND');
  if (
    actor.kind === 'user' &&
    !(await repo.mayReadPaperInClosedItems(tx, paperId, closedItemReader(actor)))
  )
    throw new AppError('NOT_FOUND');
  const { paper, sectionRows, attachments } = readsApprovedVersion(actor, current)
    ? await approvedView(tx, current)
    : {
        paper: current,
        sectionRows: await repo.selectSections(tx, paperId),
        attachments: await loadAttachments(tx, paperId),
      };
  const sections = sectionRows.map((section) => ({
    ...section,
    readability: readability(richTextToPlain(section.html)),
  }));
  const text = coverText(paper);
  return {
    paper,
    sections,
    attachments,
    cover: { words: countWords(text), readability: readability(text) },
  };
}

/**
 * The paper as the secretariat approved it onto the agenda: the approved version's letterhead,
 * cover and sections, and those of its bilag that were part of it.
 */
async function approvedView(
  tx: Db,
  paper: PaperSummaryRow,
): Promise<{
  paper: PaperSummaryRow;
  sectionRows: repo.SectionRow[];
  attachments: AttachmentRow[];
}> {
  const version = await repo.selectVersion(tx, paper.id, paper.approvedVersion!);
  if (!version) throw new AppError('NOT_FOUND');
  const { snapshot } = version;
  const approvedFiles = new Map(
    (snapshot.attachments ?? []).map((attachment) => [attachment.sha256, attachment.title]),
  );
  const attachments = (await loadAttachments(tx, paper.id))
    .filter((attachment) => approvedFiles.has(attachment.fileSha256))
    .map((attachment, index) => ({
      ...attachment,
      position: index + 1,
      title: approvedFiles.get(attachment.fileSha256) ?? attachment.title,
    }));
  return {
    paper: {
      ...paper,
      status: 'on_agenda',
      title: snapshot.title,
      caseNumber: snapshot.caseNumber,
      caseOfficers: snapshot.caseOfficers,
      coverPurpose: snapshot.cover.purpose,
      coverKeyMessages: snapshot.cover.keyMessages,
      coverImplications: snapshot.cover.implications,
      coverRequestedAction: snapshot.cover.requestedAction as repo.PaperRow['coverRequestedAction'],
    },
    sectionRows: snapshot.sections.map((section, index) => ({
      id: `${paper.id}:${index + 1}`,
      paperId: paper.id,
      position: index + 1,
      heading: section.heading,
      html: section.html,
      createdAt: version.createdAt,
      updatedAt: version.createdAt,
    })),
    attachments,
  };
}

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

/** The section headings a new paper to this organization starts with. */
export async function sectionHeadingsFor(tx: Db, organizationId: string): Promise<string[]> {
  return (await repo.selectTemplateHeadings(tx, organizationId)) ?? [...defaultSectionHeadings];
}

export type SectionTemplate = { organizationId: string; headings: string[]; isDefault: boolean };

/** The section headings papers to an organization start with (the seed's set when none is kept). */
export async function getSectionTemplate({
  actor,
  tx,
  organizationId,
}: ServiceContext & { organizationId: string }): Promise<SectionTemplate> {
  const organization = await readOrganization({ tx }, organizationId);
  if (
    !organization ||
    !(
      can(actor, 'paper.write', { organizationId }) ||
      can(actor, 'template.read', { organizationId })
    )
  ) {
    throw new AppError('NOT_FOUND');
  }
  const headings = await repo.selectTemplateHeadings(tx, organizationId);
  return {
    organizationId,
    headings: headings ?? [...defaultSectionHeadings],
    isDefault: headings === undefined,
  };
}

/** Administrators set an organization's section headings; existing papers keep theirs. */
export async function saveSectionTemplate({
  organizationId,
  headings,
  ...ctx
}: WriteContext & {
  organizationId: string;
  headings: readonly string[];
}): Promise<SectionTemplate> {
  const before = await getSectionTemplate({ ...ctx, organizationId });
  if (!can(ctx.actor, 'template.manage')) throw new AppError('FORBIDDEN');
  const seen = new Set<string>();
  for (const heading of headings) {
    const key = heading.toLocaleUpperCase('da');
    if (seen.has(key)) throw validationError('headings', da.papers.duplicateHeading(heading));
    seen.add(key);
  }
  await repo.upsertTemplateHeadings(ctx.tx, organizationId, headings);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paperTemplate.update',
    entityType: 'organization',
    entityId: organizationId,
    before: before.headings,
    after: headings,
  });
  return { organizationId, headings: [...headings], isDefault: false };
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

/** A paper's versions, newest first, for those who may see its drafts. */
export async function listVersions({
  paperId,
  ...ctx
}: ServiceContext & { paperId: string }): Promise<repo.VersionRow[]> {
  const { paper } = await getPaper({ ...ctx, paperId });
  if (!can(ctx.actor, 'paper.readDraft', { organizationId: paper.organizationId }))
    throw new AppError('NOT_FOUND');
  return repo.selectVersions(ctx.tx, paperId);
}

/** What changed between two versions, section by section. */
export async function compareVersions({
  paperId,
  older,
  newer,
  ...ctx
}: ServiceContext & { paperId: string; older: number; newer: number }): Promise<
  SectionComparison[]
> {
  await listVersions({ ...ctx, paperId });
  const [a, b] = await Promise.all([
    repo.selectVersion(ctx.tx, paperId, older),
    repo.selectVersion(ctx.tx, paperId, newer),
  ]);
  if (!a || !b) throw new AppError('NOT_FOUND', { message: da.papers.unknownVersion });
  return compareSnapshots(a.snapshot, b.snapshot);
}

/** Saves the short cover within its word limits; a clear message says which limit is passed. */
export async function saveCover({
  paperId,
  cover,
  ...ctx
}: WriteContext & { paperId: string; cover: CoverInput }): Promise<repo.PaperRow> {
  const before = await requireEditable({ ...ctx, paperId });
  const rules = await rulesFor(ctx.tx, before.organizationId);
  const details: Array<{ field: string; message: string }> = [];
  cover.keyMessages.forEach((message, index) => {
    const words = countWords(message);
    if (words > rules.keyMessageMaxWords) {
      details.push({
        field: `keyMessages.${index}`,
        message: da.papers.keyMessageTooLong(index + 1, rules.keyMessageMaxWords, words),
      });
    }
  });
  const total = countWords(
    [cover.purpose ?? '', ...cover.keyMessages, cover.implications ?? ''].join('\n\n'),
  );
  if (total > rules.coverMaxWords) {
    details.push({ field: 'cover', message: da.papers.coverTooLong(rules.coverMaxWords, total) });
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
  const after = await repo.updatePaper(ctx.tx, paperId, {
    coverPurpose: cover.purpose,
    coverKeyMessages: cover.keyMessages,
    coverImplications: cover.implications,
    coverRequestedAction: cover.requestedAction,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paper.cover.update',
    entityType: 'paper',
    entityId: paperId,
    before,
    after,
  });
  return after;
}

/**
 * A first draft of the cover from the memo's sections; nothing is saved until a person saves it.
 * With a language model configured it writes the draft (prompt and answer go to the audit log);
 * if it fails, the deterministic draft is used and says why.
 */
export async function draftCoverFor({
  paperId,
  options = {},
  ...ctx
}: ServiceContext & { paperId: string; options?: { llm?: LlmConfig } }): Promise<CoverDraft> {
  const { paper, sections } = await getPaper({ ...ctx, paperId });
  if (!can(ctx.actor, 'paper.write', { organizationId: paper.organizationId }))
    throw new AppError('FORBIDDEN');
  const rules = await rulesFor(ctx.tx, paper.organizationId);
  const plainSections = sections.map((section) => ({
    heading: section.heading,
    text: richTextToPlain(section.html),
  }));
  const deterministic = draftCover(plainSections, {
    maxKeyMessageWords: rules.keyMessageMaxWords,
  });
  if (!options.llm) return deterministic;
  // The model is asked outside any transaction: its answer may take many seconds.
  const outcome = await draftCoverWithLlm(options.llm, plainSections, rules);
  const llm = options.llm;
  await inTransaction(ctx.tx, (tx) =>
    recordAudit(tx, {
      actor: ctx.actor,
      action: outcome.ok ? 'paper.cover.llmDraft' : 'paper.cover.llmDraftFailed',
      entityType: 'paper',
      entityId: paperId,
      before: { model: llm.model, prompt: outcome.prompt },
      after: outcome.ok
        ? { answer: outcome.answer }
        : { answer: outcome.answer, reason: outcome.reason },
    }),
  );
  if (outcome.ok) return outcome.draft;
  return {
    ...deterministic,
    explanation: {
      ...deterministic.explanation,
      purpose: `${da.papers.llmFailed} ${deterministic.explanation.purpose}`,
    },
  };
}

/** Moves a paper along its workflow; the system (demo, imports) may set any status. */
export async function setPaperStatus({
  actor,
  tx,
  paperId,
  status,
}: WriteContext & { paperId: string; status: repo.PaperRow['status'] }): Promise<void> {
  const before = await loadPaper(tx, paperId);
  if (!before) throw new AppError('NOT_FOUND');
  if (actor.kind !== 'system') {
    const action = statusTransitions[before.status][status];
    if (!action)
      throw new AppError('CONFLICT', {
        message: da.papers.wrongStatus(da.papers.statuses[before.status]),
      });
    if (!can(actor, action, { organizationId: before.organizationId }))
      throw new AppError('FORBIDDEN');
  }
  // Approval onto an agenda freezes the version approved.
  const approvedVersion =
    status === 'on_agenda' ? await repo.selectLatestVersionNumber(tx, paperId) : undefined;
  await repo.updatePaper(tx, paperId, { status, approvedVersion });
  await recordAudit(tx, {
    actor,
    action: 'paper.status',
    entityType: 'paper',
    entityId: paperId,
    before: { status: before.status, approvedVersion: before.approvedVersion },
    after: { status, approvedVersion: approvedVersion ?? before.approvedVersion },
  });
}

/**
 * The author takes an approved paper back to correct it. Its approved version stays on the
 * agenda for everyone else until the corrected paper is submitted and approved again.
 */
export async function reopenPaper({
  paperId,
  ...ctx
}: WriteContext & { paperId: string }): Promise<void> {
  await getPaper({ ...ctx, paperId });
  await setPaperStatus({ ...ctx, paperId, status: 'draft' });
}
