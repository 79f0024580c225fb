import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openConfiguredBlobStore } from './platform/blobs/open';
import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/lock';
import { openConfiguredDatabase } from './platform/db/open';
import { inTransaction } from './platform/db/transaction';
import { AppError } from './platform/errors';
import { publicMessage } from './platform/http/error-handler';
import { da } from './platform/i18n/da';
import type { Actor } from './platform/auth/policy';
import { createApiToken, createUser, roleFromString } from './modules/accounts/index';
import { backupToFile, restoreFromFile } from './modules/backup/index';
import { loadDemo } from './modules/demo/index';
import { importFormatChoices, importFromPath } from './modules/importers/index';
import { buildMeetingPackage, isAudience } from './modules/packages/index';
import { runRetention, type RetentionCounts } from './modules/privacy/index';
import { z } from 'zod';

const usage = `Brug: npm run --silent cli -- <kommando>

Kommandoer:
  migrate                                           anvend databasemigreringer
  user create --email E --role R [--name N] [--password P]
                                                    opret en lokal bruger (roller: administrator,
                                                    secretary, case_officer, participant, reader)
  token create --email E [--name N] [--expires-in-days D]
                                                    opret et personligt API-token (udskriver kun tokenet);
                                                    det udløber efter D dage (1-365, standard 90)
  demo                                              indlæs demodata fra mødepakken
  backup FIL                                        skriv database og bilagsfiler til én sikkerhedskopi
  restore FIL [--replace]                           gendan en sikkerhedskopi i en tom database;
                                                    --replace: erstat alt indhold i databasen
  import STI [--format auto|publication|edoc|acadre|fujitsu|pdf] [--dry-run]
                                                    importér dagsordener og referater fra et tidligere system
                                                    (en eksportfil eller -mappe); --dry-run: prøv og rul tilbage.
                                                    Sidste linje er opsummeringen som JSON
  package MØDE-ID [--audience full|public] [--member PERSON-ID] -o FIL
                                                    byg mødets mødepakke som PDF (FIL - for standard output);
                                                    --member: et medlems egen pakke uden punkter, hvor det er inhabilt
  retention [--dry-run]                             anvend slettefristerne nu (se docs/PRIVACY.md);
                                                    --dry-run: vis kun, hvad der ville blive slettet
`;

const cliActor: Actor = { kind: 'system', label: 'cli' };

const isImportFormatChoice = (value: string): value is (typeof importFormatChoices)[number] =>
  (importFormatChoices as readonly string[]).includes(value);

type Command = (args: string[]) => Promise<void>;

