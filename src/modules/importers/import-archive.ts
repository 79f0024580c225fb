import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import type { WriteContext } from '../../platform/service-context';
import { AppError, isAppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { addMinutes, toLocalDate } from '../../platform/i18n/format';
import { cleanFileName, type StoreFile } from '../files/index';
import { getMeetingDetail, isMeetingLocked, meetingStatuses } from '../meetings/index';
import {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
  findOrCreateLocation,
  membershipRoleFromText,
} from '../organizations/index';
import { agendaReleaseSnapshot } from '../minutes/index';
import { richTextToPlain } from '../papers/index';
import { publishMeeting, type PublicationKind } from '../publishing/index';
import type {
  ImportedArchive,
  ImportedAttachment,
  ImportedItem,
  ImportedMeeting,
  ImportedOrganization,
  ImportFormat,
  ImportWarning,
} from './archive';
import * as repo from './repository';
import { importedArchiveSchema } from './schemas';

/** What an import did, as the command prints it and the page shows it. */
export type ImportSummary = {
  format: ImportFormat;
  meetings: number;
  items: number;
  files: number;
  warnings: ImportWarning[];
};

type Ctx = WriteContext & { storeFile: StoreFile };
type MeetingStatus = (typeof meetingStatuses)[number];

const t = da.imports;
const hour = 60;

/** The state of one import: caches so each organisation, person, place and file is looked up once. */
type Run = {
  ctx: Ctx;
  sourceSystem: string;
  keys: Map<string, string>;
  bodyId: string | undefined;
  organizations: Map<string, string>;
  persons: Map<string, string>;
  locations: Map<string, string>;
  files: Map<string, { fileSha256: string; fileName: string } | ImportWarning>;
  /**
   * Files already checked, by content hash and extension (the check compares the two): the same
   * bilag in many exports is inspected once.
   */
  contents: Set<string>;
  memberships: Set<string>;
  warnings: ImportWarning[];
  storedFiles: number;
};

/**
 * Writes an imported archive in the caller's transaction: organisations, members, meetings,
 * items with their memos, decisions and bilag. Stable source keys make a second import update
 * what the first made; what the source marks final is published. A failure leaves nothing.
 */
export async function importArchive(ctx: Ctx, source: ImportedArchive): Promise<ImportSummary> {
  if (!can(ctx.actor, 'import.run')) throw new AppError('FORBIDDEN');
  const { value: archive, removed } = withoutNulCharacters(source);
  validateArchive(archive);
  const run: Run = {
    ctx,
    sourceSystem: archive.sourceSystem,
    keys: await repo.selectSourceKeys(ctx.tx, archive.sourceSystem),
    bodyId: undefined,
    organizations: new Map(),
    persons: new Map(),
    locations: new Map(),
    files: new Map(),
    contents: new Set(),
    memberships: new Set(),
    warnings: [
      ...archive.warnings,
      ...(removed > 0
        ? [{ code: 'NUL_CHARACTER_REMOVED', message: t.nulCharactersRemoved(removed) }]
        : []),
    ],
    storedFiles: 0,
  };
  let items = 0;
  for (const meeting of archive.meetings) {
    await importMeeting(run, meeting);
    items += meeting.items.length;
  }
  return {
    format: archive.format,
    meetings: archive.meetings.length,
    items,
    files: run.storedFiles,
    warnings: run.warnings,
  };
}

/**
 * PostgreSQL text cannot hold U+0000 (PDF text and broken exports can), so it is removed
 * everywhere before anything is written; the count becomes one warning.
 */
function withoutNulCharacters<T>(value: T): { value: T; removed: number } {
  let removed = 0;
  const clean = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('\u0000')) return node;
      removed += node.split('\u0000').length - 1;
      return node.replaceAll('\u0000', '');
    }
    if (Array.isArray(node)) return node.map(clean);
    if (node !== null && typeof node === 'object' && !(node instanceof Date)) {
      return Object.fromEntries(Object.entries(node).map(([key, entry]) => [key, clean(entry)]));
    }
    return node;
  };
  return { value: clean(value) as T, removed };
}

