/**
 * The static checks of `npm test`: the type check, ESLint and Prettier, run side by side.
 *
 *   node scripts/checks.mjs
 *
 * Each is one Node process that keeps one core busy, and ESLint builds its own TypeScript
 * program for the type-aware rules: run in turn they took the sum of their times, side by side
 * about the longest. Each command's output is printed whole when it ends, so the three never
 * interleave; the exit code is non-zero when any of them failed.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const checks = [
  { name: 'typecheck', args: ['tsc', '--noEmit'] },
  { name: 'eslint', args: ['eslint', '.'] },
  { name: 'prettier', args: ['prettier', '--check', '.'] },
];

function run({ name, args }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', ...args], { cwd: root, stdio: 'pipe' });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'ok' : `FAILED (exit ${code})`;
      process.stdout.write(`== ${name}: ${status} in ${seconds} s\n${Buffer.concat(output)}`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(checks.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
