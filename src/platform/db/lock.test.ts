import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './lock';

let dataDir: string;
let lockPath: string;
const children: ChildProcess[] = [];
const locks: DataDirLock[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dagsorden-lock-'));
  lockPath = join(dataDir, 'dagsorden.lock');
});

afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Takes the lock and remembers it, so afterEach releases it even when a test fails. */
function take(dir = dataDir): DataDirLock {
  const lock = lockDataDir(dir);
  locks.push(lock);
  return lock;
}

/** A real, live process other than this one. */
async function spawnLiveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{},60000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  if (child.pid === undefined) throw new Error('child has no pid');
  return child.pid;
}

/** The pid of a process that has run and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  await exited;
  if (child.pid === undefined) throw new Error('child has no pid');
  return child.pid;
}

function writeLockFile(content: unknown): void {
  writeFileSync(lockPath, typeof content === 'string' ? content : JSON.stringify(content));
}

type LockFile = { pid: number; host: string; since: string };

function readLockFile(): LockFile {
  return JSON.parse(readFileSync(lockPath, 'utf8')) as LockFile;
}

/** Runs fn and returns the DataDirLockedError it throws; fails the test if it throws nothing. */
function lockedError(fn: () => unknown): DataDirLockedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirLockedError);
    return error as DataDirLockedError;
  }
  throw new Error('expected DataDirLockedError, but nothing was thrown');
}

describe('lockDataDir', () => {
  it('takes a lock and releases it', () => {
    expect(existsSync(lockPath)).toBe(false);
    const lock = lockDataDir(dataDir);
    expect(existsSync(lockPath)).toBe(true);

    const owner = readLockFile();
    expect(owner.pid).toBe(process.pid);
    expect(owner.host).toBe(hostname());
    expect(Number.isNaN(Date.parse(owner.since))).toBe(false);
    expect(statSync(lockPath).mode & 0o777).toBe(0o600);

    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('can be taken again after release', () => {
    lockDataDir(dataDir).release();
    const again = take();
    expect(existsSync(lockPath)).toBe(true);
    again.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('tolerates a second release', () => {
    const lock = lockDataDir(dataDir);
    lock.release();
    expect(() => lock.release()).not.toThrow();
  });

  it('creates the data directory when it does not exist', () => {
    const nested = join(dataDir, 'a', 'b');
    take(nested);
    expect(existsSync(join(nested, 'dagsorden.lock'))).toBe(true);
  });

  it('refuses a second lock in the same process', () => {
    take();
    const error = lockedError(() => lockDataDir(dataDir));
    expect(error.message).toContain(`process ${process.pid}`);
    // The first lock is untouched.
    expect(readLockFile().pid).toBe(process.pid);
  });

  it('takes over a lock naming its own pid that it does not hold (a restarted container, pid 1 again)', () => {
    writeLockFile({ pid: process.pid, host: hostname(), since: '2024-01-01T00:00:00.000Z' });
    const lock = take();
    expect(readLockFile().since).not.toBe('2024-01-01T00:00:00.000Z');
    lock.release();
  });

  it('refuses a lock held by another live process on this host', async () => {
    const pid = await spawnLiveProcess();
    const since = '2024-01-02T03:04:05.000Z';
    writeLockFile({ pid, host: hostname(), since });

    const error = lockedError(() => lockDataDir(dataDir));
    expect(error.message).toContain(dataDir);
    expect(error.message).toContain(`process ${pid}`);
    expect(error.message).toContain(since);
    expect(error.message).toMatch(/Stop that process/);
    expect(error.message).toContain('DATABASE_URL');

    // The other process keeps its lock.
    expect(readLockFile()).toEqual({ pid, host: hostname(), since });
  });

  it('refuses a live lock without host or since, assuming this host', async () => {
    const pid = await spawnLiveProcess();
    writeLockFile({ pid });
    const error = lockedError(() => lockDataDir(dataDir));
    expect(error.message).toContain(`process ${pid}`);
  });

  it('takes over a stale lock from a process that has exited', async () => {
    const pid = await deadPid();
    writeLockFile({ pid, host: hostname(), since: '2024-01-02T03:04:05.000Z' });

    take();
    expect(readLockFile().pid).toBe(process.pid);
  });

  it('takes over a lock written on another host', async () => {
    const pid = await spawnLiveProcess();
    writeLockFile({ pid, host: `not-${hostname()}`, since: '2024-01-02T03:04:05.000Z' });

    take();
    expect(readLockFile()).toMatchObject({ pid: process.pid, host: hostname() });
  });

  it.each([
    ['garbage', 'this is not json'],
    ['an empty file', ''],
    ['JSON without a pid', '{"host":"x"}'],
    ['a pid that is not a number', '{"pid":"123"}'],
    ['JSON null', 'null'],
  ])('takes over a lock file holding %s', (_label, content) => {
    writeLockFile(content);
    take();
    expect(readLockFile().pid).toBe(process.pid);
  });
});
