import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { runCli } from '../src/cli/run-cli';

export const projectRoot = new URL('../', import.meta.url).pathname;

export type RunResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `src/<script>` as `npm run cli` / `npm start` do, from the build in dist/ (made fresh for
 * the test run by test/build-global-setup.ts), and collects its output.
 */
export async function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<RunResult> {
  const child = startScript(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Runs a `dagsorden` command in this process, as `npm run cli` would with this environment, and
 * collects what it writes: the same commands and exit codes without starting Node. Tests that
 * are about the process itself (signals, start-up, the PGlite lock held by a server) use
 * runScript instead.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string>,
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const decode = (chunk: string | Uint8Array) =>
    typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const code = await runCli(args, {
    env: { LOG_LEVEL: 'warn', ...env },
    stdout: { write: (chunk) => (stdout += decode(chunk)) },
    stderr: { write: (chunk) => (stderr += decode(chunk)) },
  });
  return { code, stdout, stderr };
}

export function startScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): ChildProcess {
  const built = `dist/${script.replace(/\.ts$/, '.js')}`;
  return spawn(process.execPath, ['--enable-source-maps', built, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Polls a URL until it answers 200 (or the timeout passes). Given the server's process, it
 * fails as soon as that process exits, with what it wrote to stderr, instead of polling a
 * server that is no longer there until the timeout.
 */
export async function waitForOk(
  url: string,
  timeoutMs = 60_000,
  server?: ChildProcess,
): Promise<void> {
  let stderr = '';
  server?.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null)
      throw new Error(
        `the server exited with code ${server.exitCode} before ${url} answered:\n${stderr}`,
      );
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}
