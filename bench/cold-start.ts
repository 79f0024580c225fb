/**
 * Time from starting the server on an existing embedded database to its first answer, against
 * a bare Node HTTP server started the same way. The ratio shows what our start-up (TypeScript
 * loading, PGlite, migrations check, Fastify plugins) adds on top of starting Node at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNumber, median, printResult, printTable, round } from './shared';

const name = 'cold-start';
const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const startTimeoutMs = 120_000;
const pollIntervalMs = 5;

type Command = { label: string; file: string; args: string[] };

// The same two commands `npm start` and a minimal Node server would run; npm itself is left
// out because its own start-up is not ours to measure.
// The build is made fresh by bench/run.ts before any benchmark starts.
const app: Command = {
  label: 'app (node dist/main.js)',
  file: process.execPath,
  args: ['--enable-source-maps', 'dist/main.js'],
};
const bareNode: Command = {
  label: 'bare node http',
  file: process.execPath,
  args: [
    '-e',
    "require('http').createServer((q,s)=>s.end('ok')).listen(Number(process.env.PORT),'127.0.0.1')",
  ],
};

/** A port nobody listens on right now; the tiny race until the child binds it is acceptable. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function isUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // Not listening yet.
  }
}

/**
 * Starts the command, polls until the URL answers 200, then stops it with SIGTERM and waits
 * for the exit, so the embedded database's lock is gone before the next start.
 * Returns milliseconds from spawn to the first 200.
 */
async function timeStart(command: Command, env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/healthz`;
  const started = performance.now();
  const child = spawn(command.file, command.args, {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = waitForExit(child);
  let elapsed: number;
  try {
    while (!(await isUp(url))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${command.label} exited early (${child.exitCode ?? child.signalCode}):\n${stderr}`,
        );
      }
      if (performance.now() - started > startTimeoutMs) {
        throw new Error(`${command.label} did not answer within ${startTimeoutMs} ms:\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
    elapsed = performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  // An unclean exit may leave the database lock behind and spoil the next start.
  if (child.exitCode !== 0 && child.signalCode !== 'SIGTERM') {
    throw new Error(`${command.label} exited with ${child.exitCode} after SIGTERM:\n${stderr}`);
  }
  return elapsed;
}

function summary(label: string, times: readonly number[]) {
  return [
    label,
    round(median(times), 1),
    round(Math.min(...times), 1),
    round(Math.max(...times), 1),
  ];
}

async function main(): Promise<void> {
  const runs = Math.round(envNumber('BENCH_RUNS', 5));
  const dataDir = await mkdtemp(join(tmpdir(), 'dagsorden-bench-'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: '1' };
  try {
    // The first start creates, migrates and fills the database; that is not a cold start.
    await timeStart(app, env);

    const appTimes: number[] = [];
    const nodeTimes: number[] = [];
    // Alternating spreads any drift in machine load evenly over both.
    for (let run = 0; run < runs; run++) {
      nodeTimes.push(await timeStart(bareNode, env));
      appTimes.push(await timeStart(app, env));
    }
    const appMedian = median(appTimes);
    const nodeMedian = median(nodeTimes);
    const ratio = appMedian / nodeMedian;

    process.stdout.write(`${name}: ${runs} runs each, spawn to first 200 from GET /healthz\n\n`);
    printTable(
      ['target', 'median ms', 'min ms', 'max ms'],
      [summary(app.label, appTimes), summary(bareNode.label, nodeTimes)],
    );
    process.stdout.write(`\nratio (app ÷ bare node): ${round(ratio, 2)}\n`);
    printResult({
      name,
      ratio: round(ratio, 3),
      runs,
      appMedianMs: round(appMedian, 1),
      appMinMs: round(Math.min(...appTimes), 1),
      appMaxMs: round(Math.max(...appTimes), 1),
      nodeMedianMs: round(nodeMedian, 1),
      nodeMinMs: round(Math.min(...nodeTimes), 1),
      nodeMaxMs: round(Math.max(...nodeTimes), 1),
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
