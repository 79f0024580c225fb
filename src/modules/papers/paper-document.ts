import type { Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { da } from '../../platform/i18n/da';
import { readOrganization, readOrganizationNames } from '../organizations/index';
import type { PaperDocument } from './export-document';
import * as repo from './repository';
import { loadAttachmentsOfPapers, loadPapersByIds } from './rows';
import { readsStoredPaper } from './policy';
import { getPaper, type PaperDetail } from './paper-reading';

const t = da.papers;

type PaperParts = Pick<
  PaperDetail['paper'],
  | 'kind'
  | 'title'
  | 'organizationName'
  | 'addressee'
  | 'paperDate'
  | 'caseNumber'
  | 'caseOfficers'
  | 'phone'
  | 'email'
  | 'coverPurpose'
  | 'coverKeyMessages'
  | 'coverImplications'
  | 'coverRequestedAction'
>;

function toPaperDocument(
  paper: PaperParts,
  senderUnitName: string | null,
  sections: ReadonlyArray<{ heading: string; html: string }>,
  attachments: ReadonlyArray<{ position: number; title: string }>,
): PaperDocument {
  const hasCover =
    Boolean(paper.coverPurpose) ||
    paper.coverKeyMessages.length > 0 ||
    Boolean(paper.coverImplications);
  return {
    kindLabel: t.kinds[paper.kind],
    title: paper.title,
    organizationName: paper.organizationName,
    senderUnitName,
    addresseeLabel: t.addressees[paper.addressee],
    paperDate: paper.paperDate,
    caseNumber: paper.caseNumber,
    caseOfficers: paper.caseOfficers,
    phone: paper.phone,
    email: paper.email,
    cover: hasCover
      ? {
          purpose: paper.coverPurpose,
          keyMessages: paper.coverKeyMessages,
          implications: paper.coverImplications,
          requestedActionLabel: paper.coverRequestedAction
            ? t.requestedActions[paper.coverRequestedAction]
            : null,
        }
      : null,
    sections: sections.map(({ heading, html }) => ({ heading, html })),
    attachments: attachments.map(({ position, title }) => ({ number: position, title })),
  };
}

/** A memo as its documents print it: names and labels resolved, for whoever may read it. */
export async function loadPaperDocument(
  ctx: { actor: Actor; tx: Db },
  paperId: string,
): Promise<PaperDocument> {
  const { paper, sections, attachments } = await getPaper({ ...ctx, paperId });
  const senderUnit = paper.senderUnitId
    ? await readOrganization(ctx, paper.senderUnitId)
    : undefined;
  return toPaperDocument(paper, senderUnit?.name ?? null, sections, attachments);
}

/**
 * Several memos as loadPaperDocument loads each, by id: papers, sections and bilag in one query
 * each (a meeting package reads every memo on the agenda). A paper the actor reads only after a
 * check of its own, or in its approved version, is loaded alone as before.
 */
export async function loadPaperDocuments(
  ctx: { actor: Actor; tx: Db },
  paperIds: readonly string[],
): Promise<Map<string, PaperDocument>> {
  const ids = [...new Set(paperIds)];
  const together = (await loadPapersByIds(ctx.tx, ids)).filter((paper) =>
    readsStoredPaper(ctx.actor, paper),
  );
  const togetherIds = together.map((paper) => paper.id);
  const [sections, attachments, senderUnitNames] = await Promise.all([
    repo.selectSectionsOfPapers(ctx.tx, togetherIds),
    loadAttachmentsOfPapers(ctx.tx, togetherIds),
    readOrganizationNames(
      ctx,
      together.flatMap((paper) => (paper.senderUnitId ? [paper.senderUnitId] : [])),
    ),
  ]);
  const documents = new Map<string, PaperDocument>();
  for (const paper of together) {
    documents.set(
      paper.id,
      toPaperDocument(
        paper,
        paper.senderUnitId ? (senderUnitNames.get(paper.senderUnitId) ?? null) : null,
        sections.filter((section) => section.paperId === paper.id),
        attachments.filter((attachment) => attachment.paperId === paper.id),
      ),
    );
  }
  for (const id of ids) {
    if (!documents.has(id)) documents.set(id, await loadPaperDocument(ctx, id));
  }
  return documents;
}

/** A file name for the memo's documents: its title, without characters file systems refuse. */
export function paperFileName(title: string, extension: 'pdf' | 'docx'): string {
  const base = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${base.slice(0, 120) || 'sag'}.${extension}`;
}
