/**
 * The server under a working day's peak on PostgreSQL: 20 editors, each signed in with their own
 * token, edit agenda items and paper sections and upload small PDF bilag in a loop, while
 * citizens and crawlers read the public portal and OParl lists. The server runs as `npm start`
 * does, in its own process, on a fresh database with the demo data; this process only sends
 * requests. The reference is the same public reads with no editors, measured in the same run.
 * Every answer must be 2xx or 3xx: any other answer or a network error fails the benchmark.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiToken, createUser } from '../src/modules/accounts/index';
import { loadDemo } from '../src/modules/demo/index';
import { listPublicMeetings } from '../src/modules/publishing/index';
import type { Actor } from '../src/platform/auth/policy';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import { openPostgres } from '../src/platform/db/client';
import { inTransaction } from '../src/platform/db/transaction';
import { makePdf } from '../test/file-factories';
import { freePort, startScript, waitForOk } from '../test/processes';
import { envNumber, printResult, printTable, round } from './shared';

const name = 'load';
const editorCount = 20;
const readerCount = 10;
const shownErrors = 5;

type Kind = 'edit agenda item' | 'save sections' | 'upload bilag' | 'public page' | 'OParl list';
const writeKinds: readonly Kind[] = ['edit agenda item', 'save sections', 'upload bilag'];
const readKinds: readonly Kind[] = ['public page', 'OParl list'];

/** Latencies (ms) per kind and the failures of one phase. */
class Recorder {
  latencies = new Map<Kind, number[]>();
  errors: string[] = [];
  errorCount = 0;
  started = performance.now();
  seconds = 0;

