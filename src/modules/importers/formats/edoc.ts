import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import type {
  ImportedArchive,
  ImportedAttachment,
  ImportedItem,
  ImportedMeeting,
  ImportedMember,
  ImportedSection,
  ImportWarning,
} from '../archive';
import {
  isDecisionHeading,
  neutralTitleFor,
  plainText,
  requiredDate,
  resolveAttachment,
  sortItems,
  splitPartySuffix,
} from './common';
import { child, children, readXmlFile, requiredText, textOf, type XmlElement } from './xml';

/**
 * KMD eDoc "AgendaPublishing" XML: a <Meeting> with one block per agenda type (open, closed …),
 * items in no particular order, each with its eDoc document (title, neutral title, attachments as
 * PDFs) and the whole item as plain text, which is split into sections at its heading lines.
 */
export async function readEdoc(
  path: string,
  options: { maxBytes: number },
): Promise<ImportedArchive> {
  const fileName = basename(path);
  const { root, warnings } = await readXmlFile(path, options);
  if (root.name !== 'Meeting' || !child(root, 'MeetingAgendaTypes')) {
    throw new AppError('IMPORT_INVALID', {
      message: da.importReading.wrongFormat(fileName, 'eDoc', root.name),
    });
  }
  const committee = requiredText(root, 'Committee', fileName);
  const meetingDate = requiredText(root, 'MeetingDate', fileName);
  const startsAt = requiredDate(meetingDate, 'MeetingDate', fileName);
  const context = { baseDir: dirname(resolve(path)), warnings };
  const items: ImportedItem[] = [];
  let coverText = '';
  for (const agendaType of children(root, 'MeetingAgendaTypes/MeetingAgendaType')) {
    const isPublic = !/lukket/i.test(textOf(agendaType, 'AgendaType') ?? '');
    coverText ||= textOf(agendaType, 'FullText') ?? '';
    for (const item of children(agendaType, 'MeetingAgendaItems/MeetingAgendaItem')) {
      items.push(await readItem(item, isPublic, fileName, context));
    }
  }
  const cover = readCover(coverText);
  const meeting: ImportedMeeting = {
    // eDoc exports carry no meeting id; committee and time identify the meeting in both exports.
    sourceKey: `edoc:meeting:${committee}:${startsAt.toISOString()}`,
    organization: { sourceKey: `edoc:committee:${committee}`, name: committee, groupName: null },
    title: null,
    startsAt,
    endsAt: null,
    place: cover.place,
    ...meetingKind(textOf(root, 'MeetingState')),
    members: cover.members,
    items: sortItems(items),
  };
  return { format: 'edoc', sourceSystem: 'edoc', meetings: [meeting], warnings };
}

type Context = { baseDir: string; warnings: ImportWarning[] };

/**
 * MeetingState: "Dagsorden …" or "Referat …", then how far it has come ("under udarbejdelse",
 * "godkendt", "endeligt godkendt"). Only an approved or published state is final.
 */
function meetingKind(state: string | null): Pick<ImportedMeeting, 'documentKind' | 'isFinal'> {
  const value = state ?? '';
  return {
    documentKind: /referat/i.test(value) ? 'minutes' : 'agenda',
    isFinal:
      /godkendt|publiceret|udsendt|frigivet/i.test(value) &&
      !/ikke|under udarbejdelse/i.test(value),
  };
}

async function readItem(
  item: XmlElement,
  agendaIsPublic: boolean,
  fileName: string,
  context: Context,
): Promise<ImportedItem> {
  const number = requiredText(item, 'AgendaItemNumber', fileName);
  const document = child(item, 'Document');
  const documentId = document?.attributes.documentid ?? number;
  const title = requiredText(item, 'Document/Title', fileName);
  const isPublic =
    agendaIsPublic && !/ikke|lukket|fortrolig/i.test(textOf(document, 'PublicAccess') ?? '');
  const body = splitFullText(textOf(item, 'FullText') ?? '');
  const attachments: ImportedAttachment[] = [];
  const itemPdf = textOf(item, 'PDFDocument');
  if (itemPdf !== null) {
    // The item as eDoc printed it: the only copy of its tables and layout, which FullText loses.
    attachments.push(
      await resolveAttachment(
        {
          baseDir: context.baseDir,
          sourceKey: `edoc:item-pdf:${documentId}`,
          title,
          isPublic,
          relativePath: itemPdf,
          fileName: itemPdf,
          itemNumber: number,
        },
        context.warnings,
      ),
    );
  }
  for (const attachment of children(document, 'Attachments/Attachment')) {
    const pdf = textOf(attachment, 'PDFDocument');
    const attachmentTitle = textOf(attachment, 'Title') ?? pdf ?? '';
    attachments.push(
      await resolveAttachment(
        {
          baseDir: context.baseDir,
          sourceKey: `edoc:attachment:${attachment.attributes.attachmentid ?? attachmentTitle}`,
          title: attachmentTitle,
          isPublic:
            isPublic && !/ikke|lukket|fortrolig/i.test(textOf(attachment, 'PublicAccess') ?? ''),
          relativePath: pdf,
          fileName: pdf ?? attachmentTitle,
          itemNumber: number,
        },
        context.warnings,
      ),
    );
  }
  return {
    sourceKey: `edoc:item:${documentId}`,
    number,
    title,
    neutralTitle: neutralTitleFor(isPublic, textOf(document, 'NeutralTitle')),
    isPublic,
    caseNumber: textOf(document, 'CaseSerialNumber') ?? body.caseNumber,
    sections: body.sections,
    decisions: body.decisions,
    attachments,
  };
}

