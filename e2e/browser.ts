import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { buildApp } from '../src/app';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import type { Database } from '../src/platform/db/client';
import { testConfig, type TestUser } from '../test/app-harness';
import { openTestDatabase } from '../test/database';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests are required in CI. Elsewhere a missing Chromium skips them, loudly, so a
 * fresh clone's `npm test` still passes; `apt-get install -y chromium` enables them.
 */
export function isBrowserMissing(): boolean {
  if (existsSync(chromiumPath)) return false;
  if (process.env.CI)
    throw new Error(`Chromium is missing at ${chromiumPath}; CI requires the browser tests.`);
  process.stderr.write(
    `\n*** Chromium not found at ${chromiumPath}: the end-to-end tests are SKIPPED.\n*** Install it with: apt-get install -y chromium\n\n`,
  );
  return true;
}

/**
 * For the test files: whether the run's global setup started Chromium. A Chromium installed
 * while the run was starting is not used, rather than connected to with no address.
 */
export function isBrowserUnavailable(): boolean {
  return inject('chromiumEndpoint') === '';
}

export const chromiumArguments = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A connection to the run's one Chromium (e2e/browser-global-setup.ts). Closing it closes only
 * this file's contexts and pages.
 */
export function connectChromium(): Promise<Browser> {
  return chromium.connect(inject('chromiumEndpoint'));
}

export type AxeFinding = {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
};

/** WCAG 2.1 A/AA violations of serious or critical impact on the current page. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

export type RunningApp = { baseUrl: string; database: Database; close(): Promise<void> };

/**
 * The real application with the demo data on a fresh in-memory database (a copy of the run's
 * template, test/pglite-global-setup.ts), on a free port.
 */
export async function startDemoApp(): Promise<RunningApp> {
  const testDatabase = await openTestDatabase({ demo: true });
  const { database } = testDatabase;
  const dataDir = await mkdtemp(join(tmpdir(), 'dagsorden-e2e-'));
  await testDatabase.copyDemoBlobs(join(dataDir, 'blobs'));
  const blobs = createLocalBlobStore(join(dataDir, 'blobs'));
  const app = await buildApp({ config: testConfig({ dataDir }), database, blobs, logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    database,
    async close() {
      await app.close();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The JSON API as a user, by their API token: builds what a browser test needs around the
 * journey it walks. Fails the test on an error answer.
 */
export function apiAs(running: RunningApp, user: Pick<TestUser, 'token'>) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${user.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  };
}

/** A fresh browser context signed in through the login form. */
export async function signInPage(
  browser: Browser,
  baseUrl: string,
  user: { email: string; password: string },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Adgangskode').fill(user.password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

/**
 * Follows a main menu entry. On a desktop screen DKFDS moves the entries that do not fit into
 * its "Mere" menu, so that menu is opened first when the entry is not in sight.
 */
export async function followMenuLink(page: Page, name: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Hovedmenu', exact: true })
    .getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await page.getByRole('button', { name: 'Mere' }).click();
  await link.click();
}
