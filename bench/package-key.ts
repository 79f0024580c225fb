/**
 * Is a meeting package out of date? The worker asks for every recent package every fifth tick.
 * Compares the input key query (one SQL statement over the source rows' change markers) with
 * what it replaced: gathering the package's inputs (agenda, participants, every memo) to hash
 * them. On the demo meeting with the most items, in PGlite; prints both medians and the ratio.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadDemo } from '../src/modules/demo/index';
import { selectPackageInputStates } from '../src/modules/packages/repository';
import { collectPackageInputs } from '../src/modules/packages/service';
import { contentKey } from '../src/modules/packages/part-cache';
import type { Actor } from '../src/platform/auth/policy';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import { openPglite } from '../src/platform/db/client';
import { envNumber, median, printResult, printTable, round } from './shared';

const runs = envNumber('BENCH_RUNS', 50);
const worker: Actor = { kind: 'system', label: 'mødepakke' };

/** Milliseconds of each run of fn, after two runs to warm up. */
async function timeRuns(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

async function main(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'dagsorden-bench-key-'));
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    const blobs = createLocalBlobStore(join(directory, 'blobs'));
    await loadDemo(database.db, blobs);
    await database.vacuumAnalyze();
    const { db } = database;
    const result = await db.execute(sql`select meeting_id as "meetingId", count(*)::int as items
      from agenda_items group by meeting_id order by count(*) desc, meeting_id limit 1`);
    const [meeting] = (result as { rows: Array<{ meetingId: string; items: number }> }).rows;
    if (!meeting) throw new Error('the demo data has no agenda items');
    const { meetingId } = meeting;

    const inputs = median(
      await timeRuns(async () => {
        const { plan, items } = await collectPackageInputs(
          { actor: worker, tx: db, blobs },
          meetingId,
          'full',
        );
        return contentKey('package', plan, items);
      }),
    );
    const key = median(await timeRuns(() => selectPackageInputStates(db, [meetingId])));

    process.stdout.write(
      `package-key: demo meeting with ${meeting.items} items; median of ${runs} runs\n\n`,
    );
    printTable(
      ['is the package current?', 'ms', 'ratio'],
      [
        ['gather the inputs and hash them (before)', round(inputs, 2), round(inputs / key, 1)],
        ['input key query (one statement)', round(key, 2), 1],
      ],
    );
    printResult({
      name: 'package-key',
      ratio: round(inputs / key, 1),
      inputsMs: round(inputs, 2),
      keyMs: round(key, 2),
      items: meeting.items,
    });
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
