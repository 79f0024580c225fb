import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openConfiguredBlobStore } from '../platform/blobs/open';
import { ConfigError, loadConfig } from '../platform/config';
import { DataDirLockedError } from '../platform/db/lock';
import { openConfiguredDatabase } from '../platform/db/open';
import { inTransaction } from '../platform/db/transaction';
import { AppError } from '../platform/errors';
import { publicMessage } from '../platform/http/error-handler';
import { da } from '../platform/i18n/da';
import type { Actor } from '../platform/auth/policy';
import { createApiToken, createUser, roleFromString } from '../modules/accounts/index';
import { backupToFile, restoreFromFile } from '../modules/backup/index';
import { loadDemo } from '../modules/demo/index';
import { createPerson, readPerson } from '../modules/organizations/index';
import { importFormatChoices, importFromPath } from '../modules/importers/index';
import { buildMeetingPackage, isAudience } from '../modules/packages/index';
import { runRetention, type RetentionCounts } from '../modules/privacy/index';
import { z } from 'zod';

const t = da.cli;
const cliActor: Actor = { kind: 'system', label: 'cli' };

/** Where a command reads its configuration and writes its output: the process, or a test. */
export type CliIo = {
  env: NodeJS.ProcessEnv;
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
};

const isImportFormatChoice = (value: string): value is (typeof importFormatChoices)[number] =>
  (importFormatChoices as readonly string[]).includes(value);

type Command = (args: string[], io: CliIo) => Promise<void>;

function options(args: string[], names: readonly string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(t.unknownArgument(positionals.join(' ')));
  return values as Record<string, string | undefined>;
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value) throw new UsageError(t.missingOption(name));
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
  io: CliIo,
  fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>['database']) => Promise<T>,
): Promise<T> {
  const opened = await openConfiguredDatabase(loadConfig(io.env));
  try {
    return await fn(opened.database);
  } finally {
    await opened.close();
  }
}

