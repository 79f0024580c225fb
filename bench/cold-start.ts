/**
 * Time from starting the server on an existing embedded database to its first answer, against
 * a bare Node HTTP server started the same way in the same run. The ratio shows what our
 * start-up (loading the build, PGlite, migrations check, Fastify plugins) adds on top of
 * starting Node at all; `npm start` adds npm itself and the build's staleness check.
 * The goal is `npm start` to the first 200 within 1.5 s on an idle machine.
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

type Command = {
  label: string;
  file: string;
  args: string[];
  /** Runs in its own process group, all of which is stopped (npm, its shell, then node). */
  isGroup?: boolean;
};

// The build is made fresh by bench/run.ts before any benchmark starts.
const app: Command = {
  label: 'app (node dist/main.js)',
  file: process.execPath,
  args: ['--enable-source-maps', 'dist/main.js'],
};
// What an operator types: npm, a shell, the staleness check of the build, then the app.
// Under `npm run bench` npm_execpath is the npm running us, so no second npm is looked up.
const npmStart: Command = {
  label: 'npm start',
  ...(process.env.npm_execpath
    ? { file: process.execPath, args: [process.env.npm_execpath, 'start'] }
    : { file: 'npm', args: ['start'] }),
  isGroup: true,
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

/** Resolves once no process of the group is left (npm may exit before the server it started). */
async function groupGone(groupId: number): Promise<void> {
  for (;;) {
    try {
      process.kill(-groupId, 0);
    } catch {
      return; // ESRCH: the whole group has exited.
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
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
    detached: command.isGroup === true,
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
    if (command.isGroup) process.kill(-child.pid!, 'SIGTERM');
    else child.kill('SIGTERM');
    await exited;
    if (command.isGroup) await groupGone(child.pid!);
  }
  // An unclean exit may leave the database lock behind and spoil the next start. npm reports
  // the signal it was stopped with in its own way; the server under it is checked by the next
  // start, which fails on a lock left behind.
  if (!command.isGroup && child.exitCode !== 0 && child.signalCode !== 'SIGTERM') {
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

    const nodeTimes: number[] = [];
    const appTimes: number[] = [];
    const npmTimes: number[] = [];
    const targets = [
      { command: bareNode, times: nodeTimes },
      { command: app, times: appTimes },
      { command: npmStart, times: npmTimes },
    ];
    // Alternating spreads any drift in machine load evenly over all three.
    for (let run = 0; run < runs; run++) {
      for (const { command, times } of targets) times.push(await timeStart(command, env));
    }
    const nodeMedian = median(nodeTimes);
    const ratio = median(appTimes) / nodeMedian;
    const npmRatio = median(npmTimes) / nodeMedian;

    process.stdout.write(`${name}: ${runs} runs each, spawn to first 200 from GET /healthz\n\n`);
    printTable(
      ['target', 'median ms', 'min ms', 'max ms'],
      targets.map(({ command, times }) => summary(command.label, times)),
    );
    process.stdout.write(
      `\nratio (app ÷ bare node): ${round(ratio, 2)}\nratio (npm start ÷ bare node): ${round(npmRatio, 2)}\n`,
    );
    printResult({
      name,
      ratio: round(ratio, 3),
      npmStartRatio: round(npmRatio, 3),
      runs,
      appMedianMs: round(median(appTimes), 1),
      appMinMs: round(Math.min(...appTimes), 1),
      appMaxMs: round(Math.max(...appTimes), 1),
      npmStartMedianMs: round(median(npmTimes), 1),
      npmStartMinMs: round(Math.min(...npmTimes), 1),
      npmStartMaxMs: round(Math.max(...npmTimes), 1),
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
