import { can, visibleOrganizationIds } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readability, type Readability } from './readability';
import * as repo from './repository';
import {
  loadAttachments,
  loadPaper,
  loadPapers,
  type AttachmentRow,
  type PaperSummaryRow,
} from './rows';
import { richTextToPlain } from './rich-text';
import { countWords } from './rules';
import { compareSnapshots, type SectionComparison } from './versions';
import type { ServiceContext } from '../../platform/service-context';
import { closedItemReader, mayReadPaper, readsApprovedVersion, releasedStatuses } from './policy';

export type SectionView = repo.SectionRow & { readability: Readability };

export type PaperDetail = {
  paper: PaperSummaryRow;
  sections: SectionView[];
  attachments: AttachmentRow[];
  cover: { words: number; readability: Readability };
};

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
