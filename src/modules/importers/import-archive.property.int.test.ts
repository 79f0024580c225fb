import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
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
import { isAppError } from '../../platform/errors';
import type { ImportedArchive } from './archive';
import { runImport } from './service';

/** Every table an import writes to. */
const tableNames = [
  'bodies',
  'organizations',
  'persons',
  'memberships',
  'locations',
  'meetings',
  'agenda_items',
  'agenda_item_attachments',
  'agenda_releases',
  'meeting_attendance',
  'papers',
  'paper_sections',
  'paper_attachments',
  'stored_files',
  'meeting_publications',
  'import_source_keys',
  'audit_events',
];

type Mutation =
  | { kind: 'emptyTitle' | 'emptyNumber' | 'nulInTitle' | 'longTitle'; item: number }
  | { kind: 'corruptFile' | 'missingFile' | 'pathIsFolder'; item: number }
  | { kind: 'invalidDate' | 'endBeforeStart' | 'emptyCommittee'; meeting: number }
  | { kind: 'cprInText'; item: number }
  | { kind: 'closedWithoutNeutralTitle'; item: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      'emptyTitle',
      'emptyNumber',
      'nulInTitle',
      'longTitle',
      'corruptFile',
      'missingFile',
      'pathIsFolder',
      'cprInText',
      'closedWithoutNeutralTitle',
    ),
    item: fc.nat(3),
  }),
  fc.record({
    kind: fc.constantFrom('invalidDate', 'endBeforeStart', 'emptyCommittee'),
    meeting: fc.nat(1),
  }),
) as fc.Arbitrary<Mutation>;

describe.skipIf(isEngineUnavailable())('an import with one bad element', () => {
  let t: TestApp;
  let folder: string;
  let pdfPath: string;
  let corruptPath: string;

  beforeAll(async () => {
    t = await createTestApp();
    folder = await mkdtemp(join(tmpdir(), 'import-property-'));
    pdfPath = join(folder, 'ok.pdf');
    corruptPath = join(folder, 'corrupt.pdf');
    await writeFile(pdfPath, await makePdf(['Et gyldigt bilag']));
    await writeFile(corruptPath, Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'));
  });
  afterAll(async () => {
    await t?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const name of tableNames) {
      // Both drivers answer a raw statement with `{ rows }`.
      const rows = (await t.database.db.execute(
        sql.raw(`SELECT count(*)::int AS count FROM "${name}"`),
      )) as unknown as { rows: Array<{ count: number }> };
      result[name] = rows.rows[0]!.count;
    }
    return result;
  }

  /** Two meetings of four items each, every item with a good bilag. */
  function baseArchive(run: number): ImportedArchive {
    return importedArchive({
      sourceSystem: `property:${run}`,
      meetings: [0, 1].map((meeting) =>
        importedMeeting({
          sourceKey: `meeting-${meeting}`,
          startsAt: new Date(Date.UTC(2015, meeting, 10, 15)),
          items: ['1', '1.1', '2', '3'].map((number) =>
            importedItem(number, {
              attachments: [importedAttachment(`bilag-${meeting}-${number}`, pdfPath)],
            }),
          ),
        }),
      ),
    });
  }

  function mutate(archive: ImportedArchive, change: Mutation): ImportedArchive {
    if ('meeting' in change) {
      const meeting = archive.meetings[change.meeting]!;
      if (change.kind === 'invalidDate') meeting.startsAt = new Date(Number.NaN);
      if (change.kind === 'endBeforeStart') {
        meeting.endsAt = new Date(meeting.startsAt.getTime() - 60_000);
      }
      if (change.kind === 'emptyCommittee') meeting.organization.name = ' ';
      return archive;
    }
    const item = archive.meetings[0]!.items[change.item]!;
    const attachment = item.attachments[0]!;
    switch (change.kind) {
      case 'emptyTitle':
        item.title = '';
        break;
      case 'emptyNumber':
        item.number = '';
        break;
      case 'nulInTitle':
        item.title = 'Punkt\u0000med nul';
        break;
      case 'longTitle':
        item.title = 'x'.repeat(5000);
        break;
      case 'corruptFile':
        attachment.filePath = corruptPath;
        break;
      case 'missingFile':
        attachment.filePath = join(folder, 'findes-ikke.pdf');
        break;
      case 'pathIsFolder':
        attachment.filePath = folder;
        break;
      case 'cprInText':
        item.sections = [{ heading: 'Sagsfremstilling', html: '<p>CPR 010203-1234</p>' }];
        break;
      case 'closedWithoutNeutralTitle':
        item.isPublic = false;
        item.neutralTitle = null;
        break;
    }
    return archive;
  }

  it('imports cleanly or fails with a clear error and writes nothing', async () => {
    let run = 0;
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(mutation, async (change) => {
        run += 1;
        const archive = mutate(baseArchive(run), change);
        const before = await counts();
        try {
          const summary = await runImport(
            {
              actor: { kind: 'system', label: 'property' },
              db: t.database.db,
              blobs: t.app.blobs,
              limits: { maxBytes: 10 * 1024 * 1024 },
            },
            () => Promise.resolve(archive),
            { dryRun: false },
          );
          outcomes.add(`imported:${change.kind}`);
          expect(summary.meetings).toBe(2);
          expect(summary.items).toBe(8);
          const after = await counts();
          expect(after.meetings).toBe(before.meetings! + 2);
          expect(after.agenda_items).toBe(before.agenda_items! + 8);
        } catch (error) {
          outcomes.add(`refused:${change.kind}`);
          expect(isAppError(error), String(error)).toBe(true);
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 30, seed: 7 },
    );
    // Both branches ran, so the property says something about each.
    expect([...outcomes].some((outcome) => outcome.startsWith('imported:'))).toBe(true);
    expect([...outcomes].some((outcome) => outcome.startsWith('refused:'))).toBe(true);
  }, 240_000);
});