function options(args: string[], names: readonly string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`Ukendt argument: ${positionals.join(' ')}`);
  return values as Record<string, string | undefined>;
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} mangler`);
  return value;
}

class UsageError extends Error {}

function formatRetentionCounts(counts: RetentionCounts): string {
  const t = da.privacy.cli;
  return (Object.keys(counts) as Array<keyof RetentionCounts>)
    .map((category) => `  ${t.labels[category]}: ${counts[category] ?? t.off}\n`)
    .join('');
}

async function withDatabase<T>(
  fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>['database']) => Promise<T>,
): Promise<T> {
  const opened = await openConfiguredDatabase(loadConfig());
  try {
    return await fn(opened.database);
  } finally {
    await opened.close();
  }
}

const commands: Record<string, Command> = {
  // Opening the database applies the migrations.
  migrate: async () => {
    await withDatabase(async () => undefined);
    process.stdout.write('Databasen er migreret.\n');
  },
  'user create': async (args) => {
    const values = options(args, ['email', 'role', 'name', 'password']);
    const email = required(values, 'email');
    const role = roleFromString(required(values, 'role'));
    const { user, password } = await withDatabase((database) =>
      inTransaction(database.db, (tx) =>
        createUser(
          { actor: cliActor, tx },
          { email, role, name: values.name ?? email, password: values.password },
        ),
      ),
    );
    process.stdout.write(`Bruger oprettet: ${user.email} (${user.role})\n`);
    if (values.password === undefined) {
      process.stdout.write(`Engangsadgangskode (skal skiftes ved første login): ${password}\n`);
    }
  },
  'token create': async (args) => {
    const values = options(args, ['email', 'name', 'expires-in-days']);
    const email = required(values, 'email');
    const days = values['expires-in-days'];
    // Anything but a plain whole number becomes NaN, which the service refuses in Danish.
    const expiresInDays = days === undefined ? undefined : /^\d+$/.test(days) ? Number(days) : NaN;
    const token = await withDatabase((database) =>
      inTransaction(database.db, (tx) =>
        createApiToken({ actor: cliActor, tx }, { email, name: values.name, expiresInDays }),
      ),
    );
    process.stdout.write(`${token}\n`);
  },
  package: async (args) => {
    const { values, positionals } = parseArgs({
      args,
      options: {
        audience: { type: 'string' },
        member: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [meetingId, ...extra] = positionals;
    if (!meetingId || extra.length > 0 || !z.uuid().safeParse(meetingId).success)
      throw new UsageError('Angiv mødets id (et UUID).');
    const audience = values.audience ?? 'full';
    if (!isAudience(audience)) throw new UsageError('--audience skal være full eller public');
    const output = values.output;
    if (!output) throw new UsageError('-o FIL mangler');
    const member = values.member;
    if (member !== undefined && !z.uuid().safeParse(member).success)
      throw new UsageError('--member skal være en persons id (et UUID).');
    const blobs = await openConfiguredBlobStore(loadConfig());
    const built = await withDatabase((database) =>
      buildMeetingPackage({ actor: cliActor, tx: database.db, blobs }, meetingId, audience, {
        forPersonId: member,
      }),
    );
    if (output === '-') {
      process.stdout.write(built.pdf);
      return;
    }
    // Written beside the target and renamed, so a reader never sees half a package.
    const temporary = `${output}.${process.pid}.part`;
    await writeFile(temporary, built.pdf);
    await rename(temporary, output);
    process.stderr.write(`Mødepakke skrevet: ${output} (${built.pageCount} sider)\n`);
  },
  backup: async (args) => {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('Angiv én fil til sikkerhedskopien.');
    const blobs = await openConfiguredBlobStore(loadConfig());
    const summary = await withDatabase((database) => backupToFile({ database, blobs, file }));
    process.stderr.write(`${da.backup.written(file, summary.rows, summary.files)}\n`);
  },
  restore: async (args) => {
    const { values, positionals } = parseArgs({
      args,
      options: { replace: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('Angiv sikkerhedskopiens fil.');
    const blobs = await openConfiguredBlobStore(loadConfig());
    const summary = await withDatabase((database) =>
      restoreFromFile({
        database,
        blobs,
        file,
        replace: values.replace === true,
      }),
    );
    process.stderr.write(`${da.backup.restored(summary.rows, summary.files)}\n`);
  },
  import: async (args) => {
    const { values, positionals } = parseArgs({
      args,
      options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [path, ...extra] = positionals;
    if (!path || extra.length > 0) throw new UsageError('Angiv stien til én eksport.');
    const format = values.format ?? 'auto';
    if (!isImportFormatChoice(format)) {
      throw new UsageError(`--format skal være ${importFormatChoices.join(', ')}`);
    }
    const dryRun = values['dry-run'] === true;
    const config = loadConfig();
    const blobs = await openConfiguredBlobStore(config);
    const summary = await withDatabase(async (database) => {
      process.stderr.write(`Importerer ${path} …\n`);
      const result = await importFromPath(
        {
          actor: cliActor,
          db: database.db,
          blobs,
          limits: { maxBytes: config.uploadMaxBytes },
          maxExportBytes: config.importMaxBytes,
        },
        path,
        { format, dryRun },
      );
      if (!result.dryRun) await database.vacuumAnalyze();
      return result;
    });
    process.stderr.write(
      `${summary.dryRun ? da.imports.dryRunResult : da.imports.done} ${da.imports.counts(summary.meetings, summary.items, summary.files)} ${summary.warnings.length} advarsler.\n`,
    );
    const { format: found, meetings, items, files, warnings } = summary;
    process.stdout.write(
      `${JSON.stringify({ format: found, meetings, items, files, warnings })}\n`,
    );
  },
  retention: async (args) => {
    const { values, positionals } = parseArgs({
      args,
      options: { 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`Ukendt argument: ${positionals.join(' ')}`);
    const dryRun = values['dry-run'] === true;
    const result = await withDatabase((database) =>
      runRetention({ actor: cliActor, db: database.db, dryRun }),
    );
    if (!result.ran)
      throw new AppError('CONFLICT', { message: da.privacy.errors.retentionRunning });
    process.stdout.write(
      `${dryRun ? da.privacy.cli.dryRun : da.privacy.cli.done}\n${formatRetentionCounts(result.counts)}`,
    );
  },
  demo: async () => {
    const summary = await withDatabase(async (database) => {
      const result = await loadDemo(database.db, await openConfiguredBlobStore(loadConfig()));
      if (result.loaded) await database.vacuumAnalyze();
      return result;
    });
    process.stdout.write(
      summary.loaded
        ? `Demodata indlæst: ${summary.meetings} møder, ${summary.items} dagsordenspunkter.\n`
        : 'Demodata findes allerede; intet ændret.\n',
    );
  },
};

async function run(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  const twoWord = first && second ? commands[`${first} ${second}`] : undefined;
  const command = twoWord ?? (first ? commands[first] : undefined);
  if (!command) {
    process.stderr.write(usage);
    return 2;
  }
  try {
    await command(twoWord ? rest : argv.slice(1));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      const details = error.details
        .map((detail) => `\n  ${detail.field}: ${detail.message}`)
        .join('');
      process.stderr.write(`Fejl (${error.code}): ${publicMessage(error)}${details}\n`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await run(process.argv.slice(2));
