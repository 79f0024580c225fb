import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app-harness';
import {
  importedArchive,
  importedAttachment,
  importedItem,
  importedMeeting,
} from '../../../test/archive-factory';
import { isEngineUnavailable } from '../../../test/database';
import { makePdf } from '../../../test/file-factories';
import type { Actor } from '../../platform/auth/policy';
import { auditEvents } from '../../platform/audit/db-schema';
import { AppError } from '../../platform/errors';
import {
  agendaItemAttachments,
  agendaItems,
  agendaReleases,
  meetings,
} from '../meetings/db-schema';
import { meetingAttendance } from '../minutes/db-schema';
import { memberships, organizations, persons } from '../organizations/db-schema';
import { paperAttachments, papers, paperSections } from '../papers/db-schema';
import { getPublicMeeting } from '../publishing/index';
import { meetingPublications } from '../publishing/db-schema';
import type { ImportedArchive } from './archive';
import { importSourceKeys } from './db-schema';
import { runImport } from './service';

const system: Actor = { kind: 'system', label: 'import-test' };
const tables = {
  organizations,
  persons,
  memberships,
  meetings,
  agendaItems,
  papers,
  paperSections,
  paperAttachments,
  agendaItemAttachments,
  agendaReleases,
  meetingPublications,
  meetingAttendance,
  importSourceKeys,
  auditEvents,
};

