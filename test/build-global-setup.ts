import { execFileSync } from 'node:child_process';
import { projectRoot } from './processes';

/**
 * Once per test run: the server and the CLI compiled to dist/, when a source changed since the
 * last build, so process tests start Node on JavaScript, as `npm start` does.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
}
