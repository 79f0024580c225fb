import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineUnavailable, openProcessEnvironment, type ProcessEnvironment } from './database';
import { samplePath } from './esdh-samples';
import { runCliInProcess } from './processes';

/** `npm run cli -- import` as a real process on the engine under test. */
describe.skipIf(isEngineUnavailable())('the import command', () => {
  let processes: ProcessEnvironment;
  let dataDir: string;
  let env: Record<string, string>;

  // Each command is a fresh process that opens (and, the first time, migrates) the database.
  beforeAll(async () => {
    processes = await openProcessEnvironment('dagsorden-import-cli-');
    ({ dataDir, env } = processes);
  });
  afterAll(() => processes.close());

  const cli = (...args: string[]) => runCliInProcess(args, env);
  const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;

  it('imports an export folder and prints the summary as the last line', async () => {
    const dry = await cli('import', samplePath('acadre-syddjurs-2013'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('Prøveimport: intet er gemt.');

    const imported = await cli('import', samplePath('publication-ballerup-2013'));
    expect(imported.code).toBe(0);
    expect(lastLine(imported.stdout)).toEqual({
      format: 'publication',
      meetings: 1,
      items: 5,
      files: 1,
      warnings: [],
    });

    const acadre = await cli('import', samplePath('acadre-syddjurs-2013'), '--format', 'acadre');
    expect(acadre.code).toBe(0);
    const summary = lastLine(acadre.stdout) as {
      format: string;
      warnings: Array<{ code: string }>;
    };
    expect(summary).toMatchObject({ format: 'acadre', meetings: 1, items: 1 });
    expect(summary.warnings.length).toBeGreaterThan(0);
  }, 300_000);

  it('refuses what it cannot import with a Danish message and exit code 1', async () => {
    const unknown = await cli('import', samplePath('README.md'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ikke i et format, der kan importeres');
    const missing = await cli('import', join(dataDir, 'findes-ikke'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('findes ikke');
    const badFormat = await cli('import', samplePath('README.md'), '--format', 'word');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format skal være');
  }, 300_000);
});
