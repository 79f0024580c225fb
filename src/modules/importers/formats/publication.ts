import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import type {
  ImportedArchive,
  ImportedItem,
  ImportedMeeting,
  ImportedMember,
  ImportedSection,
  ImportWarning,
} from '../archive';
import {
  fileNameOf,
  isDecisionHeading,
  neutralTitleFor,
  optionalDate,
  requiredDate,
  resolveAttachment,
  richText,
  plainText,
  sortItems,
  splitPartySuffix,
} from './common';
import {
  booleanOf,
  children,
  readXmlFile,
  requiredAttribute,
  requiredText,
  textOf,
  type XmlElement,
} from './xml';

/**
 * SBSYS "eDagsorden" Publication XML: one <Publication> holding one or more agendas, each with its
 * meeting, committee, items, fields (sections; IsFeedback marks decisions) and enclosures.
 * Source keys use SBSYS ids, which an agenda and its minutes share.
 */
export async function readPublication(
  path: string,
  options: { maxBytes: number },
): Promise<ImportedArchive> {
  const fileName = basename(path);
  const { root, warnings } = await readXmlFile(path, options);
  if (root.name !== 'Publication') {
    throw new AppError('IMPORT_INVALID', {
      message: da.importReading.wrongFormat(fileName, 'SBSYS Publication', root.name),
    });
  }
  const kind = publicationKind(textOf(root, 'PublicationTypeAsValue'));
  const context = { baseDir: dirname(resolve(path)), fileName, warnings };
  const meetings: ImportedMeeting[] = [];
  for (const agenda of children(root, 'Agendas/Agenda')) {
    meetings.push({ ...(await readAgenda(agenda, context)), ...kind });
  }
  if (meetings.length === 0) {
    throw new AppError('IMPORT_INVALID', { message: da.importReading.noMeetings(fileName) });
  }
  return { format: 'publication', sourceSystem: 'publication', meetings, warnings };
}

type Context = { baseDir: string; fileName: string; warnings: ImportWarning[] };

/** PublicationTypeAsValue as the OS2 importers read it: 0 draft agenda, 1 final agenda, 2 minutes. */
function publicationKind(value: string | null): Pick<ImportedMeeting, 'documentKind' | 'isFinal'> {
  if (value === '2') return { documentKind: 'minutes', isFinal: true };
  if (value === '1') return { documentKind: 'agenda', isFinal: true };
  return { documentKind: 'agenda', isFinal: false };
}

async function readAgenda(
  agenda: XmlElement,
  context: Context,
): Promise<Omit<ImportedMeeting, 'documentKind' | 'isFinal'>> {
  const meeting = children(agenda, 'Meeting')[0] ?? null;
  const committee = children(agenda, 'Committee')[0] ?? null;
  const meetingId = requiredAttribute(meeting, 'ID', 'Meeting@ID', context.fileName);
  const committeeName = requiredText(committee, 'Name', context.fileName);
  const agendaName = textOf(agenda, 'Name');
  const items: ImportedItem[] = [];
  for (const item of children(agenda, 'Items/Item')) items.push(await readItem(item, context));
  return {
    sourceKey: `publication:meeting:${meetingId}`,
    organization: {
      sourceKey: `publication:committee:${committee?.attributes.ID ?? committeeName}`,
      name: committeeName,
      groupName: textOf(committee, 'CommitteeGroup/Name'),
    },
    title: agendaName === committeeName ? null : agendaName,
    startsAt: requiredDate(textOf(meeting, 'When'), 'Meeting/When', context.fileName),
    endsAt: optionalDate(textOf(meeting, 'Until')),
    place: textOf(meeting, 'Where'),
    members: children(meeting, 'Members/MeetingMember').map(readMember),
    items: sortItems(items),
  };
}

const attendanceByStatus: Record<string, ImportedMember['attendance']> = {
  participating: 'attending',
  attending: 'attending',
  notparticipating: 'sent_regrets',
  absent: 'absent',
};

function readMember(member: XmlElement): ImportedMember {
  const person = children(member, 'Member')[0] ?? null;
  const { name, party } = splitPartySuffix(textOf(member, 'Name') ?? textOf(person, 'Name') ?? '');
  const status = (textOf(member, 'ParticipationStatusAsText') ?? '').toLowerCase();
  return {
    sourceKey: `publication:member:${person?.attributes.ID ?? member.attributes.ID ?? name}`,
    name,
    email: textOf(member, 'EmailAddress') ?? textOf(person, 'EmailAddress'),
    role: textOf(member, 'MeetingMemberRolesList'),
    party,
    attendance: attendanceByStatus[status] ?? null,
  };
}

async function readItem(item: XmlElement, context: Context): Promise<ImportedItem> {
  const number = requiredText(item, 'Number', context.fileName);
  const isPublic = booleanOf(textOf(item, 'IsPublic'), true);
  const sections: ImportedSection[] = [];
  const decisions: ImportedSection[] = [];
  const fields = children(item, 'Fields/ItemField').sort(
    (a, b) => Number(textOf(a, 'Index') ?? 0) - Number(textOf(b, 'Index') ?? 0),
  );
  for (const field of fields) {
    const heading = textOf(field, 'Caption') ?? '';
    const content = textOf(field, 'Content');
    const html =
      textOf(field, 'FieldTypeAsEnum') === 'Html' ? richText(content) : plainText(content);
    if (html === '') continue;
    const isDecision = booleanOf(textOf(field, 'IsFeedback'), isDecisionHeading(heading));
    (isDecision ? decisions : sections).push({ heading, html });
  }
  const attachments = [];
  for (const enclosure of children(item, 'Enclosures/Enclosure')) {
    const title = textOf(enclosure, 'Name') ?? textOf(enclosure, 'FileName') ?? '';
    attachments.push(
      await resolveAttachment(
        {
          baseDir: context.baseDir,
          sourceKey: `publication:enclosure:${enclosure.attributes.ID ?? title}`,
          title,
          isPublic: isPublic && !booleanOf(textOf(enclosure, 'IsProtected'), false),
          relativePath: textOf(enclosure, 'InstantiationFilePathRelative'),
          fileName: fileNameOf(
            textOf(enclosure, 'FileName') ?? textOf(enclosure, 'InstantiationFileName') ?? title,
          ),
          itemNumber: number,
        },
        context.warnings,
      ),
    );
  }
  return {
    sourceKey: `publication:item:${item.attributes.ID ?? number}`,
    number,
    title: requiredText(item, 'Caption', context.fileName),
    neutralTitle: neutralTitleFor(isPublic, null),
    isPublic,
    caseNumber: textOf(item, 'Case/Number'),
    sections,
    decisions,
    attachments,
  };
}
