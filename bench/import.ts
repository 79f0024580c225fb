/**
 * Importing history: a synthetic archive of SBSYS Publication exports, modelled on the sample
 * Publication32.xml (10 committees × 11 meetings a year × 10 years, ~10 items each, one PDF
 * bilag per meeting), each meeting in its own export folder as the ESDH writes it. It is read
 * with readExport and written with importArchive in one transaction, on PGlite and on
 * PostgreSQL (DATABASE_URL, else the local 127.0.0.1:5432 server, in a database made and
 * dropped here). The reference, in the same run: the very rows the import wrote, inserted into
 * a fresh database of the same engine with raw multi-row INSERTs (500 rows a statement).
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, type Table } from 'drizzle-orm';
import pg from 'pg';
import { storedFiles } from '../src/modules/files/db-schema';
import { importSourceKeys } from '../src/modules/importers/db-schema';
import { runImport } from '../src/modules/importers/index';
import type { ImportedArchive } from '../src/modules/importers/index';
import { readExport } from '../src/modules/importers/formats/read-export';
import {
  agendaItemAttachments,
  agendaItems,
  agendaReleases,
  meetings,
} from '../src/modules/meetings/db-schema';
import { meetingAttendance } from '../src/modules/minutes/db-schema';
import {
  bodies,
  locations,
  memberships,
  organizations,
  persons,
} from '../src/modules/organizations/db-schema';
import { paperAttachments, papers, paperSections } from '../src/modules/papers/db-schema';
import { meetingPublications } from '../src/modules/publishing/db-schema';
import { auditEvents } from '../src/platform/audit/db-schema';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client';
import { inTransaction } from '../src/platform/db/transaction';
import { envNumber, printResult, printTable, round } from './shared';

const committees = envNumber('BENCH_COMMITTEES', 10);
const years = envNumber('BENCH_YEARS', 10);
const meetingsPerYear = envNumber('BENCH_MEETINGS_PER_YEAR', 11);
const itemsPerMeeting = envNumber('BENCH_ITEMS', 10);
const sample = fileURLToPath(
  new URL('../../shared/samples/esdh/publication-ballerup-2013/', import.meta.url),
);

/** The tables an import writes, parents first: the reference inserts them in this order. */
const writtenTables: Table[] = [
  bodies,
  organizations,
  persons,
  memberships,
  locations,
  storedFiles,
  meetings,
  papers,
  agendaItems,
  paperSections,
  paperAttachments,
  agendaItemAttachments,
  agendaReleases,
  meetingAttendance,
  meetingPublications,
  importSourceKeys,
  auditEvents,
];
/** Present before any import (an empty database has them): not part of the timed copy. */
const setupTables = new Set<Table>([bodies]);

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * One meeting's export: the sample with its ids, committee, dates and items rewritten; its five
 * items repeated (with new ids and numbers) up to the wanted count.
 */