describe.skipIf(isEngineUnavailable())('importing an archive', () => {
  let t: TestApp;
  let exportDir: string;
  let pdfPath: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    exportDir = await mkdtemp(join(tmpdir(), 'import-export-'));
    pdfPath = join(exportDir, 'bilag.pdf');
    await writeFile(pdfPath, await makePdf(['Bilag til punkt 12']));
    await writeFile(join(exportDir, 'gammel.doc'), 'not really a Word 97 file');
  });
  afterAll(async () => {
    await t?.close();
    await rm(exportDir, { recursive: true, force: true });
  });

  const run = (archive: ImportedArchive, options: { dryRun?: boolean; actor?: Actor } = {}) =>
    runImport(
      {
        actor: options.actor ?? system,
        db: t.database.db,
        blobs: t.app.blobs,
        limits: { maxBytes: 10 * 1024 * 1024 },
      },
      () => Promise.resolve(archive),
      { dryRun: options.dryRun ?? false },
    );

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) {
      const [row] = await t.database.db.select({ count: sql<number>`count(*)::int` }).from(table);
      result[name] = row!.count;
    }
    return result;
  }

  async function meetingBySourceKey(sourceSystem: string, sourceKey: string) {
    const [key] = await t.database.db
      .select()
      .from(importSourceKeys)
      .where(
        and(
          eq(importSourceKeys.sourceSystem, sourceSystem),
          eq(importSourceKeys.sourceKey, sourceKey),
          eq(importSourceKeys.entityType, 'meeting'),
        ),
      );
    const [meeting] = await t.database.db
      .select()
      .from(meetings)
      .where(eq(meetings.id, key!.entityId));
    return meeting!;
  }

  const itemsOf = (meetingId: string) =>
    t.database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId));

  it('writes final minutes: numbers as the source gave them, memo, decision, bilag, published', async () => {
    const archive = importedArchive({
      sourceSystem: 'publication:minutes',
      warnings: [{ code: 'XML_CHARACTER_REMOVED', message: 'Tegn fjernet.', where: 'x.xml' }],
      meetings: [
        importedMeeting({
          items: [
            importedItem('1', {
              decisions: [{ heading: 'Beslutning', html: '<p>Godkendt.</p>' }],
            }),
            importedItem('1.1', { caseNumber: '00.01.00-A00-1-13' }),
            importedItem('12', {
              title: 'Lokalplan for Skovlunde',
              decisions: [
                { heading: 'Beslutning', html: '<p>Anbefales.</p>' },
                { heading: 'Byrådets beslutning', html: '<p>Vedtaget.</p>' },
              ],
              attachments: [
                importedAttachment('plan', pdfPath, { title: 'Lokalplanforslag' }),
                // The reader warned about this one already; the writer lists it by title.
                importedAttachment('gone', null, { title: 'Kort over området' }),
                importedAttachment('vanished', join(exportDir, 'slettet.pdf'), {
                  title: 'Slettet bilag',
                }),
                importedAttachment('old', join(exportDir, 'gammel.doc'), {
                  title: 'Gammelt notat',
                  fileName: 'gammel.doc',
                }),
              ],
            }),
            importedItem('13', {
              title: 'Personalesag LUKKET-IMPORT-CANARY',
              isPublic: false,
              neutralTitle: 'Personalesag',
              sections: [{ heading: 'Sagsfremstilling', html: '<p>LUKKET-IMPORT-CANARY</p>' }],
            }),
          ],
        }),
      ],
    });
    const summary = await run(archive);
    expect(summary).toMatchObject({
      format: 'publication',
      meetings: 1,
      items: 4,
      files: 1,
      dryRun: false,
    });
    expect(summary.warnings.map((warning) => warning.code).sort()).toEqual([
      'ATTACHMENT_MISSING',
      'ATTACHMENT_REJECTED',
      'XML_CHARACTER_REMOVED',
    ]);

    const meeting = await meetingBySourceKey('publication:minutes', 'meeting-1');
    expect(meeting.status).toBe('minutes_approved');
    expect(meeting.title).toBe('Importudvalget');
    expect(meeting.endsAt.getTime() - meeting.startsAt.getTime()).toBe(3_600_000);
    const [committee] = await t.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, meeting.organizationId));
    expect(committee).toMatchObject({ name: 'Importudvalget', classification: 'udvalg' });

    const items = await itemsOf(meeting.id);
    const byNumber = new Map(items.map((item) => [item.sourceNumber, item]));
    expect(byNumber.get('1.1')!.parentId).toBe(byNumber.get('1')!.id);
    expect(byNumber.get('12')!.parentId).toBeNull();
    expect(byNumber.get('1')!.decision).toBe('Godkendt.');
    expect(byNumber.get('12')!.decision).toBe(
      'Beslutning\nAnbefales.\n\nByrådets beslutning\nVedtaget.',
    );
    expect(byNumber.get('13')).toMatchObject({ isPublic: false, publicTitle: 'Personalesag' });

    const [paper] = await t.database.db
      .select()
      .from(papers)
      .where(eq(papers.id, byNumber.get('1.1')!.paperId!));
    expect(paper).toMatchObject({
      kind: 'indstilling',
      status: 'treated',
      caseNumber: '00.01.00-A00-1-13',
      organizationId: meeting.organizationId,
    });
    const twelve = byNumber.get('12')!;
    const files = await t.database.db
      .select()
      .from(paperAttachments)
      .where(eq(paperAttachments.paperId, twelve.paperId!));
    expect(files.map((file) => file.title)).toEqual(['Lokalplanforslag']);
    const listed = await t.database.db
      .select()
      .from(agendaItemAttachments)
      .where(eq(agendaItemAttachments.agendaItemId, twelve.id));
    expect(listed.map((attachment) => attachment.title)).toEqual([
      'Kort over området',
      'Slettet bilag',
      'Gammelt notat',
    ]);

    // Published: the public page shows the source's numbers and the decision, never the closed text.
    const published = await getPublicMeeting(t.database.db, meeting.id);
    expect(published?.meeting.kind).toBe('minutes');
    expect(published?.meeting.items.map((item) => item.number)).toEqual(['1', '1.1', '12', '13']);
    const page = await t.app.inject({ url: `/offentlig/moeder/${meeting.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lokalplan for Skovlunde');
    expect(page.body).toContain('Personalesag');
    expect(page.body).not.toContain('LUKKET-IMPORT-CANARY');
    const oparl = await t.app.inject({ url: `/oparl/v1.1/meeting/${meeting.id}` });
    expect(oparl.statusCode).toBe(200);
    expect(oparl.body).not.toContain('LUKKET-IMPORT-CANARY');

    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, meeting.id), eq(auditEvents.action, 'import.meeting.create')),
      );
    expect(audits).toHaveLength(1);
  });

  it('updates instead of duplicating when the same export comes again', async () => {
    const archive = importedArchive({ sourceSystem: 'publication:again' });
    await run(archive);
    const before = await counts();
    const again = importedArchive({
      sourceSystem: 'publication:again',
      meetings: [
        importedMeeting({
          items: [
            importedItem('1', {
              title: 'Ny titel',
              sections: [{ heading: 'Indstilling', html: '<p>Ændret.</p>' }],
            }),
            importedItem('1.1'),
            importedItem('12'),
          ],
        }),
      ],
    });
    await run(again);
    const after = await counts();
    expect({ ...after, auditEvents: 0, meetingPublications: 0 }).toEqual({
      ...before,
      auditEvents: 0,
      meetingPublications: 0,
    });
    expect(after.meetingPublications).toBe(before.meetingPublications);
    const meeting = await meetingBySourceKey('publication:again', 'meeting-1');
    const one = (await itemsOf(meeting.id)).find((item) => item.sourceNumber === '1')!;
    expect(one.title).toBe('Ny titel');
    const sections = await t.database.db
      .select()
      .from(paperSections)
      .where(eq(paperSections.paperId, one.paperId!));
    expect(sections.map((section) => [section.heading, section.html])).toEqual([
      ['Indstilling', '<p>Ændret.</p>'],
    ]);
  });

  it('adds the minutes to the agenda of the same meeting, and never goes back', async () => {
    const sourceSystem = 'publication:lifecycle';
    const agenda = importedArchive({
      sourceSystem,
      meetings: [importedMeeting({ documentKind: 'agenda', isFinal: true })],
    });
    await run(agenda);
    const meeting = await meetingBySourceKey(sourceSystem, 'meeting-1');
    expect(meeting.status).toBe('agenda_released');
    const releases = await t.database.db
      .select()
      .from(agendaReleases)
      .where(eq(agendaReleases.meetingId, meeting.id));
    expect(releases).toHaveLength(1);
    expect((await getPublicMeeting(t.database.db, meeting.id))?.meeting.kind).toBe('agenda');
    const itemIds = (await itemsOf(meeting.id)).map((item) => item.id).sort();

    const minutes = importedArchive({
      sourceSystem,
      meetings: [
        importedMeeting({
          documentKind: 'minutes',
          isFinal: true,
          // The minutes' export keys its items differently: the number joins them.
          items: ['1', '1.1', '12'].map((number) =>
            importedItem(number, {
              sourceKey: `minutes-item-${number}`,
              decisions: [{ heading: 'Beslutning', html: `<p>Besluttet ${number}.</p>` }],
            }),
          ),
        }),
      ],
    });
    await run(minutes);
    const afterMinutes = await itemsOf(meeting.id);
    expect(afterMinutes.map((item) => item.id).sort()).toEqual(itemIds);
    expect(afterMinutes.find((item) => item.sourceNumber === '12')!.decision).toBe('Besluttet 12.');
    expect((await meetingBySourceKey(sourceSystem, 'meeting-1')).status).toBe('minutes_approved');
    expect((await getPublicMeeting(t.database.db, meeting.id))?.meeting.kind).toBe('minutes');

    await run(agenda);
    const afterAgendaAgain = await itemsOf(meeting.id);
    expect(afterAgendaAgain.map((item) => item.id).sort()).toEqual(itemIds);
    expect(afterAgendaAgain.find((item) => item.sourceNumber === '12')!.decision).toBe(
      'Besluttet 12.',
    );
    expect((await meetingBySourceKey(sourceSystem, 'meeting-1')).status).toBe('minutes_approved');
  });

  it('keeps a draft agenda internal', async () => {
    await run(
      importedArchive({
        sourceSystem: 'publication:draft',
        meetings: [importedMeeting({ documentKind: 'agenda', isFinal: false })],
      }),
    );
    const meeting = await meetingBySourceKey('publication:draft', 'meeting-1');
    expect(meeting.status).toBe('planned');
    expect(await getPublicMeeting(t.database.db, meeting.id)).toBeUndefined();
  });

  it('imports but does not publish what seems to hold a CPR number', async () => {
    const summary = await run(
      importedArchive({
        sourceSystem: 'publication:cpr',
        meetings: [
          importedMeeting({
            items: [
              importedItem('1', {
                sections: [
                  { heading: 'Sagsfremstilling', html: '<p>Borger 010203-1234 klager.</p>' },
                ],
              }),
            ],
          }),
        ],
      }),
    );
    expect(summary.warnings.map((warning) => warning.code)).toContain('PUBLISH_BLOCKED_CPR');
    const meeting = await meetingBySourceKey('publication:cpr', 'meeting-1');
    expect(meeting.status).toBe('minutes_approved');
    expect(await getPublicMeeting(t.database.db, meeting.id)).toBeUndefined();
  });

  it('rolls a dry run back completely', async () => {
    const before = await counts();
    const summary = await run(
      importedArchive({
        sourceSystem: 'publication:dry',
        meetings: [
          importedMeeting({
            items: [importedItem('1', { attachments: [importedAttachment('plan', pdfPath)] })],
          }),
        ],
      }),
      { dryRun: true },
    );
    expect(summary).toMatchObject({ dryRun: true, meetings: 1, items: 1, files: 1 });
    expect(await counts()).toEqual(before);
  });

  it('refuses an untitled item and a non-administrator, writing nothing', async () => {
    const before = await counts();
    const invalid = importedArchive({
      sourceSystem: 'publication:invalid',
      meetings: [
        importedMeeting({ items: [importedItem('1'), importedItem('2', { title: ' ' })] }),
      ],
    });
    const error = await run(invalid).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('IMPORT_INVALID');
    expect((error as AppError).details[0]?.field).toBe('Møde 1 (Importudvalget), punkt 2');

    const secretary: Actor = {
      kind: 'user',
      userId: '00000000-0000-4000-8000-000000000001',
      email: 'sekretaer@test.dk',
      name: 'Sekretær',
      role: 'secretary',
      personId: null,
      organizationIds: [],
    };
    const refused = await run(importedArchive(), { actor: secretary }).catch(
      (caught: unknown) => caught,
    );
    expect((refused as AppError).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});