const commands: Record<string, Command> = {
  // Opening the database applies the migrations.
  migrate: async (_args, io) => {
    await withDatabase(io, async () => undefined);
    io.stdout.write(`${t.migrated}\n`);
  },
  'user create': async (args, io) => {
    const values = options(args, ['email', 'role', 'name', 'password', 'person-id']);
    const email = required(values, 'email');
    const role = roleFromString(required(values, 'role'));
    const personId = values['person-id'];
    if (personId !== undefined && !z.uuid().safeParse(personId).success)
      throw new UsageError(t.personIdInvalid);
    const { user, password } = await withDatabase(io, (database) =>
      inTransaction(database.db, async (tx) => {
        // Linked to a person and not named: the person's name, as in the admin pages.
        const person = personId ? await readPerson({ tx }, personId) : undefined;
        return createUser({
          actor: cliActor,
          tx,
          rawInput: {
            email,
            role,
            name: values.name ?? person?.name ?? email,
            password: values.password,
            personId,
          },
        });
      }),
    );
    io.stdout.write(`${t.userCreated(user.email, user.role, user.id)}\n`);
    if (values.password === undefined) {
      io.stdout.write(`${t.oneTimePassword(password)}\n`);
    }
  },
  'person create': async (args, io) => {
    const values = options(args, ['name', 'email', 'title', 'unit', 'phone', 'party']);
    const person = await withDatabase(io, (database) =>
      inTransaction(database.db, (tx) =>
        createPerson({
          actor: cliActor,
          tx,
          input: {
            name: required(values, 'name'),
            email: values.email,
            title: values.title,
            unit: values.unit,
            phone: values.phone,
            party: values.party,
          },
        }),
      ),
    );
    // Only the id, so a script can pass it on to `user create --person-id`.
    io.stdout.write(`${person.id}\n`);
  },
  'token create': async (args, io) => {
    const values = options(args, ['email', 'name', 'expires-in-days']);
    const email = required(values, 'email');
    const days = values['expires-in-days'];
    // Anything but a plain whole number becomes NaN, which the service refuses in Danish.
    const expiresInDays = days === undefined ? undefined : /^\d+$/.test(days) ? Number(days) : NaN;
    const token = await withDatabase(io, (database) =>
      inTransaction(database.db, (tx) =>
        createApiToken({ actor: cliActor, tx, input: { email, name: values.name, expiresInDays } }),
      ),
    );
    io.stdout.write(`${token}\n`);
  },
  package: async (args, io) => {
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
      throw new UsageError(t.meetingIdRequired);
    const audience = values.audience ?? 'full';
    if (!isAudience(audience)) throw new UsageError(t.audienceInvalid);
    const output = values.output;
    if (!output) throw new UsageError(t.outputRequired);
    const member = values.member;
    if (member !== undefined && !z.uuid().safeParse(member).success)
      throw new UsageError(t.memberInvalid);
    const blobs = await openConfiguredBlobStore(loadConfig(io.env));
    const built = await withDatabase(io, (database) =>
      buildMeetingPackage({ actor: cliActor, tx: database.db, blobs }, meetingId, audience, {
        forPersonId: member,
      }),
    );
    if (output === '-') {
      io.stdout.write(built.pdf);
      return;
    }
    // Written beside the target and renamed, so a reader never sees half a package.
    const temporary = `${output}.${process.pid}.part`;
    await writeFile(temporary, built.pdf);
    await rename(temporary, output);
    io.stderr.write(`${t.packageWritten(output, built.pageCount)}\n`);
  },
  backup: async (args, io) => {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError(t.backupFileRequired);
    const blobs = await openConfiguredBlobStore(loadConfig(io.env));
    const summary = await withDatabase(io, (database) => backupToFile({ database, blobs, file }));
    io.stderr.write(`${da.backup.written(file, summary.rows, summary.files)}\n`);
  },
  restore: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: { replace: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError(t.restoreFileRequired);
    const blobs = await openConfiguredBlobStore(loadConfig(io.env));
    const summary = await withDatabase(io, (database) =>
      restoreFromFile({
        database,
        blobs,
        file,
        replace: values.replace === true,
      }),
    );
    io.stderr.write(`${da.backup.restored(summary.rows, summary.files)}\n`);
  },
  import: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [path, ...extra] = positionals;
    if (!path || extra.length > 0) throw new UsageError(t.importPathRequired);
    const format = values.format ?? 'auto';
    if (!isImportFormatChoice(format)) {
      throw new UsageError(t.importFormatInvalid(importFormatChoices));
    }
    const dryRun = values['dry-run'] === true;
    const config = loadConfig(io.env);
    const blobs = await openConfiguredBlobStore(config);
    const summary = await withDatabase(io, async (database) => {
      io.stderr.write(`${t.importing(path)}\n`);
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
    io.stderr.write(
      `${summary.dryRun ? da.imports.dryRunResult : da.imports.done} ${da.imports.counts(summary.meetings, summary.items, summary.files)} ${summary.warnings.length} advarsler.\n`,
    );
    const { format: found, meetings, items, files, warnings } = summary;
    io.stdout.write(`${JSON.stringify({ format: found, meetings, items, files, warnings })}\n`);
  },
  retention: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      options: { 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(t.unknownArgument(positionals.join(' ')));
    const dryRun = values['dry-run'] === true;
    const result = await withDatabase(io, (database) =>
      runRetention({ actor: cliActor, db: database.db, dryRun }),
    );
    if (!result.ran)
      throw new AppError('CONFLICT', { message: da.privacy.errors.retentionRunning });
    io.stdout.write(
      `${dryRun ? da.privacy.cli.dryRun : da.privacy.cli.done}\n${formatRetentionCounts(result.counts)}`,
    );
  },
  demo: async (_args, io) => {
    const summary = await withDatabase(io, async (database) => {
      const result = await loadDemo(database.db, await openConfiguredBlobStore(loadConfig(io.env)));
      if (result.loaded) await database.vacuumAnalyze();
      return result;
    });
    io.stdout.write(
      summary.loaded ? `${t.demoLoaded(summary.meetings, summary.items)}\n` : `${t.demoExists}\n`,
    );
    for (const login of summary.logins)
      io.stdout.write(`${t.demoLogin(login.role, login.email, login.password)}\n`);
  },
};

/** Runs one `dagsorden` command and returns its exit code (0 done, 1 refused, 2 misused). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, second, ...rest] = argv;
  const twoWord = first && second ? commands[`${first} ${second}`] : undefined;
  const command = twoWord ?? (first ? commands[first] : undefined);
  if (!command) {
    io.stderr.write(t.usage);
    return 2;
  }
  try {
    await command(twoWord ? rest : argv.slice(1), io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      io.stderr.write(`${error.message}\n\n${t.usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      const details = error.details
        .map((detail) => `\n  ${detail.field}: ${detail.message}`)
        .join('');
      io.stderr.write(`${t.failed(error.code, publicMessage(error))}${details}\n`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
