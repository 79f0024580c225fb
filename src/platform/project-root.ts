import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one with package.json), found from this file whether it runs from
 * src/ (tests, tsx) or from the bundle in dist/ (npm start): files the code reads at run time
 * (migrations, demo data, static files) are named from here, not from the running file.
 */
function findProjectRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the running code');
    directory = parent;
  }
  return directory;
}

export const projectRoot = findProjectRoot();

/** A path inside the project, e.g. `projectPath('db/migrations')`. */
export function projectPath(relative: string): string {
  return join(projectRoot, relative);
}
