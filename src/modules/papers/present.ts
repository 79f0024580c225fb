import type { z } from 'zod';
import type { Readability } from './readability';
import type { PaperSummaryRow } from './repository';
import type { paperResponse, paperSummaryResponse } from './schemas';
import type { PaperDetail } from './service';

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

export function presentPaper({
  paper,
  sections,
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
  };
}
