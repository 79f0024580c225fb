import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

export type DataDirLock = { release(): void };

/** Lock files this process holds; a file naming our pid but not listed here is a previous life's. */
const heldByThisProcess = new Set<string>();

/**
 * Makes this process the only one using the embedded database in dataDir.
 *
 * PGlite corrupts its files when two processes open them. The lock file holds the owner's
 * pid; a lock whose process is gone (after SIGKILL or a power cut) is taken over at once,
 * so a crashed server restarts without waiting for a staleness timeout.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'dagsorden.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date() }));
      closeSync(fd);
      heldByThisProcess.add(path);
      return {
        release() {
          heldByThisProcess.delete(path);
          removeFile(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (
        heldByThisProcess.has(path) ||
        (owner && isAlive(owner.pid) && owner.host === hostname())
      ) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${owner?.pid ?? process.pid} (since ${owner?.since ?? '?'}). ` +
            'Stop that process first (a running server, or another CLI command), ' +
            'or set DATABASE_URL to use PostgreSQL, which many processes can share.',
        );
      }
      // The owner is gone. Two processes taking over the same stale lock in the same instant
      // could both succeed; starting two servers within microseconds is not a case we guard.
      removeFile(path);
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}: another process keeps taking the lock.`);
}

type LockOwner = { pid: number; host: string; since: string };

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number') return undefined;
    return { pid: parsed.pid, host: parsed.host ?? hostname(), since: parsed.since ?? '?' };
  } catch {
    return undefined;
  }
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Whether another process with this pid runs on this host. Our own pid in a file we did not
 * write in this life means a previous process with the same pid (a restarted container often
 * runs as pid 1 again): its owner is gone. Used for the lock and the blob store's temp files.
 */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
