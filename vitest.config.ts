import { defineConfig } from 'vitest/config';

const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];
/**
 * Unit tests that replace a module with vi.mock: they need a module registry of their own, so
 * they run isolated; every other file shares its worker's loaded modules.
 */
const mocked = ['src/**/*.mocked.test.ts'];
/** Integration tests of what exists only on PostgreSQL (LISTEN/NOTIFY, several instances). */
const postgresOnly = ['src/**/*.pg.int.test.ts', 'test/**/*.pg.int.test.ts'];

/**
 * Projects: unit tests (those that mock modules apart), the same integration tests on embedded
 * PGlite and on PostgreSQL, and end-to-end tests in Chromium. `npm test` runs them all.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default on this 2-core machine is one worker: every file waited for the one
    // before it, though most of an integration test's time is spent waiting for PostgreSQL,
    // a child process or the browser. Two workers overlap that waiting.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...integration, ...mocked],
          // Pure logic: one worker's loaded modules serve every file.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-mocked', include: mocked },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: integration,
          // Integration files build their own app and database; sharing the loaded modules in
          // one worker saves importing the whole application again for every file.
          isolate: false,
          exclude: postgresOnly,
          env: { DB_ENGINE: 'pglite' },
          globalSetup: ['test/build-global-setup.ts', 'test/pglite-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: integration,
          isolate: false,
          env: { DB_ENGINE: 'postgresql' },
          globalSetup: ['test/build-global-setup.ts', 'test/postgres-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          isolate: false,
          testTimeout: 120_000,
          env: { DB_ENGINE: 'pglite' },
          globalSetup: ['test/pglite-global-setup.ts', 'e2e/browser-global-setup.ts'],
        },
      },
    ],
  },
});
