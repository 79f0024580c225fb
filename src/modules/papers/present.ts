import type { z } from 'zod';
import type { Readability } from './readability';
import type { AttachmentRow, PaperSummaryRow } from './rows';
import type { paperAttachmentResponse, paperResponse, paperSummaryResponse } from './schemas';
import type { PaperDetail } from './paper-reading';

function presentReadability(value: Readability) {
  return {
    lix: value.lix,
    band: value.band,
    words: value.words,
    sentences: value.sentences,
    longSentences: value.longSentences,
  };
}

export function presentPaperSummary(paper: PaperSummaryRow): z.input<typeof paperSummaryResponse> {
  return {
    id: paper.id,
    kind: paper.kind,
    title: paper.title,
    status: paper.status,
    organization: { id: paper.organizationId, name: paper.organizationName },
    paperDate: paper.paperDate,
    caseNumber: paper.caseNumber,
  };
}

/** Where a bilag's file is fetched: one handler serves the API path and the page path. */
export const attachmentFileUrl = (attachmentId: string) =>
  `/api/v1/attachments/${attachmentId}/content`;
export const attachmentPagePath = (attachmentId: string) => `/bilag/${attachmentId}`;

export function presentPaperAttachment(
  attachment: AttachmentRow,
): z.input<typeof paperAttachmentResponse> {
  return {
    id: attachment.id,
    number: attachment.position,
    title: attachment.title,
    label: `Bilag ${attachment.position}: ${attachment.title}`,
    fileName: attachment.fileName,
    mediaType: attachment.mediaType,
    byteSize: attachment.byteSize,
    pageCount: attachment.pageCount,
    sha256: attachment.fileSha256,
    url: attachmentFileUrl(attachment.id),
  };
}

export function presentPaper({
  paper,
  sections,
  attachments,
  cover,
}: PaperDetail): z.input<typeof paperResponse> {
  return {
    ...presentPaperSummary(paper),
    senderUnitId: paper.senderUnitId,
    addressee: paper.addressee,
    caseOfficers: paper.caseOfficers,
    phone: paper.phone,
    email: paper.email,
    sections: sections.map((section) => ({
      heading: section.heading,
      html: section.html,
      lix: section.readability.lix,
      readability: presentReadability(section.readability),
    })),
    cover: {
      purpose: paper.coverPurpose,
      keyMessages: paper.coverKeyMessages,
      implications: paper.coverImplications,
      requestedAction: paper.coverRequestedAction,
      words: cover.words,
      lix: cover.readability.lix,
      readability: presentReadability(cover.readability),
    },
    attachments: attachments.map(presentPaperAttachment),
    approvedVersion: paper.approvedVersion,
  };
}
