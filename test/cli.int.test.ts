import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineUnderTest,
  isEngineUnavailable,
  openProcessEnvironment,
  type ProcessEnvironment,
} from './database';
import { freePort, runCliInProcess, runScript, startScript, waitForOk } from './processes';

/**
 * The CLI and the server on the engine under test: embedded PGlite in a temporary DATA_DIR, or a
 * fresh PostgreSQL database through DATABASE_URL. The first command and the server run as real
 * processes, as `npm run cli` and `npm start` do; the other commands run in this process (the
 * same code and exit codes, without starting Node for each).
 */
describe.skipIf(isEngineUnavailable())(
  'command line and server processes',
  { timeout: 60_000 },
  () => {
    let processes: ProcessEnvironment;
    let dataDir: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      processes = await openProcessEnvironment('dagsorden-cli-');
      ({ dataDir, env } = processes);
    });
    afterAll(() => processes.close());

    const cli = (...args: string[]) => runCliInProcess(args, env);

    it('migrates, creates users and prints only the token', async () => {
      const migrated = await runScript('cli.ts', ['migrate'], env);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toBe('Databasen er migreret.\n');
      expect(migrated.code).toBe(0);
      const created = await cli(
        'user',
        'create',
        '--email',
        'Sekretaer@Test.dk',
        '--role',
        'secretary',
        '--name',
        'Sofie',
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('Bruger oprettet: sekretaer@test.dk (secretary)');
      expect(created.stdout).toMatch(/Engangsadgangskode .*: [A-Za-z0-9]{20}/);

      const token = await cli('token', 'create', '--email', 'sekretaer@test.dk');
      expect(token.code).toBe(0);
      expect(token.stdout).toMatch(/^dgs_[A-Za-z0-9_-]{43}\n$/);
      const shortLived = await cli(
        'token',
        'create',
        '--email',
        'sekretaer@test.dk',
        '--name',
        'Byggeserver',
        '--expires-in-days',
        '7',
      );
      expect(shortLived.code).toBe(0);
      expect(shortLived.stdout).toMatch(/^dgs_[A-Za-z0-9_-]{43}\n$/);
    });

    it('refuses bad input with a clear message and a non-zero exit', async () => {
      const badRole = await cli('user', 'create', '--email', 'x@test.dk', '--role', 'king');
      expect(badRole.code).toBe(1);
      expect(badRole.stderr).toContain('Ukendt rolle');
      const duplicate = await cli(
        'user',
        'create',
        '--email',
        'sekretaer@test.dk',
        '--role',
        'reader',
      );
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain('Der findes allerede en bruger');
      const shortPassword = await cli(
        'user',
        'create',
        '--email',
        'y@test.dk',
        '--role',
        'reader',
        '--password',
        'kort',
      );
      expect(shortPassword.code).toBe(1);
      expect(shortPassword.stderr).toContain('mindst 12 tegn');
      const missing = await cli('token', 'create');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--email mangler');
      const unknown = await cli('frobnicate');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Brug: npm run --silent cli');
      const unknownUser = await cli('token', 'create', '--email', 'ingen@test.dk');
      expect(unknownUser.code).toBe(1);
      for (const days of ['0', '366', 'tre']) {
        const badExpiry = await cli(
          'token',
          'create',
          '--email',
          'sekretaer@test.dk',
          '--expires-in-days',
          days,
        );
        expect(badExpiry.code, days).toBe(1);
        expect(badExpiry.stderr, days).toContain('et helt antal dage mellem 1 og 365');
      }
    });

    it('creates a person and a user linked to them, printing the ids', async () => {
      const person = await cli(
        'person',
        'create',
        '--name',
        'Karin Kommune',
        '--email',
        'karin@test.dk',
      );
      expect(person.code).toBe(0);
      expect(person.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
      const personId = person.stdout.trim();
      const user = await cli(
        'user',
        'create',
        '--email',
        'karin@test.dk',
        '--role',
        'participant',
        '--person-id',
        personId,
      );
      expect(user.code).toBe(0);
      expect(user.stdout).toMatch(
        /Bruger oprettet: karin@test.dk \(participant\), id [0-9a-f-]{36}\n/,
      );
      const unknown = await cli(
        'user',
        'create',
        '--email',
        'ingen-person@test.dk',
        '--role',
        'reader',
        '--person-id',
        crypto.randomUUID(),
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Personen findes ikke.');
      const malformed = await cli(
        'user',
        'create',
        '--email',
        'z@test.dk',
        '--role',
        'reader',
        '--person-id',
        '42',
      );
      expect(malformed.code).toBe(2);
      const nameless = await cli('person', 'create');
      expect(nameless.code).toBe(2);
      expect(nameless.stderr).toContain('--name mangler');
    });

    it('loads the demo data once', async () => {
      const first = await cli('demo');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('Demodata indlæst: 3 møder, 26 dagsordenspunkter.');
      for (const role of ['secretary', 'case_officer', 'participant', 'reader'])
        expect(first.stdout).toMatch(
          new RegExp(
            `Demobruger \\(${role}\\): \\S+@dagsorden\\.local, engangsadgangskode \\S{20}`,
          ),
        );
      const second = await cli('demo');
      expect(second.stdout).toContain('Demodata findes allerede');
    });

    let councilMeetingId = '';

    it('serves what the CLI wrote, stops cleanly on SIGTERM and keeps the data across a restart', async () => {
      const token = (await cli('token', 'create', '--email', 'sekretaer@test.dk')).stdout.trim();
      for (let run = 0; run < 2; run++) {
        const port = await freePort();
        const server = startScript('main.ts', [], { ...env, PORT: String(port) });
        try {
          await waitForOk(`http://127.0.0.1:${port}/healthz`, 60_000, server);
          const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
            db: string;
          };
          expect(health.db).toBe(engineUnderTest());
          const meetings = await fetch(`http://127.0.0.1:${port}/api/v1/meetings`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(meetings.status).toBe(200);
          const list = (await meetings.json()) as { data: Array<{ id: string; title: string }> };
          expect(list.data).toHaveLength(3);
          councilMeetingId = list.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
          if (engineUnderTest() === 'pglite') {
            // The embedded database belongs to the running server: a second process must stop.
            const blocked = await cli('migrate');
            expect(blocked.code).toBe(1);
            expect(blocked.stderr).toMatch(/in use by process \d+/);
            expect(blocked.stderr).toContain('DATABASE_URL');
          }
        } finally {
          server.kill('SIGTERM');
        }
        const [code] = (await once(server, 'exit')) as [number | null];
        expect(code).toBe(0);
        expect(existsSync(join(dataDir, 'dagsorden.lock'))).toBe(false);
      }
    });

    it('writes a meeting package to a file, and refuses a bad audience or id', async () => {
      const output = join(dataDir, 'pakke.pdf');
      const built = await cli('package', councilMeetingId, '--audience', 'public', '-o', output);
      expect(built.stderr).toMatch(/Mødepakke skrevet: .*pakke\.pdf \(\d+ sider\)/);
      expect(built.code).toBe(0);
      expect(readFileSync(output).subarray(0, 5).toString()).toBe('%PDF-');
      const badAudience = await cli(
        'package',
        councilMeetingId,
        '--audience',
        'alle',
        '-o',
        output,
      );
      expect(badAudience.code).toBe(2);
      expect(badAudience.stderr).toContain('--audience skal være full eller public');
      const unknown = await cli('package', '00000000-0000-4000-8000-000000000000', '-o', output);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('NOT_FOUND');
    });

    it('stops with a clear message on invalid configuration', async () => {
      const result = await runScript('main.ts', [], { ...env, PORT: 'abc' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Invalid configuration');
      expect(result.stderr).toContain('PORT');
    });
  },
);
