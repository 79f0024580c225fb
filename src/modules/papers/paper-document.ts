import type { Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import type { PaperDocument } from './export-document';
import { getPaper } from './service';

const t = da.papers;

/** A memo as its documents print it: names and labels resolved, for whoever may read it. */
export async function loadPaperDocument(
  ctx: { actor: Actor; tx: Db },
  paperId: string,
): Promise<PaperDocument> {
  const { paper, sections, attachments } = await getPaper(ctx, paperId);
  const senderUnit = paper.senderUnitId
    ? await readOrganization(ctx, paper.senderUnitId)
    : undefined;
  const hasCover =
    Boolean(paper.coverPurpose) ||
    paper.coverKeyMessages.length > 0 ||
    Boolean(paper.coverImplications);
  return {
    kindLabel: t.kinds[paper.kind],
    title: paper.title,
    organizationName: paper.organizationName,
    senderUnitName: senderUnit?.name ?? null,
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

/** A file name for the memo's documents: its title, without characters file systems refuse. */
export function paperFileName(title: string, extension: 'pdf' | 'docx'): string {
  const base = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${base.slice(0, 120) || 'sag'}.${extension}`;
}
