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
  neutralTitleFor,
  optionalDate,
  requiredDate,
  resolveAttachment,
  richText,
  sortItems,
} from './common';
import {
  booleanOf,
  child,
  children,
  readXmlFile,
  requiredText,
  textOf,
  type XmlElement,
} from './xml';

/** The namespace every element of an eDoc 5 / Fujitsu AgendaWeb export is in (the root may not be). */
export const fujitsuNamespace = 'http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/';

/**
 * eDoc 5 / Fujitsu AgendaWeb XML: Root/Committee/Meeting with participants and one Agenda of
 * agenda elements; each element's HandlingItem holds the case presentations (IsDecision marks a
 * decision) and attachments linked as Windows paths ("\Attachments\….pdf").
 */
export async function readFujitsu(
  path: string,
  options: { maxBytes: number },
): Promise<ImportedArchive> {
  const fileName = basename(path);
  const { root, warnings } = await readXmlFile(path, options);
  const committee = child(root, 'Committee');
  const meeting = child(committee, 'Meeting');
  if (committee?.namespace !== fujitsuNamespace || !meeting) {
    throw new AppError('IMPORT_INVALID', {
      message: da.importReading.wrongFormat(fileName, 'Fujitsu AgendaWeb', root.name),
    });
  }
  const context = { baseDir: dirname(resolve(path)), fileName, warnings };
  const committeeName = requiredText(committee, 'Name', fileName);
  const meetingId = requiredText(meeting, 'MeetingIdentifier', fileName).toLowerCase();
  const agenda = child(meeting, 'Agenda');
  const items: ImportedItem[] = [];
  for (const element of children(agenda, 'AgendaElements/AgendaElement')) {
    items.push(await readItem(element, context));
  }
  const result: ImportedMeeting = {
    sourceKey: `fujitsu:meeting:${meetingId}`,
    organization: {
      sourceKey: `fujitsu:committee:${textOf(committee, 'Identifier')?.toLowerCase() ?? committeeName}`,
      name: committeeName,
      groupName: null,
    },
    title: null,
    startsAt: requiredDate(textOf(meeting, 'MeetingDateTime'), 'MeetingDateTime', fileName),
    endsAt: optionalDate(textOf(meeting, 'EndDateTime')),
    place: textOf(meeting, 'MeetingLocation') ?? textOf(committee, 'DefaultLocation'),
    ...agendaKind(textOf(agenda, 'Type'), textOf(agenda, 'State')),
    members: children(meeting, 'MeetingParticipants/MeetingParticipant').map(readMember),
    items: sortItems(items),
  };
  return { format: 'fujitsu', sourceSystem: 'fujitsu', meetings: [result], warnings };
}

type Context = { baseDir: string; fileName: string; warnings: ImportWarning[] };

/** Agenda Type "Dagsorden" or "Referat"; State "Oprettet" is a draft, an approved or published state final. */
function agendaKind(
  type: string | null,
  state: string | null,
): Pick<ImportedMeeting, 'documentKind' | 'isFinal'> {
  return {
    documentKind: /referat/i.test(type ?? '') ? 'minutes' : 'agenda',
    isFinal: /godkendt|publiceret|frigivet|udsendt|endelig/i.test(state ?? ''),
  };
}

function readMember(participant: XmlElement): ImportedMember {
  const name = (textOf(participant, 'Name') ?? '').replace(/\s+/g, ' ');
  const participates = textOf(participant, 'Participate');
  return {
    sourceKey: `fujitsu:member:${textOf(participant, 'Identifier')?.toLowerCase() ?? name}`,
    name,
    email: null,
    role: textOf(participant, 'RoleInMeeting'),
    party: textOf(participant, 'PoliticalPartyList') ?? textOf(participant, 'PoliticalParty'),
    attendance:
      participates === null ? null : booleanOf(participates, true) ? 'attending' : 'sent_regrets',
  };
}

async function readItem(element: XmlElement, context: Context): Promise<ImportedItem> {
  const handling = child(element, 'HandlingItem');
  const number =
    textOf(handling, 'SerialNo') ?? requiredText(element, 'SortOrder', context.fileName);
  const isPublic = booleanOf(textOf(element, 'AccessIsPublic'), true);
  const sections: ImportedSection[] = [];
  const decisions: ImportedSection[] = [];
  for (const presentation of children(handling, 'CasePresentations/CasePresentation')) {
    const html = richText(textOf(presentation, 'Content'));
    if (html === '') continue;
    const section = { heading: textOf(presentation, 'Title') ?? '', html };
    (booleanOf(textOf(presentation, 'IsDecision'), false) ? decisions : sections).push(section);
  }
  const attachments = [];
  for (const attachment of children(handling, 'Attachments/Attachment')) {
    const link = textOf(attachment, 'Link');
    const title = textOf(attachment, 'Title') ?? (link === null ? '' : fileNameOf(link));
    attachments.push(
      await resolveAttachment(
        {
          baseDir: context.baseDir,
          sourceKey: `fujitsu:attachment:${textOf(attachment, 'Identifier')?.toLowerCase() ?? title}`,
          title,
          isPublic:
            isPublic &&
            /^(offentlig|public)$/i.test(
              textOf(attachment, 'AccessName') ?? textOf(attachment, 'AccessEnumName') ?? '',
            ),
          relativePath: link,
          fileName: link === null ? title : fileNameOf(link),
          itemNumber: number,
        },
        context.warnings,
      ),
    );
  }
  return {
    sourceKey: `fujitsu:item:${textOf(handling, 'Identifier')?.toLowerCase() ?? textOf(element, 'Identifier') ?? number}`,
    number,
    title: requiredText(handling, 'Title', context.fileName),
    neutralTitle: neutralTitleFor(isPublic, textOf(handling, 'NeutralTitle')),
    isPublic,
    caseNumber: textOf(handling, 'CaseNumber'),
    sections,
    decisions,
    attachments,
  };
}
