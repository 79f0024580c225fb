import type {
  ImportedArchive,
  ImportedAttachment,
  ImportedItem,
  ImportedMeeting,
} from '../src/modules/importers/index';

/** An item as a reader would produce it; sections and decisions as sanitised HTML. */
export function importedItem(number: string, overrides: Partial<ImportedItem> = {}): ImportedItem {
  return {
    sourceKey: `item-${number}`,
    number,
    title: `Punkt ${number}`,
    neutralTitle: null,
    isPublic: true,
    caseNumber: null,
    sections: [{ heading: 'Sagsfremstilling', html: `<p>Sagen om punkt ${number}.</p>` }],
    decisions: [],
    attachments: [],
    ...overrides,
  };
}

export function importedAttachment(
  key: string,
  filePath: string | null,
  overrides: Partial<ImportedAttachment> = {},
): ImportedAttachment {
  return {
    sourceKey: key,
    title: `Bilag ${key}`,
    isPublic: true,
    fileName: `${key}.pdf`,
    filePath,
    ...overrides,
  };
}

/** A committee meeting with three items: 1, its sub-item 1.1, and 12. */
export function importedMeeting(overrides: Partial<ImportedMeeting> = {}): ImportedMeeting {
  return {
    sourceKey: 'meeting-1',
    organization: { sourceKey: 'udvalg-1', name: 'Importudvalget', groupName: null },
    title: null,
    startsAt: new Date('2013-06-20T15:00:00Z'),
    endsAt: null,
    place: 'Rådhuset, mødelokale 1',
    documentKind: 'minutes',
    isFinal: true,
    members: [
      {
        sourceKey: 'member-1',
        name: 'Anne Importsen',
        email: 'anne@import.dk',
        role: 'Formand',
        party: 'A',
        attendance: 'attending',
      },
    ],
    items: [importedItem('1'), importedItem('1.1'), importedItem('12')],
    ...overrides,
  };
}

export function importedArchive(overrides: Partial<ImportedArchive> = {}): ImportedArchive {
  return {
    format: 'publication',
    sourceSystem: 'publication:test',
    meetings: [importedMeeting()],
    warnings: [],
    ...overrides,
  };
}
