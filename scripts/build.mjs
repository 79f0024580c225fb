/**
 * Compiles the server and the CLI once, to dist/ (esbuild: one bundle per entry, shared chunks,
 * packages left in node_modules), so that `npm start`, `npm run cli` and the tests' processes
 * start Node on JavaScript instead of compiling TypeScript at every start.
 *
 *   node scripts/build.mjs             build
 *   node scripts/build.mjs --if-stale  build only when a file under src/ is newer than the build
 *
 * npm runs it after `npm ci` (the `prepare` script), and before `npm start` and `npm run cli`
 * with --if-stale, so an edited source tree is never run from an old build.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = join(root, 'dist');
const stamp = join(outdir, '.built');

/** The newest modification time of the sources the build reads. */
function newestSource() {
  let newest = statSync(join(root, 'package-lock.json')).mtimeMs;
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
 * find, or they are loaded only with PostgreSQL or S3, where bundling them would only slow the build.
 */
const externalPackages = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  '@myriaddreamin/typst-ts-node-compiler',
  '@fastify/swagger-ui',
  '@fastify/swagger',
  'fonteditor-core',
  'unpdf',
  'pino',
  'pg',
  '@aws-sdk/client-s3',
  'esbuild',
];

const onlyIfStale = process.argv.includes('--if-stale');
if (onlyIfStale && !isStale()) process.exit(0);

await withBuildLock(async () => {
  // Another build may have finished while this one waited for the lock.
  if (onlyIfStale && !isStale()) return;
  await buildDist();
});

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
    logLevel: 'warning',
  });
  writeFileSync(stamp, new Date().toISOString());
  process.stderr.write(`Built dist/ in ${Math.round(performance.now() - started)} ms\n`);
}
