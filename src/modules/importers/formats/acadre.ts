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
  findExportFile,
  isDecisionHeading,
  neutralTitleFor,
  optionalDate,
  requiredDate,
  resolveAttachment,
  richText,
  splitPartySuffix,
} from './common';
import { children, readXmlFile, type XmlElement } from './xml';

const text = da.importReading;

/**
 * Acadre MM: a manifest (XML_<agenda>.xml) lists the produced agenda and minutes; each names a
 * content file (a generic dump of tables and fields) inside its files folder. Every produced
 * document found is read; they share the meeting's and items' source keys.
 */
export async function readAcadre(
  path: string,
  options: { maxBytes: number },
): Promise<ImportedArchive> {
  const manifestName = basename(path);
  const baseDir = dirname(resolve(path));
  const { root, warnings } = await readXmlFile(path, options);
  const produced = children(root, 'table').find(
    (table) => table.attributes.name === 'producedAgenda',
  );
  if (root.name !== 'root' || !produced) {
    throw new AppError('IMPORT_INVALID', {
      message: text.wrongFormat(manifestName, 'Acadre', root.name),
    });
  }
  const meetings: ImportedMeeting[] = [];
  for (const entry of children(produced, 'fields').map(manifestFields)) {
    const xmlFile = entry.xmlfilename ?? '';
    const relative = entry.filesfolder ? `${entry.filesfolder}/${xmlFile}` : xmlFile;
    const contentPath = xmlFile === '' ? null : await findExportFile(baseDir, relative);
    if (contentPath === null) {
      warnings.push({
        code: 'ACADRE_CONTENT_MISSING',
        message: text.acadreContentMissing(relative),
        where: manifestName,
      });
      continue;
    }
    const content = await readXmlFile(contentPath, options);
    warnings.push(...content.warnings);
    meetings.push({
      ...(await readContent(content.root, {
        baseDir: dirname(contentPath),
        fileName: basename(contentPath),
        warnings,
      })),
      documentKind: entry.type === '2' ? 'minutes' : 'agenda',
      isFinal: entry.publish === '1',
    });
  }
  if (meetings.length === 0)
    throw new AppError('IMPORT_INVALID', { message: text.noMeetings(manifestName) });
  // The agenda before the minutes, so the minutes' decisions land on items that exist.
  meetings.sort(
    (a, b) => Number(a.documentKind === 'minutes') - Number(b.documentKind === 'minutes'),
  );
  return { format: 'acadre', sourceSystem: 'acadre', meetings, warnings };
}

/** The manifest writes each value as the only attribute of an empty <field>. */
function manifestFields(fields: XmlElement): Record<string, string> {
  return Object.assign({}, ...children(fields, 'field').map((field) => field.attributes)) as Record<
    string,
    string
  >;
}

type Context = { baseDir: string; fileName: string; warnings: ImportWarning[] };

/** Content files nest <table name="…"><fields><field name="…">value</field></fields>…</table>. */
function tables(element: XmlElement | null, name: string): XmlElement[] {
  return (element?.children ?? []).filter(
    (candidate) => candidate.name === 'table' && candidate.attributes.name === name,
  );
}

function fieldsOf(table: XmlElement | null): Record<string, string> {
  const values: Record<string, string> = {};
  for (const fields of children(table, 'fields')) {
    for (const field of children(fields, 'field')) {
      const name = field.attributes.name;
      if (name !== undefined && !(name in values)) values[name] = field.text.trim();
    }
  }
  return values;
}

function value(fields: Record<string, string>, name: string): string | null {
  const found = fields[name]?.trim() ?? '';
  return found === '' ? null : found;
}

