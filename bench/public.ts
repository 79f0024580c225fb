/**
 * Throughput of what the public reads most, the portal's meeting page and an OParl meeting list
 * page, against a static file of the same size served by the same Fastify server, in one run.
 * No login: these are the pages crawlers and citizens hit. The target is at least half the
 * static file's requests per second.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { loadDemo } from '../src/modules/demo/index';
import { listPublicMeetings } from '../src/modules/publishing/index';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import { loadConfig } from '../src/platform/config';
import { openPglite } from '../src/platform/db/client';
import {
  envNumber,
  measureThroughput,
  printResult,
  printTable,
  round,
  type Measurement,
} from './shared';

const name = 'public';
const connections = 10;

const failures = (m: Measurement) => m.errors + m.non2xx;

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * The body's meeting list, found the way an OParl client finds it: from the system object. Ids
 * are under PUBLIC_BASE_URL; the benchmark's server answers them on its own port.
 */
async function oparlMeetingList(baseUrl: string, publicBaseUrl: string): Promise<string> {
  const local = (url: unknown) => String(url).replace(publicBaseUrl, baseUrl);
  const system = await getJson(`${baseUrl}/oparl/v1.1/system`);
  const bodies = await getJson(local(system.body));
  const body = (bodies.data as Array<Record<string, unknown>>)[0];
  if (!body) throw new Error('OParl lists no body');
  return local(body.meeting);
}

async function main(): Promise<void> {
  const duration = envNumber('BENCH_DURATION', 10);
  const tempDir = await mkdtemp(join(tmpdir(), 'dagsorden-bench-public-'));
  const database = await openPglite(undefined);
  let app: FastifyInstance | undefined;
  try {
    await database.migrate();
    await loadDemo(database.db, createLocalBlobStore(join(tempDir, 'blobs')));
    await database.vacuumAnalyze();
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: tempDir,
      SESSION_SECRET: 'benchmark-session-secret-that-is-long-enough-0123456789',
      DEMO: '0',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp({ config, database, logger: false });
    let staticBody = Buffer.alloc(0);
    app.get('/bench-static', { config: { policy: 'public' } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(staticBody),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;

    const [published] = await listPublicMeetings(database.db);
    if (!published) throw new Error('the demo has no published meeting');
    const pageUrl = `${baseUrl}/offentlig/moeder/${published.meetingId}`;
    const listUrl = await oparlMeetingList(baseUrl, config.publicBaseUrl);
    const pageBytes = (await (await fetch(pageUrl)).arrayBuffer()).byteLength;
    staticBody = Buffer.alloc(pageBytes, 'x');

    // The reference is measured before and after, and the faster run counts, so a warm-up or a
    // busy moment on the machine does not flatter the ratios.
    const before = await measureThroughput('static file', `${baseUrl}/bench-static`, {
      connections,
      duration,
    });
    const page = await measureThroughput('public meeting page', pageUrl, { connections, duration });
    const list = await measureThroughput('OParl meeting list', listUrl, { connections, duration });
    const after = await measureThroughput('static file', `${baseUrl}/bench-static`, {
      connections,
      duration,
    });
    const reference = before.requestsPerSecond >= after.requestsPerSecond ? before : after;
    process.stdout.write(`${name}: ${connections} connections, ${duration} s each\n\n`);
    printTable(
      ['target', 'requests/s', 'p99 ms', 'failures', 'ratio to static', 'target'],
      [page, list, reference].map((m) => [
        m.target,
        round(m.requestsPerSecond, 1),
        m.p99Ms,
        failures(m),
        round(m.requestsPerSecond / reference.requestsPerSecond, 3),
        m === reference ? '' : '≥ 0.5',
      ]),
    );
    printResult({
      name,
      // The weaker of the two decides whether the target holds.
      ratio: round(
        Math.min(page.requestsPerSecond, list.requestsPerSecond) / reference.requestsPerSecond,
        3,
      ),
      pageRatio: round(page.requestsPerSecond / reference.requestsPerSecond, 3),
      oparlRatio: round(list.requestsPerSecond / reference.requestsPerSecond, 3),
      pageRequestsPerSecond: round(page.requestsPerSecond, 1),
      pageP99Ms: page.p99Ms,
      oparlRequestsPerSecond: round(list.requestsPerSecond, 1),
      oparlP99Ms: list.p99Ms,
      staticRequestsPerSecond: round(reference.requestsPerSecond, 1),
      pageBytes,
    });
    if (failures(page) + failures(list) + failures(reference) > 0) process.exitCode = 1;
  } finally {
    await app?.close();
    await database.close();
    await rm(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
