import { diffWords } from 'diff';
import { actorLabel, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import type { PaperSnapshot } from './db-schema';
import * as repo from './repository';
import { loadAttachments, loadPaper } from './rows';
import { richTextToPlain } from './rich-text';

/** One run of a word diff: text kept, added or removed. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export type SectionComparison = {
  heading: string;
  change: 'unchanged' | 'changed' | 'added' | 'removed';
  parts: DiffPart[];
};

/** Stores the paper as it is now as its next version. Call it in the transaction that saved it. */
export async function recordVersion(
  tx: Db,
  actor: Actor,
  paperId: string,
): Promise<repo.VersionRow> {
  const paper = await loadPaper(tx, paperId);
  if (!paper) throw new AppError('NOT_FOUND');
  const sections = await repo.selectSections(tx, paperId);
  const attachments = await loadAttachments(tx, paperId);
  const snapshot: PaperSnapshot = {
    title: paper.title,
    caseNumber: paper.caseNumber,
    caseOfficers: paper.caseOfficers,
    sections: sections.map(({ heading, html }) => ({ heading, html })),
    attachments: attachments.map(({ title, fileName, fileSha256 }) => ({
      title,
      fileName,
      sha256: fileSha256,
    })),
    cover: {
      purpose: paper.coverPurpose,
      keyMessages: paper.coverKeyMessages,
      implications: paper.coverImplications,
      requestedAction: paper.coverRequestedAction,
    },
  };
  // People are shown by name on the versions page, not by their e-mail address.
  const label = actor.kind === 'user' ? actor.name : actorLabel(actor);
  return repo.insertVersion(tx, { paperId, snapshot, actorLabel: label });
}

function coverText(snapshot: PaperSnapshot): string {
  const { cover } = snapshot;
  return [
    cover.purpose ?? '',
    ...cover.keyMessages,
    cover.implications ?? '',
    cover.requestedAction ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Bilag as numbered lines; a replaced file with the same title shows as a changed line. */
function attachmentList(snapshot: PaperSnapshot): string {
  return (snapshot.attachments ?? [])
    .map(
      (attachment, index) =>
        `${index + 1}. ${attachment.title} (${attachment.fileName}, ${attachment.sha256.slice(0, 8)})`,
    )
    .join('\n');
}

function compareTexts(
  heading: string,
  before: string | undefined,
  after: string | undefined,
): SectionComparison {
  const parts: DiffPart[] = diffWords(before ?? '', after ?? '').map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
  const change =
    before === undefined
      ? 'added'
      : after === undefined
        ? 'removed'
        : before === after
          ? 'unchanged'
          : 'changed';
  return { heading, change, parts };
}

/** Section-by-section word diff between two versions, the cover first, in the newer version's order. */
export function compareSnapshots(older: PaperSnapshot, newer: PaperSnapshot): SectionComparison[] {
  const plain = (snapshot: PaperSnapshot) =>
    new Map(snapshot.sections.map((section) => [section.heading, richTextToPlain(section.html)]));
  const before = plain(older);
  const after = plain(newer);
  const headings = [
    ...after.keys(),
    ...[...before.keys()].filter((heading) => !after.has(heading)),
  ];
  return [
    compareTexts('Titel', older.title, newer.title),
    compareTexts('Kort cover', coverText(older), coverText(newer)),
    ...headings.map((heading) => compareTexts(heading, before.get(heading), after.get(heading))),
    compareTexts('Bilag', attachmentList(older), attachmentList(newer)),
  ];
}
