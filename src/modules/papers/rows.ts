// Papers and bilag as the module's use-cases see them: its own rows completed with what the
// owners of the rest say (the organization's name, the stored file's facts), one query each.
import type { Db } from '../../platform/db/client';
import { readStoredFileFacts } from '../files/index';
import { readOrganizationNames } from '../organizations/index';
import * as repo from './repository';

export type PaperSummaryRow = repo.PaperRow & { organizationName: string };

/** A bilag with what its stored file says about it. */
export type AttachmentRow = repo.PaperAttachmentRow & {
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
};

async function withOrganizationNames(
  tx: Db,
  papers: readonly repo.PaperRow[],
): Promise<PaperSummaryRow[]> {
  const names = await readOrganizationNames(
    { tx },
    papers.map((paper) => paper.organizationId),
  );
  return papers.map((paper) => ({ ...paper, organizationName: names.get(paper.organizationId)! }));
}

async function withFileFacts(
  tx: Db,
  attachments: readonly repo.PaperAttachmentRow[],
): Promise<AttachmentRow[]> {
  const facts = await readStoredFileFacts(
    { tx },
    attachments.map((attachment) => attachment.fileSha256),
  );
  return attachments.map((attachment) => {
    const { mediaType, byteSize, pageCount } = facts.get(attachment.fileSha256)!;
    return { ...attachment, mediaType, byteSize, pageCount };
  });
}

export async function loadPaper(tx: Db, id: string): Promise<PaperSummaryRow | undefined> {
  const paper = await repo.selectPaper(tx, id);
  return paper && (await withOrganizationNames(tx, [paper]))[0];
}

/** Papers, newest first, by repo.selectPapers' filter. */
export async function loadPapers(
  tx: Db,
  filter: Parameters<typeof repo.selectPapers>[1],
): Promise<PaperSummaryRow[]> {
  return withOrganizationNames(tx, await repo.selectPapers(tx, filter));
}

export async function loadAttachments(tx: Db, paperId: string): Promise<AttachmentRow[]> {
  return withFileFacts(tx, await repo.selectAttachments(tx, paperId));
}

export async function loadAttachment(tx: Db, id: string): Promise<AttachmentRow | undefined> {
  const attachment = await repo.selectAttachment(tx, id);
  return attachment && (await withFileFacts(tx, [attachment]))[0];
}

/** Papers by id, each with its organization's name (one query per owner, not per paper). */
export async function loadPapersByIds(tx: Db, ids: readonly string[]): Promise<PaperSummaryRow[]> {
  return withOrganizationNames(tx, await repo.selectPapersByIds(tx, ids));
}

/** The bilag of several papers, each paper's in order. */
export async function loadAttachmentsOfPapers(
  tx: Db,
  paperIds: readonly string[],
): Promise<AttachmentRow[]> {
  return withFileFacts(tx, await repo.selectAttachmentsOfPapers(tx, paperIds));
}
