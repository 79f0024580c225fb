import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { docxStyles, docxText } from '../../platform/documents/rich-text-docx';
import { renderPdf, typstPreamble, typstText } from '../../platform/documents/typst';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime, toLocalDate } from '../../platform/i18n/format';
import { attendanceGroups, minutesAttendanceOf } from './reads';
import type { MinutesDocument } from './minutes-document';
import { closureReasonSentence } from '../meetings/index';

const t = da.minutes;

/** One item of the minutes as text blocks: what both the PDF and the Word file print. */
type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'text'; text: string; bold?: boolean };

const paragraphs = (text: string | null): string[] =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

const localDate = (isoDate: string) => formatDateLong(new Date(`${isoDate}T12:00:00Z`));

/**
 * The minutes in the seed's layout: "Referat", the meeting's facts and attendance, then per item
 * "Punkt 4: Orientering fra Magistraten (5 min)" followed by what was said and decided.
 */
export function minutesBlocks(doc: MinutesDocument): Block[] {
  const { meeting } = doc.detail;
  const blocks: Block[] = [
    { kind: 'text', text: meeting.organizationName },
    { kind: 'heading', level: 1, text: `${t.title}: ${meeting.title}` },
    {
      kind: 'text',
      text: `${formatDateLong(meeting.startsAt)}, kl. ${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}${meeting.locationDescription ? `, ${meeting.locationDescription}` : ''}`,
    },
  ];
  for (const group of attendanceGroups(minutesAttendanceOf(doc.attendance))) {
    blocks.push({ kind: 'text', text: `${group.label}: ${group.names.join(', ')}` });
  }
  for (const item of doc.detail.plan.items) {
    blocks.push({
      kind: 'heading',
      level: item.depth === 0 ? 2 : 3,
      // A closed item read in full is marked, in the heading and so in the PDF's bookmarks.
      text: `${t.heading(item.number, item.title, item.durationMinutes)}${!item.isPublic && !item.isRedacted ? ` (${da.items.closed})` : ''}`,
    });
    if (item.isRedacted) {
      blocks.push({ kind: 'text', text: da.items.closed });
      continue;
    }
    const closedReason = closureReasonSentence(item);
    if (closedReason) blocks.push({ kind: 'text', text: closedReason });
    for (const name of doc.leftByItem.get(item.id) ?? []) {
      blocks.push({ kind: 'text', text: t.item.left(name) });
    }
    if (item.isPostponed) blocks.push({ kind: 'text', text: t.item.postponed });
    for (const paragraph of paragraphs(item.minutesText))
      blocks.push({ kind: 'text', text: paragraph });
    if (item.standingKind === 'follow_ups') {
      for (const followUp of doc.meetingFollowUps) {
        blocks.push({
          kind: 'text',
          text: `${t.followUps.statuses[followUp.state]}: ${followUp.text} (${followUp.ownerName}, ${localDate(followUp.dueDate)})`,
        });
      }
    }
    if (item.decision) {
      blocks.push({ kind: 'text', text: `${t.decisionHeading}: ${item.decision}`, bold: true });
    }
    for (const followUp of item.followUps) {
      blocks.push({
        kind: 'text',
        text: `${t.followUps.title}: ${followUp.text} (${followUp.ownerName}, ${localDate(followUp.dueDate)})`,
      });
    }
    for (const addendum of doc.addendaByItem.get(item.id) ?? []) {
      blocks.push({
        kind: 'text',
        text: `${t.item.addendum}: ${addendum.text} (${t.item.addendumBy(addendum.authorName, formatDateLong(addendum.createdAt))})`,
      });
    }
  }
  if (doc.signOffs.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t.signOff.title });
    for (const signOff of doc.signOffs) {
      blocks.push({
        kind: 'text',
        text: t.signOff.signed(
          signOff.personName,
          `${formatDateLong(signOff.signedAt)} kl. ${formatTime(signOff.signedAt)}`,
        ),
      });
    }
  }
  return blocks;
}

const documentTitle = (doc: MinutesDocument) =>
  `${t.title}: ${doc.detail.meeting.title}, ${formatDateLong(doc.detail.meeting.startsAt)}`;

/** The minutes as a tagged PDF/UA-1 document, typeset by Typst. */
export function minutesToPdf(doc: MinutesDocument): Uint8Array {
  const headingMarks = { 1: '=', 2: '==', 3: '===' } as const;
  const body = minutesBlocks(doc)
    .map((block) =>
      block.kind === 'heading'
        ? `${headingMarks[block.level]} ${typstText(block.text)}`
        : block.bold
          ? `*${typstText(block.text)}*`
          : typstText(block.text),
    )
    .join('\n\n');
  const source = `${typstPreamble({ title: documentTitle(doc), author: doc.detail.meeting.organizationName })}
#set page(footer: context align(center, text(size: 9pt)[side #counter(page).display() / #counter(page).final().first()]))
${body}
`;
  return renderPdf(source, { standard: 'ua-1' });
}

/** The minutes as Word: the meeting as Heading 1 and each item as Heading 2, for the navigation pane. */
export async function minutesToDocx(doc: MinutesDocument): Promise<Buffer> {
  const levels = {
    1: HeadingLevel.HEADING_1,
    2: HeadingLevel.HEADING_2,
    3: HeadingLevel.HEADING_3,
  } as const;
  const children = minutesBlocks(doc).map((block) =>
    block.kind === 'heading'
      ? new Paragraph({
          heading: levels[block.level],
          children: [new TextRun(docxText(block.text))],
        })
      : new Paragraph({
          children: [new TextRun({ text: docxText(block.text), bold: block.bold })],
        }),
  );
  return Packer.toBuffer(
    new Document({
      title: docxText(documentTitle(doc)),
      creator: docxText(doc.detail.meeting.organizationName),
      styles: docxStyles,
      sections: [{ children }],
    }),
  );
}

export function minutesFileName(doc: MinutesDocument, extension: 'pdf' | 'docx'): string {
  const { meeting } = doc.detail;
  return `Referat ${meeting.title} ${toLocalDate(meeting.startsAt)}.${extension}`;
}