/** The reader's output checked once more at the edge: a meeting without a date or an untitled item stops it all. */
function validateArchive(archive: ImportedArchive): void {
  const parsed = importedArchiveSchema.safeParse(archive);
  if (parsed.success) return;
  throw new AppError('IMPORT_INVALID', {
    message: da.errors.IMPORT_INVALID,
    details: parsed.error.issues.map((issue) => ({
      field: describePath(archive, issue.path),
      message: issue.message,
    })),
  });
}

/** "Møde 2 (Økonomiudvalget), punkt 4" from a zod path into the archive. */
function describePath(archive: ImportedArchive, path: readonly PropertyKey[]): string {
  const [, meetingIndex, , itemIndex] = path;
  if (typeof meetingIndex !== 'number') return path.join('.');
  const meeting = archive.meetings[meetingIndex];
  const where = `Møde ${meetingIndex + 1} (${meeting?.organization.name ?? '?'})`;
  if (typeof itemIndex !== 'number') return where;
  return `${where}, punkt ${meeting?.items[itemIndex]?.number ?? itemIndex + 1}`;
}

async function remember(
  run: Run,
  entityType: repo.EntityType,
  sourceKey: string,
  entityId: string,
): Promise<void> {
  await repo.upsertSourceKey(run.ctx.tx, run.keys, {
    sourceSystem: run.sourceSystem,
    sourceKey,
    entityType,
    entityId,
  });
}

async function bodyIdOf(run: Run): Promise<string> {
  run.bodyId ??=
    (await repo.selectFirstBodyId(run.ctx.tx)) ??
    (await createBody({ ...run.ctx, input: { name: t.defaultBodyName } })).id;
  return run.bodyId;
}

/** The committee: by source key, else an existing organisation of the same name, else a new udvalg. */
async function organizationIdOf(run: Run, source: ImportedOrganization): Promise<string> {
  const cached = run.organizations.get(source.sourceKey);
  if (cached) return cached;
  const known = repo.sourceKeyLookup(run.keys, 'organization', source.sourceKey);
  const bodyId = await bodyIdOf(run);
  const id =
    (known && (await repo.selectOrganizationExists(run.ctx.tx, known)) ? known : undefined) ??
    (await repo.selectOrganizationIdByName(run.ctx.tx, bodyId, source.name)) ??
    (
      await createOrganization({
        ...run.ctx,
        input: { bodyId, name: source.name, classification: 'udvalg' },
      })
    ).id;
  await remember(run, 'organization', source.sourceKey, id);
  run.organizations.set(source.sourceKey, id);
  return id;
}

async function importMembers(
  run: Run,
  meeting: ImportedMeeting,
  organizationId: string,
  meetingId: string,
): Promise<void> {
  for (const member of meeting.members) {
    let personId = run.persons.get(member.sourceKey);
    if (!personId) {
      const known = repo.sourceKeyLookup(run.keys, 'person', member.sourceKey);
      personId =
        (known && (await repo.selectPersonExists(run.ctx.tx, known)) ? known : undefined) ??
        (member.email ? await repo.selectPersonIdByEmail(run.ctx.tx, member.email) : undefined) ??
        (
          await createPerson({
            ...run.ctx,
            input: {
              name: member.name,
              title: member.party ?? undefined,
              email: member.email ?? undefined,
            },
          })
        ).id;
      await remember(run, 'person', member.sourceKey, personId);
      run.persons.set(member.sourceKey, personId);
    }
    const membership = `${personId}:${organizationId}`;
    if (
      !run.memberships.has(membership) &&
      !(await repo.selectHasMembership(run.ctx.tx, personId, organizationId))
    ) {
      await addMembership({
        ...run.ctx,
        input: {
          personId,
          organizationId,
          // A role the list does not know ("Borgmester" is known, "Rådmand for …" not) is a member.
          role: (member.role ? membershipRoleFromText(member.role) : null) ?? 'member',
          startDate: toLocalDate(meeting.startsAt),
        },
      });
    }
    run.memberships.add(membership);
    if (member.attendance) {
      await repo.upsertAttendance(run.ctx.tx, {
        meetingId,
        personId,
        status: member.attendance,
      });
    }
  }
}

