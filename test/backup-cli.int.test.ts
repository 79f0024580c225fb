import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineUnavailable, openProcessEnvironment, type ProcessEnvironment } from './database';
import { runCliInProcess } from './processes';

/**
 * `cli backup` on the engine under test and `cli restore` into a fresh embedded database: on
 * PostgreSQL this is also the move between engines. The commands run in this process
 * (runCliInProcess); test/cli.int.test.ts covers the command as a process.
 */
describe.skipIf(isEngineUnavailable())('backup and restore commands', { timeout: 120_000 }, () => {
  let source: ProcessEnvironment;
  let directory: string;

  beforeAll(async () => {
    source = await openProcessEnvironment('dagsorden-backup-cli-');
    directory = mkdtempSync(join(tmpdir(), 'dagsorden-restore-cli-'));
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await source.close();
  });

  it('backs up the demo data and restores it into an empty database, only once', async () => {
    expect((await runCliInProcess(['demo'], source.env)).code).toBe(0);
    const file = join(directory, 'dagsorden.backup');
    const backup = await runCliInProcess(['backup', file], source.env);
    expect(backup.stderr).toMatch(/Sikkerhedskopi skrevet: .* \(\d+ rækker, [1-9]\d* filer\)/);
    expect(backup.code).toBe(0);

    const targetEnv = { DATA_DIR: join(directory, 'target'), DEMO: '0' };
    const restore = await runCliInProcess(['restore', file], targetEnv);
    expect(restore.stderr).toMatch(/Gendannet: \d+ rækker, [1-9]\d* filer\./);
    expect(restore.code).toBe(0);
    const rowsBackedUp = /(\d+) rækker/.exec(backup.stderr)?.[1];
    expect(/(\d+) rækker/.exec(restore.stderr)?.[1]).toBe(rowsBackedUp);

    const again = await runCliInProcess(['restore', file], targetEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Databasen er ikke tom');
    const replaced = await runCliInProcess(['restore', file, '--replace'], targetEnv);
    expect(replaced.code).toBe(0);
  });
});
