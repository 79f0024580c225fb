/**
 * Throughput of the meeting page (the page members open most) against a static file of the
 * same size served by the same Fastify server. The ratio shows what rendering, the session
 * lookup and the database cost on top of plain HTTP, independent of how fast this machine is.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { createApiToken, createUser } from '../src/modules/accounts/index';
import { loadDemo } from '../src/modules/demo/index';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import type { Actor } from '../src/platform/auth/policy';
import { loadConfig } from '../src/platform/config';
import { openPglite, type Database } from '../src/platform/db/client';
import { inTransaction } from '../src/platform/db/transaction';
import { envNumber, measureThroughput, printResult, printTable, round } from './shared';

const name = 'meeting-page';
const meetingTitle = 'Social- og Beskæftigelsesudvalgsmøde';
const meetingDate = '2023-11-15';
const email = 'bench-secretary@example.dk';
const password = 'benchmark-password-long-enough-123';
const connections = 10;

/** A secretary with a known password and an API token, created the way the CLI would. */
async function createSecretary(database: Database): Promise<string> {
  const system: Actor = { kind: 'system', label: 'benchmark' };
  return inTransaction(database.db, async (tx) => {
    await createUser({
      actor: system,
      tx,
      rawInput: { email, password, role: 'secretary', name: 'Bench' },
    });
    return createApiToken({ actor: system, tx, input: { email } });
  });
}

/** Signs in through the login form, as a browser would, and returns the cookies to send. */
async function signIn(app: FastifyInstance): Promise<string> {
  const cookiePairs = (setCookie: string | string[] | undefined): string[] => {
    const values = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    return values.map((value) => value.split(';')[0] ?? '');
  };
  const loginPage = await app.inject({ method: 'GET', url: '/login' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)?.[1];
  const csrfCookie = cookiePairs(loginPage.headers['set-cookie']).join('; ');
  if (!csrf || !csrfCookie) throw new Error('login page has no CSRF token or cookie');
  const login = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  const session = cookiePairs(login.headers['set-cookie']).find((pair) =>
    pair.startsWith('dagsorden_session='),
  );
  if (login.statusCode !== 303 || !session) throw new Error(`login failed: ${login.statusCode}`);
  return `${csrfCookie}; ${session}`;
}

async function findMeetingId(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/meetings?from=${meetingDate}&to=${meetingDate}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`meeting list failed: ${response.status}`);
  const body = (await response.json()) as { data: Array<{ id: string; title: string }> };
  const meeting = body.data.find((candidate) => candidate.title === meetingTitle);
  if (!meeting) throw new Error(`demo meeting "${meetingTitle}" not found on ${meetingDate}`);
  return meeting.id;
}

async function main(): Promise<void> {
  const duration = envNumber('BENCH_DURATION', 10);
  const tempDir = await mkdtemp(join(tmpdir(), 'dagsorden-bench-'));
  const database = await openPglite(undefined);
  let app: FastifyInstance | undefined;
  try {
    await database.migrate();
    await loadDemo(database.db, createLocalBlobStore(join(tempDir, 'blobs')));
    // As at a real start-up with demo data: fresh planner statistics.
    await database.vacuumAnalyze();
    const token = await createSecretary(database);

    // loadConfig fills in every default; a given secret keeps it from writing to DATA_DIR.
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: tempDir,
      SESSION_SECRET: 'benchmark-session-secret-that-is-long-enough-0123456789',
      DEMO: '0',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp({ config, database, logger: false });

    // The reference lives on the same server, so both targets share plugins and hooks.
    const staticFile = join(tempDir, 'reference.html');
    let staticBody = Buffer.alloc(0);
    app.get('/bench-static', { config: { policy: 'public' } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(staticBody),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;

    const cookie = await signIn(app);
    const meetingId = await findMeetingId(baseUrl, token);
    const meetingUrl = `${baseUrl}/moeder/${meetingId}`;
    const page = await fetch(meetingUrl, { headers: { cookie }, redirect: 'manual' });
    if (page.status !== 200) throw new Error(`meeting page answered ${page.status}`);
    const pageBytes = (await page.arrayBuffer()).byteLength;

    // Read once up front, so the reference measures HTTP only and not the file system.
    await writeFile(staticFile, Buffer.alloc(pageBytes, 'x'));
    staticBody = await readFile(staticFile);

    const meeting = await measureThroughput('meeting page', meetingUrl, {
      connections,
      duration,
      headers: { cookie },
    });
    const reference = await measureThroughput('static file', `${baseUrl}/bench-static`, {
      connections,
      duration,
    });
    const ratio = meeting.requestsPerSecond / reference.requestsPerSecond;

    process.stdout.write(
      `${name}: ${connections} connections, ${duration} s each, ${pageBytes} bytes per response\n\n`,
    );
    printTable(
      ['target', 'requests/s', 'p99 ms', 'errors/non-2xx'],
      [meeting, reference].map((m) => [
        m.target,
        round(m.requestsPerSecond, 1),
        m.p99Ms,
        `${m.errors}/${m.non2xx}`,
      ]),
    );
    process.stdout.write(`\nratio (meeting page ÷ static): ${round(ratio, 3)}\n`);

    const failures = meeting.errors + meeting.non2xx + reference.errors + reference.non2xx;
    printResult({
      name,
      ratio: round(ratio, 4),
      pageBytes,
      durationSeconds: duration,
      connections,
      meetingRequestsPerSecond: round(meeting.requestsPerSecond, 1),
      meetingP99Ms: meeting.p99Ms,
      meetingErrors: meeting.errors,
      meetingNon2xx: meeting.non2xx,
      staticRequestsPerSecond: round(reference.requestsPerSecond, 1),
      staticP99Ms: reference.p99Ms,
      staticErrors: reference.errors,
      staticNon2xx: reference.non2xx,
    });
    if (failures > 0) {
      process.stderr.write(`${name}: ${failures} errors or non-2xx responses\n`);
      process.exitCode = 1;
    }
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
