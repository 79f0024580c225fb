import { buildApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/lock';
import { openConfiguredDatabase } from './platform/db/open';
import { inTransaction } from './platform/db/transaction';
import { ensureInitialAdministrator } from './modules/accounts/index';
import { loadDemo } from './modules/demo/index';
import { openConfiguredBlobStore } from './platform/blobs/open';

/** Starts the server: configuration, database (migrated), first administrator, demo data. */
async function main(): Promise<void> {
  const config = loadConfig();
  const opened = await openConfiguredDatabase(config);
  const { database } = opened;
  const blobs = await openConfiguredBlobStore(config);
  // Several instances may start at once on one PostgreSQL: one creates, the others find.
  const administrator = await database.runExclusively(async () => {
    const created = await inTransaction(database.db, (tx) => ensureInitialAdministrator(tx));
    if (config.loadDemo) {
      const demo = await loadDemo(database.db, blobs, { onlyIfEmpty: true });
      if (demo.loaded) await database.vacuumAnalyze();
    }
    return created;
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
