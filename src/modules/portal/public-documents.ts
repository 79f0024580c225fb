import { richTextToTypst } from '../../platform/documents/rich-text-typst';
import { renderPdf, typstPreamble, typstText } from '../../platform/documents/typst';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime, toLocalDate } from '../../platform/i18n/format';
import { attendanceGroups } from '../minutes/index';
import type { PublicItem, PublicMeeting } from '../publishing/index';

const t = da.portal;

/** The two documents a published meeting offers as PDF. */
export type PublicDocumentKind = 'agenda' | 'minutes';

const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

function heading(level: 1 | 2 | 3, text: string): string {
  return `${'='.repeat(level)} ${typstText(text)}`;
}

function labelled(label: string, text: string): string {
  return `*${typstText(label)}:* ${typstText(text)}`;
}

function facts(meeting: PublicMeeting): string[] {
  const start = new Date(meeting.start);
  const time = `${formatTime(start)} – ${formatTime(new Date(meeting.end))}`;
  return [
    typstText(meeting.organization.name),
    labelled(t.date, formatDateLong(start)),
    labelled(t.time, time),
    ...(meeting.location ? [labelled(t.location, meeting.location)] : []),
  ];
}

function attendanceLines(meeting: PublicMeeting): string[] {
  const groups = meeting.attendance ? attendanceGroups(meeting.attendance) : [];
  if (groups.length === 0) return [];
  return [
    heading(2, da.minutes.attendance.title),
    ...groups.map((group) => labelled(group.label, group.names.join(', '))),
  ];
}

/**
 * One item as the public saw it: a closed item is its neutral title and the "Lukket punkt"
 * marker (and, in minutes, the decision only when the publication carries it).
 */
function itemBlocks(item: PublicItem, kind: PublicDocumentKind): string[] {
  const blocks = [heading(item.parentId ? 3 : 2, t.itemTitle(item.number, item.title))];
  if (!item.isPublic) {
    blocks.push(`_${typstText(t.closedItem)}_`);
    if (kind === 'minutes' && item.decision) blocks.push(labelled(t.decision, item.decision));
    return blocks;
  }
  if (item.purpose) blocks.push(labelled(t.purpose, item.purpose));
  if (item.method) blocks.push(labelled(t.method, item.method));
  if (item.responsible.length > 0)
    blocks.push(labelled(t.responsible, item.responsible.join(', ')));
  if (kind === 'agenda' && item.paper) {
    blocks.push(`*${typstText(`${t.memo}: ${item.paper.title}`)}*`);
    for (const section of item.paper.sections) {
      blocks.push(`*${typstText(section.heading)}*`, richTextToTypst(section.html));
    }
  }
  if (item.attachments.length > 0) {
    blocks.push(
      labelled(t.attachments, item.attachments.map((attachment) => attachment.label).join('; ')),
    );
  }
  if (kind === 'minutes') {
    if (item.minutes) blocks.push(...paragraphs(item.minutes).map((text) => typstText(text)));
    if (item.decision) blocks.push(labelled(t.decision, item.decision));
  }
  return blocks;
}

/** The title a public PDF carries: "Referat: Økonomiudvalget, 15. november 2023". */
function publicDocumentTitle(meeting: PublicMeeting, kind: PublicDocumentKind): string {
  return `${t.kindOf[kind]}: ${meeting.title}, ${formatDateLong(new Date(meeting.start))}`;
}

export function publicDocumentFileName(meeting: PublicMeeting, kind: PublicDocumentKind): string {
  return `${t.kindOf[kind]} ${meeting.title} ${toLocalDate(new Date(meeting.start))}.pdf`;
}

/**
 * A published agenda or minutes as a tagged PDF/UA-1, made from the publication's snapshot
 * alone: what the portal page shows, never the live meeting, so a closed item's content or an
 * unpublished edit cannot reach it (the snapshot passed the CPR guard when it was published).
 */
export function publicDocumentPdf(meeting: PublicMeeting, kind: PublicDocumentKind): Uint8Array {
  const title = publicDocumentTitle(meeting, kind);
  const body = [
    heading(1, title),
    ...facts(meeting),
    ...(kind === 'minutes' ? attendanceLines(meeting) : []),
    ...meeting.items.flatMap((item) => itemBlocks(item, kind)),
  ].join('\n\n');
  const source = `${typstPreamble({ title, author: meeting.organization.name })}
#set page(footer: context align(center, text(size: 9pt)[side #counter(page).display() / #counter(page).final().first()]))
${body}
`;
  return renderPdf(source, { standard: 'ua-1' });
}