  async time(kind: Kind, label: string, send: () => Promise<Response>): Promise<unknown> {
    const start = performance.now();
    try {
      const response = await send();
      const isJson = response.headers.get('content-type')?.includes('json') === true;
      const body: unknown = isJson ? await response.json() : await response.arrayBuffer();
      if (response.status >= 400) {
        this.fail(`${kind} ${label}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        return undefined;
      }
      const list = this.latencies.get(kind) ?? [];
      list.push(performance.now() - start);
      this.latencies.set(kind, list);
      return body;
    } catch (error) {
      this.fail(`${kind} ${label}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  fail(message: string): void {
    this.errorCount++;
    if (this.errors.length < shownErrors) this.errors.push(message);
  }

  finish(): void {
    this.seconds = (performance.now() - this.started) / 1000;
  }

  requestsPerSecond(kinds: readonly Kind[]): number {
    const count = kinds.reduce((sum, kind) => sum + (this.latencies.get(kind)?.length ?? 0), 0);
    return count / this.seconds;
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

type Editor = {
  token: string;
  meetingId: string;
  itemId: string;
  paperId: string;
  headings: string[];
};

/** A fresh database on the PostgreSQL server, dropped again at the end. */
async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const databaseName = `dagsorden_bench_load_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Demo data and one secretary with a token per editor, written before the server starts. */
async function prepareData(databaseUrl: string, dataDir: string): Promise<string[]> {
  const database = await openPostgres(databaseUrl);
  try {
    await database.migrate();
    await loadDemo(database.db, createLocalBlobStore(join(dataDir, 'blobs')));
    await database.vacuumAnalyze();
    const actor: Actor = { kind: 'system', label: 'bench' };
    return await inTransaction(database.db, async (tx) => {
      const tokens: string[] = [];
      for (let index = 0; index < editorCount; index++) {
        const email = `redaktoer${index}@bench.dk`;
        await createUser({
          actor,
          tx,
          rawInput: { email, role: 'secretary', name: `Redaktør ${index}` },
        });
        tokens.push(await createApiToken({ actor, tx, input: { email } }));
      }
      return tokens;
    });
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const duration = envNumber('BENCH_DURATION', 60);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dataDir = await mkdtemp(join(tmpdir(), 'dagsorden-bench-load-'));
  const database = await createDatabase(adminUrl);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let server: ReturnType<typeof startScript> | undefined;
  try {
    const tokens = await prepareData(database.url, dataDir);
    server = startScript('main.ts', [], {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      DEMO: '0',
    });
    let serverOutput = '';
    server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server.once('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM')
        process.stderr.write(`server exited (${code ?? signal}):\n${serverOutput}\n`);
    });
    await waitForOk(`${baseUrl}/healthz`);

    const api = (token: string, path: string, init: RequestInit = {}) =>
      fetch(`${baseUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        },
      });
    const setupJson = async <T>(token: string, path: string, body?: unknown): Promise<T> => {
      const response = await api(
        token,
        path,
        body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
      );
      if (!response.ok)
        throw new Error(`set-up ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const organizations = await setupJson<{ data: Array<{ id: string }> }>(
      tokens[0]!,
      '/api/v1/organizations',
    );
    const organizationId = organizations.data[0]!.id;
    // Each editor works on their own meeting and paper, as colleagues in different
    // secretariats do; concurrent edits of one item would only measure the last-write race.
    const editors: Editor[] = [];
    for (const [index, token] of tokens.entries()) {
      const meeting = await setupJson<{ id: string }>(token, '/api/v1/meetings', {
        organizationId,
        title: `Belastningsmøde ${index}`,
        start: '2027-03-01T16:00:00+01:00',
        end: '2027-03-01T18:00:00+01:00',
      });
      const item = await setupJson<{ id: string }>(token, `/api/v1/meetings/${meeting.id}/items`, {
        title: `Punkt ${index}`,
        durationMinutes: 10,
      });
      const paper = await setupJson<{ id: string; sections: Array<{ heading: string }> }>(
        token,
        '/api/v1/papers',
        { organizationId, title: `Belastningssag ${index}`, paperDate: '2027-02-01' },
      );
      editors.push({
        token,
        meetingId: meeting.id,
        itemId: item.id,
        paperId: paper.id,
        headings: paper.sections.map((section) => section.heading),
      });
    }
    const publicUrls = await publicReadUrls(baseUrl, database.url);

    const runPhase = async (seconds: number, withEditors: boolean): Promise<Recorder> => {
      const recorder = new Recorder();
      const deadline = performance.now() + seconds * 1000;
      const reader = async (offset: number) => {
        for (let n = offset; performance.now() < deadline; n++) {
          const url = publicUrls[n % publicUrls.length]!;
          await recorder.time(url.kind, url.url, () => fetch(url.url));
        }
      };
      const editor = async (editorState: Editor, index: number) => {
        const { token, meetingId, itemId, paperId, headings } = editorState;
        for (let n = 0; performance.now() < deadline; n++) {
          await recorder.time('edit agenda item', itemId, () =>
            api(token, `/api/v1/meetings/${meetingId}/items/${itemId}`, {
              method: 'PATCH',
              body: JSON.stringify({ title: `Punkt ${index}, rettelse ${n}` }),
            }),
          );
          await recorder.time('save sections', paperId, () =>
            api(token, `/api/v1/papers/${paperId}/sections`, {
              method: 'PUT',
              body: JSON.stringify({
                sections: headings.map((heading) => ({
                  heading,
                  html: `<p>Redaktør ${index} skriver version ${n} af afsnittet ${heading}.</p>`,
                })),
              }),
            }),
          );
          // A new file each time, so every upload is checked, stored and indexed anew.
          const pdf = await makePdf([`Bilag fra redaktør ${index}, nummer ${n}`]);
          const form = new FormData();
          form.append(
            'file',
            new Blob([Buffer.from(pdf)], { type: 'application/pdf' }),
            'bilag.pdf',
          );
          await recorder.time('upload bilag', paperId, () =>
            api(token, `/api/v1/papers/${paperId}/attachments`, { method: 'POST', body: form }),
          );
        }
      };
      await Promise.all([
        ...Array.from({ length: readerCount }, (_, index) => reader(index)),
        ...(withEditors ? editors.map((state, index) => editor(state, index)) : []),
      ]);
      recorder.finish();
      return recorder;
    };

    // A short warm-up, so the first phase does not pay for JIT and cold caches.
    await runPhase(Math.min(3, duration), true);
    const readsAlone = await runPhase(duration, false);
    const mixed = await runPhase(duration, true);

    process.stdout.write(
      `${name}: ${editorCount} editors and ${readerCount} public readers for ${duration} s on PostgreSQL, ` +
        `against the same readers alone for ${duration} s\n\n`,
    );
    const row = (phase: string, recorder: Recorder, kind: Kind) => {
      const sorted = [...(recorder.latencies.get(kind) ?? [])].sort((a, b) => a - b);
      return [
        `${kind} (${phase})`,
        sorted.length,
        round(sorted.length / recorder.seconds, 1),
        round(percentile(sorted, 0.5), 1),
        round(percentile(sorted, 0.95), 1),
        round(percentile(sorted, 0.99), 1),
      ];
    };
    printTable(
      ['kind', 'requests', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        ...writeKinds.map((kind) => row('with readers', mixed, kind)),
        ...readKinds.map((kind) => row('with editors', mixed, kind)),
        ...readKinds.map((kind) => row('alone', readsAlone, kind)),
      ],
    );
    const readRatio = mixed.requestsPerSecond(readKinds) / readsAlone.requestsPerSecond(readKinds);
    const errorCount = readsAlone.errorCount + mixed.errorCount;
    process.stdout.write(
      `\npublic reads with editors / alone: ${round(readRatio, 3)}\n` +
        `writes/s: ${round(mixed.requestsPerSecond(writeKinds), 1)}, errors: ${errorCount}\n`,
    );
    const errors = [...readsAlone.errors, ...mixed.errors].slice(0, shownErrors);
    if (errors.length > 0) process.stderr.write(`first errors:\n  ${errors.join('\n  ')}\n`);
    const p99 = (recorder: Recorder, kinds: readonly Kind[]) =>
      round(
        percentile(
          kinds.flatMap((kind) => recorder.latencies.get(kind) ?? []).sort((a, b) => a - b),
          0.99,
        ),
        1,
      );
    printResult({
      name,
      ratio: round(readRatio, 3),
      durationSeconds: duration,
      editors: editorCount,
      readers: readerCount,
      writesPerSecond: round(mixed.requestsPerSecond(writeKinds), 1),
      writeP99Ms: p99(mixed, writeKinds),
      readsPerSecond: round(mixed.requestsPerSecond(readKinds), 1),
      readP99Ms: p99(mixed, readKinds),
      readsAlonePerSecond: round(readsAlone.requestsPerSecond(readKinds), 1),
      readsAloneP99Ms: p99(readsAlone, readKinds),
      errors: errorCount,
    });
    if (errorCount > 0) process.exitCode = 1;
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

type ReadUrl = { kind: Kind; url: string };

/**
 * What the public reads: the portal's front page and each published
 * meeting's page, and the OParl lists a crawler walks (bodies, meetings, papers, organizations).
 */
async function publicReadUrls(baseUrl: string, databaseUrl: string): Promise<ReadUrl[]> {
  const database = await openPostgres(databaseUrl);
  let meetings: Awaited<ReturnType<typeof listPublicMeetings>>;
  try {
    meetings = await listPublicMeetings(database.db);
  } finally {
    await database.close();
  }
  if (meetings.length === 0) throw new Error('the demo has no published meeting');
  const getJson = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const system = await getJson(`${baseUrl}/oparl/v1.1/system`);
  const bodies = await getJson(String(system.body));
  const body = (bodies.data as Array<Record<string, unknown>>)[0];
  if (!body) throw new Error('OParl lists no body');
  return [
    { kind: 'public page', url: `${baseUrl}/offentlig` },
    ...meetings.map((meeting) => ({
      kind: 'public page' as const,
      url: `${baseUrl}/offentlig/moeder/${meeting.meetingId}`,
    })),
    { kind: 'OParl list', url: String(system.body) },
    { kind: 'OParl list', url: String(body.meeting) },
    { kind: 'OParl list', url: String(body.paper) },
    { kind: 'OParl list', url: String(body.organization) },
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
