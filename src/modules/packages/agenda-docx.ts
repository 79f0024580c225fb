import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { docxStyles, docxText } from '../../platform/documents/rich-text-docx';
import { da } from '../../platform/i18n/da';
import type { PackagePlan } from './front-matter';

const t = da.packages;

const line = (label: string, value: string) =>
  new Paragraph({
    spacing: { after: 0 },
    children: [
      new TextRun({ text: `${docxText(label)}: `, bold: true }),
      new TextRun(docxText(value)),
    ],
  });

/**
 * The agenda as one Word document: the meeting as Heading 1 and every item as Heading 2 (sub-items
 * Heading 3), so Word's navigation pane lists the items; time, purpose, method, responsible, bilag.
 */
export async function agendaToDocx(plan: PackagePlan): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: docxText(plan.organizationName) }),
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new TextRun(docxText(`${t.agenda}: ${plan.meetingTitle}`))],
    }),
    line(t.date, plan.dateText),
    line(t.time, plan.timeText),
    ...(plan.place ? [line(t.place, plan.place)] : []),
    ...(plan.caseNumber ? [line(t.caseNumber, plan.caseNumber)] : []),
  ];
  if (plan.participants.length > 0) {
    children.push(
      line(
        t.participants,
        plan.participants
          .map((person) => (person.role ? `${person.name} (${person.role})` : person.name))
          .join(', '),
      ),
    );
  }
  if (plan.audienceNote) children.push(new Paragraph({ text: docxText(plan.audienceNote) }));
  for (const note of plan.lateReleaseNotes) children.push(new Paragraph({ text: docxText(note) }));
  for (const item of plan.items) {
    children.push(
      new Paragraph({
        heading: item.depth === 0 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
        children: [new TextRun(docxText(`${item.label} ${item.title}`))],
      }),
    );
    if (item.slotText) children.push(line(t.time, item.slotText));
    if (item.isClosed) {
      children.push(new Paragraph({ text: docxText(t.closed) }));
      continue;
    }
    if (item.closedReason) children.push(new Paragraph({ text: docxText(item.closedReason) }));
    if (item.purpose) children.push(new Paragraph({ text: docxText(item.purpose) }));
    if (item.method) children.push(line(t.method, item.method));
    if (item.responsible.length > 0) children.push(line(t.responsible, item.responsible.join('/')));
    for (const attachment of item.attachments) {
      children.push(
        new Paragraph({
          text: docxText(t.attachmentLabel(item.number, attachment.number, attachment.title)),
        }),
      );
    }
  }
  const document = new Document({
    title: docxText(plan.documentTitle),
    creator: docxText(plan.organizationName),
    styles: docxStyles,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
