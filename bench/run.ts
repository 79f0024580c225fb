/**
 * Runs the benchmarks: `npm run bench` runs all, `npm run bench -- NAME` runs one.
 * Each benchmark runs in its own Node process, so one cannot warm up or slow down the next
 * (JIT state, open handles, a leftover database). Their output passes straight through,
 * so a benchmark's JSON line stays the last line of stdout when only one runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const benchmarks = {
  'meeting-page': new URL('./meeting-page.ts', import.meta.url),
  'cold-start': new URL('./cold-start.ts', import.meta.url),
  package: new URL('./package.ts', import.meta.url),
  'package-key': new URL('./package-key.ts', import.meta.url),
  public: new URL('./public.ts', import.meta.url),
  import: new URL('./import.ts', import.meta.url),
  search: new URL('./search.ts', import.meta.url),
  load: new URL('./load.ts', import.meta.url),
  hostile: new URL('./hostile.ts', import.meta.url),
} as const satisfies Record<string, URL>;

const projectRoot = fileURLToPath(new URL('../', import.meta.url));

type BenchmarkName = keyof typeof benchmarks;

function isBenchmarkName(value: string): value is BenchmarkName {
  return Object.hasOwn(benchmarks, value);
}

/** Runs one benchmark file under tsx and resolves with its exit code. */
function runBenchmark(name: BenchmarkName): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(benchmarks[name])], {
      // `--import tsx` resolves from the working directory, so run from the project root.
      cwd: projectRoot,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !isBenchmarkName(name));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown benchmark: ${unknown.join(', ')}\nAvailable: ${Object.keys(benchmarks).join(', ')}\n`,
    );
    process.exit(2);
  }
  const names = requested.length > 0 ? requested : Object.keys(benchmarks);
  // Benchmarks that start the server or the CLI run the build in dist/, as npm start does.
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });

  const failed: string[] = [];
  for (const name of names.filter(isBenchmarkName)) {
    // Headers go to stderr so stdout holds only what the benchmarks print.
    process.stderr.write(`\n== ${name} ==\n`);
    const code = await runBenchmark(name);
    if (code !== 0) failed.push(`${name} (exit ${code})`);
  }
  if (failed.length > 0) {
    process.stderr.write(`\nFailed: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  }
}

await main();