async function locationIdOf(run: Run, place: string | null): Promise<string | null> {
  const description = place?.trim();
  if (!description) return null;
  const cached = run.locations.get(description);
  if (cached) return cached;
  const { id } = await findOrCreateLocation({ ...run.ctx, input: { description } });
  run.locations.set(description, id);
  return id;
}

const statusRank = (status: MeetingStatus) => meetingStatuses.indexOf(status);

/** Where the source's document puts the meeting: minutes mean it was held, final ones approved. */
function importedStatus(meeting: ImportedMeeting): MeetingStatus {
  if (meeting.documentKind === 'minutes') return meeting.isFinal ? 'minutes_approved' : 'held';
  return meeting.isFinal ? 'agenda_released' : 'planned';
}

async function importMeeting(run: Run, source: ImportedMeeting): Promise<void> {
  const { tx } = run.ctx;
  const organizationId = await organizationIdOf(run, source.organization);
  const locationId = await locationIdOf(run, source.place);
  const endsAt =
    source.endsAt && source.endsAt > source.startsAt
      ? source.endsAt
      : addMinutes(source.startsAt, hour);
  const known = repo.sourceKeyLookup(run.keys, 'meeting', source.sourceKey);
  const existing = known ? await repo.selectMeeting(tx, known) : undefined;
  // An import mirrors the source system's meetings and may advance them, but a meeting held
  // here (ended in the live view) is locked like any other held meeting: its minutes and
  // sign-offs were made here and the source no longer speaks for it.
  if (existing?.endedAt && isMeetingLocked(existing)) {
    throw new AppError('MEETING_LOCKED', {
      message: da.errors.MEETING_LOCKED,
      details: [{ field: source.sourceKey, message: t.meetingLocked(existing.title) }],
    });
  }
  // Never backwards: an agenda imported after the minutes leaves the meeting held or approved.
  const target = importedStatus(source);
  const status =
    existing && statusRank(existing.status) > statusRank(target) ? existing.status : target;
  const values = {
    organizationId,
    title: source.title?.trim() || source.organization.name,
    startsAt: source.startsAt,
    endsAt,
    locationId,
    status,
    ...(status === 'minutes_approved' && !existing?.minutesApprovedAt
      ? { minutesReleasedAt: endsAt, minutesApprovedAt: endsAt }
      : {}),
  };
  let meetingId: string;
  if (existing) {
    meetingId = existing.id;
    await repo.updateMeeting(tx, meetingId, values);
  } else {
    meetingId = (await repo.insertMeeting(tx, values)).id;
    await remember(run, 'meeting', source.sourceKey, meetingId);
  }
  await importMembers(run, source, organizationId, meetingId);
  await importItems(run, source, { meetingId, organizationId, status });
  if (source.documentKind === 'agenda' && source.isFinal) await storeAgendaRelease(run, meetingId);
  await recordAudit(tx, {
    actor: run.ctx.actor,
    action: existing ? 'import.meeting.update' : 'import.meeting.create',
    entityType: 'meeting',
    entityId: meetingId,
    before: existing ? { status: existing.status, title: existing.title } : null,
    after: {
      sourceSystem: run.sourceSystem,
      sourceKey: source.sourceKey,
      documentKind: source.documentKind,
      isFinal: source.isFinal,
      status,
      items: source.items.length,
    },
  });
  if (source.isFinal) await publish(run, meetingId, source.documentKind);
}

/** The top-level number an item hangs under: "1" for "1.1" (and for "1.1.1": we show one level). */
const parentNumberOf = (number: string) => {
  const parts = number.split('.');
  return parts.length > 1 ? parts[0]! : null;
};

/** The decision fields as the plain text the minutes keep: one field as it is, several under their headings. */
function decisionText(item: ImportedItem): string | null {
  const fields = item.decisions
    .map((section) => ({ heading: section.heading.trim(), text: richTextToPlain(section.html) }))
    .filter((field) => field.text.length > 0);
  if (fields.length === 0) return null;
  if (fields.length === 1) return fields[0]!.text;
  return fields.map((field) => `${field.heading}\n${field.text}`).join('\n\n');
}

/**
 * The meeting's items with their memos, sections and bilag. Rows are collected first and
 * written with one multi-row statement per table (ids made here, so sub-items can point to
 * items in the same statement): a ten-year archive is mostly inserts.
 */
