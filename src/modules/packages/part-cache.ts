import { createHash } from 'node:crypto';

/** A content hash of anything JSON can hold, or of bytes: the key of a cached package part. */
export function contentKey(...values: ReadonlyArray<Uint8Array | string | object>): string {
  const hash = createHash('sha256');
  for (const value of values) {
    if (value instanceof Uint8Array) hash.update(value);
    else hash.update(typeof value === 'string' ? value : JSON.stringify(value));
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

/**
 * Package parts (typeset pages, converted bilag, page counts) by content hash, so a rebuild after
 * one change typesets and converts only what changed. In memory, least recently used first out,
 * bounded by bytes; a restart starts empty, which costs one full build.
 */
export class PartCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private totalBytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  /** The cached value for the key, or the computed one (then kept). */
  async get<T>(
    key: string,
    compute: () => T | Promise<T>,
    sizeOf: (value: T) => number,
  ): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = await compute();
    const bytes = sizeOf(value);
    if (bytes <= this.maxBytes) {
      this.entries.set(key, { value, bytes });
      this.totalBytes += bytes;
      for (const [oldKey, entry] of this.entries) {
        if (this.totalBytes <= this.maxBytes) break;
        this.entries.delete(oldKey);
        this.totalBytes -= entry.bytes;
      }
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}

/** The cache the server and the CLI share within one process. */
export const sharedPartCache = new PartCache();
