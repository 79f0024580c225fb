import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real ESDH exports in ../shared/samples/esdh (read in place, never copied into the repo). */
export const esdhSamples = fileURLToPath(new URL('../../shared/samples/esdh/', import.meta.url));

export function samplePath(...parts: string[]): string {
  return join(esdhSamples, ...parts);
}

export function readSample(...parts: string[]): Buffer {
  return readFileSync(samplePath(...parts));
}

/** A scratch folder for variants of a sample; remove() deletes it. */
export function scratchFolder(prefix: string): {
  path: string;
  write: (relative: string, content: string | Uint8Array) => string;
  remove: () => void;
} {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    path,
    write: (relative, content) => {
      const target = join(path, relative);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      return target;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
