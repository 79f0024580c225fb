/**
 * `npm start` and `npm run cli`: builds dist/ if a source changed, then runs the built entry
 * (`main` or `cli`) in this same process.
 *
 *   node scripts/start.mjs main          the server, as `node --enable-source-maps dist/main.js`
 *   node scripts/start.mjs cli [args…]   the CLI with its arguments
 *
 * One Node process instead of a shell running the staleness check and then a second Node: the
 * check costs a few milliseconds here, where a process of its own cost a Node start (issue 17:
 * `npm start` to the first answer within 1.5 s).
 */
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build.mjs';

const entries = new Set(['main', 'cli']);
const [entry] = process.argv.splice(2, 1);
if (!entries.has(entry)) {
  process.stderr.write(`Usage: node scripts/start.mjs main|cli [arguments]\n`);
  process.exit(2);
}
await buildIfStale();
const file = fileURLToPath(new URL(`../dist/${entry}.js`, import.meta.url));
// What `node dist/<entry>.js` would see: its own path, then its arguments.
process.argv[1] = file;
process.setSourceMapsEnabled(true);
await import(file);
