import autocannon from 'autocannon';
/** Helpers the benchmarks share: reading knobs from the environment and printing results. */

export type BenchResult = { name: string; ratio: number } & Record<string, unknown>;

/** A positive number from the environment, so runs can be shortened without editing code. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 0 ? (lower + upper) / 2 : upper;
}

/** Rounds for display and for the JSON line; more digits than this are noise. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Prints rows as an aligned plain-text table: first column left-aligned, numbers right-aligned. */
export function printTable(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const [head, ...body] = cells;
  const output = [line(head ?? []), widths.map((width) => '-'.repeat(width)).join('  ')];
  for (const row of body) output.push(line(row));
  process.stdout.write(`${output.join('\n')}\n`);
}

/** The machine-readable result: always the last line of a benchmark's stdout. */
export function printResult(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export type Measurement = {
  target: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
};

/** Requests per second and p99 latency of one URL under load (autocannon). */
export async function measureThroughput(
  target: string,
  url: string,
  options: { connections: number; duration: number; headers?: Record<string, string> },
): Promise<Measurement> {
  const result = await autocannon({ url, ...options, headers: options.headers ?? {} });
  return {
    target,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
