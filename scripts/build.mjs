/**
 * Compiles the server and the CLI once, to dist/ (esbuild: one bundle per entry, shared chunks,
 * the pure-JavaScript packages bundled in), so that `npm start`, `npm run cli` and the tests'
 * processes start Node on JavaScript instead of compiling TypeScript at every start.
 *
 *   node scripts/build.mjs             build
 *   node scripts/build.mjs --if-stale  build only when a source is newer than the build
 *
 * npm runs it after `npm ci` (the `prepare` script, when scripts are allowed to run); `npm start`
 * and `npm run cli` call buildIfStale() through scripts/start.mjs, so an edited source tree is
 * never run from an old build.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = join(root, 'dist');
const stamp = join(outdir, '.built');

/** The newest modification time of the sources the build reads (about 5 ms for 400 files). */
function newestSource() {
  let newest = Math.max(
    statSync(join(root, 'package-lock.json')).mtimeMs,
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  const stack = [join(root, 'src')];
  while (stack.length > 0) {
    const directory = stack.pop();
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

const isStale = () => !existsSync(stamp) || statSync(stamp).mtimeMs < newestSource();

/**
 * One build at a time (two test projects, or `npm start` beside a test run, may ask at once):
 * mkdir is atomic, and a lock older than a minute was left by a build that died.
 */
async function withBuildLock(fn) {
  const lock = join(root, 'dist.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 60_000)
        rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Packages left in node_modules rather than bundled: they read files next to their own code
 * (WebAssembly, fonts, static assets) or load native add-ons, which a bundle in dist/ would not
 * find, or only PostgreSQL, S3 or the build itself loads them. Every other package is bundled:
 * resolving, reading and compiling some 2,700 files of node_modules one by one was about half
 * of a cold start's CPU time (issue 17). @fastify/swagger is bundled although it reads its own
 * package.json beside __dirname: it does so in a try block only for defaults we set ourselves.
 * pino is bundled too; only its transports (which we do not use) read files beside it. pdf-lib
 * stays out so that code importing it and code loading it on first use (platform/lazy-package)
 * share one copy.
 */
const externalPackages = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  '@myriaddreamin/typst-ts-node-compiler',
  '@fastify/swagger-ui',
  'fonteditor-core',
  'unpdf',
  'pdf-lib',
  'pg',
  '@aws-sdk/client-s3',
  'esbuild',
];

/** Builds dist/ unless it is newer than every source; returns whether it built. */
export async function buildIfStale() {
  if (!isStale()) return false;
  return withBuildLock(async () => {
    // Another build may have finished while this one waited for the lock.
    if (!isStale()) return false;
    await buildDist();
    return true;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await buildIfStale();
  else await withBuildLock(buildDist);
}

async function buildDist() {
  const started = performance.now();
  // Loaded only to build: `npm start` on a fresh build must not pay for loading esbuild.
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, 'src/main.ts'), join(root, 'src/cli.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: externalPackages.flatMap((name) => [name, `${name}/*`]),
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  writeFileSync(stamp, new Date().toISOString());
  process.stderr.write(`Built dist/ in ${Math.round(performance.now() - started)} ms\n`);
}