async function importItems(
  run: Run,
  source: ImportedMeeting,
  meeting: { meetingId: string; organizationId: string; status: MeetingStatus },
): Promise<void> {
  const { tx } = run.ctx;
  const existingItems = await repo.selectItems(tx, meeting.meetingId);
  const byId = new Map(existingItems.map((item) => [item.id, item]));
  // The minutes of a meeting may carry other item keys than its agenda: the number joins them.
  const byNumber = new Map(
    existingItems.flatMap((item) => (item.sourceNumber ? [[item.sourceNumber, item]] : [])),
  );
  const idByNumber = new Map<string, string>();
  const positions = new Map<string | null, number>();
  const isMinutes = source.documentKind === 'minutes';
  const paperStatus: 'treated' | 'on_agenda' =
    statusRank(meeting.status) >= statusRank('held') ? 'treated' : 'on_agenda';
  const paperDate = toLocalDate(source.startsAt);
  const rows: repo.ItemRows = {
    newPapers: [],
    newItems: [],
    paperUpdates: [],
    itemUpdates: [],
    replacedPaperIds: [],
    replacedItemIds: [],
    sections: [],
    paperAttachments: [],
    itemAttachments: [],
    sourceKeys: [],
  };

  for (const item of source.items) {
    const parentNumber = parentNumberOf(item.number);
    const parentId = (parentNumber && idByNumber.get(parentNumber)) || null;
    const position = (positions.get(parentId) ?? 0) + 1;
    positions.set(parentId, position);
    const known = repo.sourceKeyLookup(run.keys, 'agenda_item', item.sourceKey);
    const existing = (known && byId.get(known)) || byNumber.get(item.number);
    if (existing) byNumber.delete(item.number);
    const itemId = existing?.id ?? randomUUID();
    idByNumber.set(item.number, itemId);
    if (known !== itemId) {
      rows.sourceKeys.push({
        sourceSystem: run.sourceSystem,
        sourceKey: item.sourceKey,
        entityType: 'agenda_item',
        entityId: itemId,
      });
    }

    const needsPaper =
      existing?.paperId ||
      item.sections.length > 0 ||
      item.attachments.length > 0 ||
      item.caseNumber;
    let paperId = existing?.paperId ?? null;
    if (needsPaper) {
      const paperValues = {
        kind: 'indstilling' as const,
        title: item.title.trim(),
        status: paperStatus,
        organizationId: meeting.organizationId,
        addressee: 'udvalget' as const,
        paperDate,
        caseNumber: item.caseNumber,
      };
      if (paperId) {
        rows.paperUpdates.push({ id: paperId, values: paperValues });
        rows.replacedPaperIds.push(paperId);
      } else {
        paperId = randomUUID();
        rows.newPapers.push({ id: paperId, ...paperValues });
      }
      item.sections.forEach((section, index) =>
        rows.sections.push({ paperId: paperId!, position: index + 1, ...section }),
      );
    }
    const values = {
      meetingId: meeting.meetingId,
      parentId,
      position,
      title: item.title.trim(),
      sourceNumber: item.number,
      isPublic: item.isPublic,
      publicTitle: item.isPublic ? null : item.neutralTitle?.trim() || da.items.closed,
      decision: isMinutes ? decisionText(item) : (existing?.decision ?? null),
      paperId,
    };
    if (existing) {
      rows.itemUpdates.push({ id: itemId, values });
      rows.replacedItemIds.push(itemId);
    } else {
      rows.newItems.push({ id: itemId, ...values });
    }
    if (paperId) await collectAttachments(run, item, { paperId, itemId }, rows);
  }
  await repo.writeItemRows(tx, rows);
  for (const key of rows.sourceKeys) {
    run.keys.set(repo.sourceKeyId(key.entityType, key.sourceKey), key.entityId);
  }
}