function meetingXml(template: string, committee: number, meetingId: number, when: Date): string {
  const itemsStart = template.indexOf('<Items>') + '<Items>'.length;
  const itemsEnd = template.indexOf('</Items>');
  const items = [
    ...template.slice(itemsStart, itemsEnd).matchAll(/<Item ID="\d+">[\s\S]*?<\/Item>/g),
  ].map((match) => match[0]);
  let body = '';
  for (let index = 0; index < itemsPerMeeting; index++) {
    const itemId = meetingId * 100 + index;
    body += items[index % items.length]!.replace(/<Item ID="\d+">/, `<Item ID="${itemId}">`)
      .replace(/ItemID="\d+"/g, `ItemID="${itemId}"`)
      .replace(/ID="(\d+)"/g, (_, id: string) => `ID="${id}${itemId}"`)
      .replace(
        /<Number><!\[CDATA\[\d+\]\]><\/Number>(\s*<MeetingPlans)/,
        `<Number><![CDATA[${index + 1}]]></Number>$1`,
      );
  }
  const stamp = `${pad(when.getDate())}-${pad(when.getMonth() + 1)}-${when.getFullYear()}`;
  return (template.slice(0, itemsStart) + body + template.slice(itemsEnd))
    .replace('<Meeting ID="26">', `<Meeting ID="${meetingId}">`)
    .replace(/MeetingID="26"/g, `MeetingID="${meetingId}"`)
    .replace('<Committee ID="8">', `<Committee ID="${1000 + committee}">`)
    .replace(/CommitteeID="8"/g, `CommitteeID="${1000 + committee}"`)
    .replaceAll('KMB IT-udvalget', `Benchmarkudvalg ${committee}`)
    .replace(/<When><!\[CDATA\[[^\]]+/, `<When><![CDATA[${stamp} 16:30:00`)
    .replace(/<Until><!\[CDATA\[[^\]]+/, `<Until><![CDATA[${stamp} 18:00:00`);
}

/** Writes the archive: one folder per meeting with its XML and its Enclosures folder. */
async function generateArchive(folder: string): Promise<string[]> {
  const template = (await readFile(join(sample, 'Publication32.xml'), 'utf8')).replace(
    /^\uFEFF/,
    '',
  );
  const enclosure = join(sample, 'Enclosures', '1.pdf');
  const exports: string[] = [];
  let meetingId = 10_000;
  for (let committee = 1; committee <= committees; committee++) {
    for (let year = 0; year < years; year++) {
      for (let meeting = 0; meeting < meetingsPerYear; meeting++) {
        meetingId += 1;
        const target = join(folder, `udvalg-${committee}`, `moede-${meetingId}`);
        await mkdir(join(target, 'Enclosures'), { recursive: true });
        const when = new Date(2014 + year, meeting, 1 + committee);
        await writeFile(
          join(target, `Publication${meetingId}.xml`),
          meetingXml(template, committee, meetingId, when),
        );
        await copyFile(enclosure, join(target, 'Enclosures', '1.pdf'));
        exports.push(target);
      }
    }
  }
  return exports;
}

type Engine = {
  name: string;
  open(): Promise<Database & { dispose(): Promise<void> }>;
};

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const engines: Engine[] = [
  {
    name: 'PGlite',
    async open() {
      const database = await openPglite(undefined);
      await database.migrate();
      return { ...database, dispose: () => database.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const name = `dagsorden_bench_import_${randomBytes(4).toString('hex')}`;
      await adminQuery(`CREATE DATABASE "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openPostgres(url.toString());
      await database.migrate();
      return {
        ...database,
        async dispose() {
          await database.close();
          await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        },
      };
    },
  },
];

/** The import's rows inserted again, raw: what writing the same data costs at the least. */
async function referenceInsert(source: Database, target: Database): Promise<number> {
  const rows = new Map<Table, Array<Record<string, unknown>>>();
  for (const table of writtenTables) {
    rows.set(table, await source.db.select().from(table));
  }
  // The body and the demo-free defaults exist before an import, so they are set up untimed.
  for (const table of setupTables) {
    const existing = rows.get(table) ?? [];
    if (existing.length > 0) await target.db.insert(table).values(existing);
  }
  const started = performance.now();
  await inTransaction(target.db, async (tx) => {
    for (const table of writtenTables) {
      if (setupTables.has(table)) continue;
      // audit_events has a serial id: the reference inserts the rows without it, as the import did.
      const tableRows = (rows.get(table) ?? []).map((row) =>
        getTableName(table) === 'audit_events' ? { ...row, id: undefined } : row,
      );
      for (let offset = 0; offset < tableRows.length; offset += 500) {
        await tx.insert(table).values(tableRows.slice(offset, offset + 500));
      }
    }
  });
  return performance.now() - started;
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'dagsorden-bench-import-'));
  try {
    process.stderr.write(
      `Generating ${committees * years * meetingsPerYear} meetings of ${itemsPerMeeting} items …\n`,
    );
    const exports = await generateArchive(folder);
    const readStarted = performance.now();
    const archives: ImportedArchive[] = [];
    for (const path of exports) {
      archives.push(await readExport({ path, format: 'publication', maxBytes: 50_000_000 }));
    }
    const readMs = performance.now() - readStarted;
    const archive: ImportedArchive = {
      format: 'publication',
      sourceSystem: 'publication',
      meetings: archives.flatMap((entry) => entry.meetings),
      warnings: archives.flatMap((entry) => entry.warnings),
    };
    const items = archive.meetings.reduce((sum, meeting) => sum + meeting.items.length, 0);
    process.stderr.write(`Read ${archive.meetings.length} exports in ${round(readMs / 1000)} s\n`);

    const results: Array<{ engine: string; importMs: number; referenceMs: number }> = [];
    for (const engine of engines) {
      const database = await engine.open();
      const reference = await engine.open();
      const blobDir = await mkdtemp(join(tmpdir(), 'dagsorden-bench-blobs-'));
      try {
        process.stderr.write(`${engine.name}: importing ${items} items …\n`);
        const started = performance.now();
        const summary = await runImport(
          {
            actor: { kind: 'system', label: 'bench' },
            db: database.db,
            blobs: createLocalBlobStore(blobDir),
            limits: { maxBytes: 50_000_000 },
          },
          () => Promise.resolve(archive),
          { dryRun: false },
        );
        const importMs = performance.now() - started;
        if (summary.items !== items) throw new Error(`imported ${summary.items} of ${items}`);
        const referenceMs = await referenceInsert(database, reference);
        results.push({ engine: engine.name, importMs, referenceMs });
      } finally {
        await database.dispose();
        await reference.dispose();
        await rm(blobDir, { recursive: true, force: true });
      }
    }

    printTable(
      ['engine', 'items', 'import s', 'items/s', 'raw INSERT s', 'items/s (raw)', 'ratio'],
      results.map((result) => [
        result.engine,
        items,
        round(result.importMs / 1000),
        Math.round(items / (result.importMs / 1000)),
        round(result.referenceMs / 1000),
        Math.round(items / (result.referenceMs / 1000)),
        round(result.importMs / result.referenceMs),
      ]),
    );
    printResult({
      name: 'import',
      ratio: round(Math.max(...results.map((result) => result.importMs / result.referenceMs))),
      meetings: archive.meetings.length,
      items,
      readSeconds: round(readMs / 1000),
      ...Object.fromEntries(
        results.map((result) => [
          result.engine,
          {
            itemsPerSecond: Math.round(items / (result.importMs / 1000)),
            rawItemsPerSecond: Math.round(items / (result.referenceMs / 1000)),
            ratio: round(result.importMs / result.referenceMs),
          },
        ]),
      ),
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