async function readContent(
  root: XmlElement,
  context: Context,
): Promise<Omit<ImportedMeeting, 'documentKind' | 'isFinal'>> {
  const agenda = tables(root, 'agenda')[0] ?? null;
  const committeeTable = tables(agenda, 'committee')[0] ?? null;
  const meetingTable = tables(agenda, 'meeting')[0] ?? null;
  const committee = fieldsOf(committeeTable);
  const meeting = fieldsOf(meetingTable);
  const committeeName = value(committee, 'name');
  const meetingId = value(meeting, 'sysid');
  if (committeeName === null || meetingId === null) {
    throw new AppError('IMPORT_INVALID', {
      message: text.missingField(
        context.fileName,
        committeeName === null ? 'committee/name' : 'meeting/sysid',
      ),
    });
  }
  const address =
    value(meeting, 'address')
      ?.split(/<br\s*\/?>/i)
      .map((part) => part.trim()) ?? [];
  const place = [value(meeting, 'location'), ...address].filter(Boolean).join(', ');
  const parents = tables(agenda, 'agendaitemparents').sort(
    (a, b) => Number(value(fieldsOf(a), 'sort') ?? 0) - Number(value(fieldsOf(b), 'sort') ?? 0),
  );
  const items: ImportedItem[] = [];
  for (const [index, parent] of parents.entries()) {
    const item = tables(parent, 'agendaitem')[0] ?? null;
    // Acadre numbers items by their place on the agenda; the export holds no number of its own.
    if (item) items.push(await readItem(item, String(index + 1), context));
  }
  return {
    sourceKey: `acadre:meeting:${meetingId}`,
    organization: {
      sourceKey: `acadre:committee:${value(committee, 'sysid') ?? committeeName}`,
      name: committeeName,
      groupName: null,
    },
    title: value(meeting, 'name'),
    startsAt: requiredDate(value(meeting, 'date'), 'meeting/date', context.fileName),
    endsAt: optionalDate(value(meeting, 'finish')),
    place: place === '' ? null : place,
    members: tables(tables(meetingTable, 'meetmember')[0] ?? null, 'member').map(readMember),
    items,
  };
}

function readMember(table: XmlElement): ImportedMember {
  const fields = fieldsOf(table);
  const { name, party } = splitPartySuffix(value(fields, 'name') ?? '');
  const absent = value(fields, 'absent');
  return {
    sourceKey: `acadre:member:${value(fields, 'sysid') ?? name}`,
    name,
    email: value(fields, 'email'),
    role: value(fields, 'role'),
    party: value(fields, 'party') ?? party,
    attendance: absent === '1' ? 'absent' : absent === '0' ? 'attending' : null,
  };
}

async function readItem(
  table: XmlElement,
  number: string,
  context: Context,
): Promise<ImportedItem> {
  const fields = fieldsOf(table);
  const itemId = value(fields, 'sysid') ?? number;
  const title = value(fields, 'name');
  if (title === null)
    throw new AppError('IMPORT_INVALID', {
      message: text.missingField(context.fileName, 'agendaitem/name'),
    });
  const isPublic = value(fields, 'accessname')?.toLowerCase() !== 'lukket';
  const sections: ImportedSection[] = [];
  const decisions: ImportedSection[] = [];
  const bullets = tables(table, 'bullet').sort(
    (a, b) =>
      Number(value(fieldsOf(a), 'bulletsortorder') ?? 0) -
      Number(value(fieldsOf(b), 'bulletsortorder') ?? 0),
  );
  for (const bullet of bullets) {
    const bulletFields = fieldsOf(bullet);
    const heading = value(bulletFields, 'bulletname') ?? '';
    const html = richText(value(bulletFields, 'bulletcontent'));
    if (html === '') continue;
    (isDecisionHeading(heading) ? decisions : sections).push({ heading, html });
  }
  const attachments = [];
  for (const enclosure of tables(table, 'enclosure')) {
    const enclosureFields = fieldsOf(enclosure);
    const file = value(enclosureFields, 'filename');
    const enclosureTitle = value(enclosureFields, 'name') ?? file ?? '';
    attachments.push(
      await resolveAttachment(
        {
          baseDir: context.baseDir,
          sourceKey: `acadre:enclosure:${value(enclosureFields, 'sysid') ?? enclosureTitle}`,
          title: enclosureTitle,
          isPublic: isPublic && value(enclosureFields, 'accessname')?.toLowerCase() !== 'lukket',
          relativePath: file,
          fileName: file ?? enclosureTitle,
          itemNumber: number,
        },
        context.warnings,
      ),
    );
  }
  return {
    sourceKey: `acadre:item:${itemId}`,
    number,
    title,
    neutralTitle: neutralTitleFor(isPublic, null),
    isPublic,
    caseNumber: value(fields, 'caseno'),
    sections,
    decisions,
    attachments,
  };
}
