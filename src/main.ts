import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/lock';
import { openConfiguredDatabase } from './platform/db/open';

/**
 * The application's code, imported while the database opens rather than before: PGlite's start
 * (reading and compiling its WebAssembly, off the main thread in part) and loading our modules
 * and their libraries take about as long each, so doing both at once shortens the cold start.
 */
async function loadApplication() {
  const [{ buildApp }, { inTransaction }, { ensureInitialAdministrator }, { loadDemo }, blobs] =
    await Promise.all([
      import('./app'),
      import('./platform/db/transaction'),
      import('./modules/accounts/index'),
      import('./modules/demo/index'),
      import('./platform/blobs/open'),
    ]);
  return {
    buildApp,
    inTransaction,
    ensureInitialAdministrator,
    loadDemo,
    openConfiguredBlobStore: blobs.openConfiguredBlobStore,
  };
}

/** Starts the server: configuration, database (migrated), first administrator, demo data. */
async function main(): Promise<void> {
  const config = loadConfig();
  const [opening, loading] = await Promise.allSettled([
    openConfiguredDatabase(config),
    loadApplication(),
  ]);
  if (opening.status === 'rejected') throw opening.reason;
  const opened = opening.value;
  if (loading.status === 'rejected') {
    await opened.close();
    throw loading.reason;
  }
  const { buildApp, inTransaction, ensureInitialAdministrator, loadDemo, openConfiguredBlobStore } =
    loading.value;
  const { database } = opened;
  const blobs = await openConfiguredBlobStore(config);
  // Several instances may start at once on one PostgreSQL: one creates, the others find.
  const { administrator, demoLogins } = await database.runExclusively(async () => {
    const created = await inTransaction(database.db, (tx) => ensureInitialAdministrator(tx));
    if (!config.loadDemo) return { administrator: created, demoLogins: [] };
    const demo = await loadDemo(database.db, blobs, { onlyIfEmpty: true });
    if (demo.loaded) await database.vacuumAnalyze();
    return { administrator: created, demoLogins: demo.logins };
  });

  const app = await buildApp({ config, database, blobs });
  let isClosing = false;
  const shutdown = (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => opened.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'unclean shutdown');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (administrator) {
    process.stdout.write(
      [
        '',
        '================================================================',
        ' Dagsorden: der er oprettet en administrator.',
        `   E-mail:              ${administrator.email}`,
        `   Engangsadgangskode:  ${administrator.password}`,
        ' Adgangskoden vises kun denne ene gang og skal skiftes ved første login.',
        `   Log ind på ${config.publicBaseUrl}/login`,
        '================================================================',
        '',
      ].join('\n'),
    );
  }
  if (demoLogins.length > 0) {
    process.stdout.write(
      [
        '',
        '================================================================',
        ' Dagsorden: demobrugere (én pr. rolle), engangsadgangskoder:',
        ...demoLogins.map(
          (login) => `   ${login.role.padEnd(14)} ${login.email.padEnd(32)} ${login.password}`,
        ),
        ' Adgangskoderne vises kun denne ene gang og skal skiftes ved første login.',
        '================================================================',
        '',
      ].join('\n'),
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Dagsorden could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