async function collectAttachments(
  run: Run,
  item: ImportedItem,
  target: { paperId: string; itemId: string },
  rows: repo.ItemRows,
): Promise<void> {
  const where = (attachment: ImportedAttachment) =>
    `Punkt ${item.number}, ${attachment.fileName || attachment.title}`;
  for (const attachment of item.attachments) {
    const title = attachment.title.trim() || attachment.fileName;
    // The public sees an open item's bilag; one the source keeps closed has no place there.
    if (item.isPublic && !attachment.isPublic) {
      run.warnings.push({
        code: 'ATTACHMENT_NOT_PUBLIC',
        message: t.attachmentNotPublic,
        where: where(attachment),
      });
      continue;
    }
    // The reader has already warned about a file the export lacks.
    const stored = attachment.filePath
      ? await storeAttachmentFile(run, attachment.filePath, attachment.fileName)
      : undefined;
    if (stored && 'fileSha256' in stored) {
      rows.paperAttachments.push({
        paperId: target.paperId,
        position: rows.paperAttachments.filter((row) => row.paperId === target.paperId).length + 1,
        title,
        fileName: stored.fileName,
        fileSha256: stored.fileSha256,
      });
      continue;
    }
    if (stored) run.warnings.push({ ...stored, where: where(attachment) });
    rows.itemAttachments.push({
      agendaItemId: target.itemId,
      position: rows.itemAttachments.filter((row) => row.agendaItemId === target.itemId).length + 1,
      title,
    });
  }
}

/** Reads and stores a bilag's file once per import; an unreadable or refused file is a warning. */
async function storeAttachmentFile(
  run: Run,
  filePath: string,
  fileName: string,
): Promise<{ fileSha256: string; fileName: string } | ImportWarning> {
  const cached = run.files.get(filePath);
  if (cached) return cached;
  let result: { fileSha256: string; fileName: string } | ImportWarning;
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFile(filePath);
  } catch {
    result = { code: 'ATTACHMENT_MISSING', message: t.attachmentMissing };
  }
  const name = cleanFileName(fileName);
  const digest = bytes && createHash('sha256').update(bytes).digest('hex');
  const checked = digest && `${digest}${extname(name).toLowerCase()}`;
  if (digest && checked && run.contents.has(checked)) {
    result = { fileSha256: digest, fileName: name };
    run.storedFiles += 1;
  } else if (bytes) {
    try {
      const stored = await run.ctx.storeFile({ bytes, fileName });
      result = { fileSha256: stored.sha256, fileName: stored.fileName };
      if (checked) run.contents.add(checked);
      run.storedFiles += 1;
    } catch (error) {
      if (!isAppError(error)) throw error;
      const reason = error.message === error.code ? da.errors[error.code] : error.message;
      result = { code: 'ATTACHMENT_REJECTED', message: t.attachmentRejected(reason) };
    }
  }
  run.files.set(filePath, result!);
  return result!;
}

/**
 * A final agenda is a released one: members and the public read the released version, so the
 * import stores it as the minutes module does, without notifying anyone of a past meeting.
 * Importing it again refreshes that version instead of adding a new one.
 */
async function storeAgendaRelease(run: Run, meetingId: string): Promise<void> {
  const { tx } = run.ctx;
  const detail = await getMeetingDetail({
    actor: run.ctx.actor,
    tx,
    meetingId,
    options: {
      asItIs: true,
    },
  });
  const snapshot = agendaReleaseSnapshot(detail);
  const latest = await repo.selectLatestRelease(tx, meetingId);
  if (latest) {
    await repo.updateReleaseSnapshot(tx, latest.id, snapshot);
    return;
  }
  await repo.insertRelease(tx, {
    meetingId,
    version: 1,
    snapshot,
    releasedAt: detail.meeting.startsAt,
    releasedByUserId: run.ctx.actor.kind === 'user' ? run.ctx.actor.userId : null,
  });
}

/** Publishes what the source published; a likely CPR number leaves it unpublished, with a warning. */
async function publish(run: Run, meetingId: string, kind: PublicationKind): Promise<void> {
  try {
    await publishMeeting({ ...run.ctx, meetingId, kind });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'CPR_NUMBER_FOUND') throw error;
    run.warnings.push({
      code: 'PUBLISH_BLOCKED_CPR',
      message: t.publishBlockedCpr(kind === 'agenda' ? t.agendaKind : t.minutesKind),
      where: error.details.map((detail) => detail.field).join(', '),
    });
  }
}