/** The section headings eDoc's agenda templates print as lines of their own. */
const knownHeadings = [
  'sammendrag',
  'resumé',
  'resume',
  'baggrund',
  'sagsfremstilling',
  'supplerende sagsfremstilling',
  'tidligere behandling',
  'lovgrundlag',
  'høring',
  'kommunikation',
  'bilag',
  'beslutningen træffes af',
  'sagen afgøres af',
  'indstilling',
];

function isHeadingLine(line: string, next: string | undefined): boolean {
  const value = line.trim();
  if (value === '' || value.length > 120 || next === undefined || next.trim() === '') return false;
  const lower = value.toLowerCase();
  // "Økonomi", "Økonomiske konsekvenser og finansiering", "Økonomi og organisatoriske konsekvenser" …
  return knownHeadings.includes(lower) || lower.startsWith('økonomi') || isDecisionHeading(value);
}

/**
 * FullText is the item as plain text: its number and title, "Sagsnr.:" and "Dok.nr.:", then each
 * heading on a line of its own followed directly by its text. Text before the first heading (the
 * previous treatment, or all of a "Meddelelser" item) becomes a section without a heading.
 */
export function splitFullText(fullText: string): {
  caseNumber: string | null;
  sections: ImportedSection[];
  decisions: ImportedSection[];
} {
  const lines = fullText.replace(/\r\n?/g, '\n').split('\n');
  const caseNumber = /^Sagsnr\.:\s*(\S+)/m.exec(fullText)?.[1] ?? null;
  const blocks: Array<{ heading: string; lines: string[] }> = [{ heading: '', lines: [] }];
  lines.forEach((line, index) => {
    const inPreamble = blocks.length === 1;
    if (inPreamble && (/^\d+(\.\d+)*\.\t/.test(line) || /^(Sagsnr|Dok\.nr)\.:/.test(line))) return;
    const previousBlank = index === 0 || (lines[index - 1] ?? '').trim() === '';
    if (previousBlank && isHeadingLine(line, lines[index + 1])) {
      blocks.push({ heading: line.trim(), lines: [] });
    } else {
      blocks.at(-1)?.lines.push(line);
    }
  });
  const sections: ImportedSection[] = [];
  const decisions: ImportedSection[] = [];
  for (const block of blocks) {
    const html = plainText(block.lines.join('\n'));
    if (html === '') continue;
    (isDecisionHeading(block.heading) ? decisions : sections).push({
      heading: block.heading,
      html,
    });
  }
  return { caseNumber, sections, decisions };
}

/**
 * The agenda type's FullText starts with the cover: "tirsdag den 4. december 2012, kl. 13:00",
 * then "i <place>", and the lists "Tilstede" and "Afbud/Fraværende" ("Name (A) - formand").
 */
function readCover(coverText: string): { place: string | null; members: ImportedMember[] } {
  const lines = coverText
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim());
  const dateLine = lines.findIndex((line) => /\bden \d{1,2}\. \S+ \d{4}, kl\./i.test(line));
  const placeLine = dateLine === -1 ? undefined : lines[dateLine + 1];
  const place = placeLine?.startsWith('i ') ? placeLine.slice(2).trim() : null;
  const members = [
    ...listAfter(lines, /^tilstede$/i).map((line) => member(line, 'attending')),
    ...listAfter(lines, /^afbud/i).map((line) => member(line, 'sent_regrets')),
  ];
  return { place, members };
}

function listAfter(lines: string[], heading: RegExp): string[] {
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) return [];
  const end = lines.findIndex((line, index) => index > start && line === '');
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

function member(line: string, attendance: ImportedMember['attendance']): ImportedMember {
  const [person = line, role = null] = line.split(/\s+-\s+/);
  const { name, party } = splitPartySuffix(person);
  return { sourceKey: `edoc:member:${name}`, name, email: null, role, party, attendance };
}
