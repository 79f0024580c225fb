import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../test/app-harness';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

/** The secretary orders the rådmandsmøde's package, follows its progress and downloads it. */
describe.skipIf(isBrowserUnavailable())('the meeting package page in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    running = await startDemoApp();
    browser = await connectChromium();
    page = await signInPage(
      browser,
      running.baseUrl,
      await createTestUser(running.database, 'secretary'),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('builds the package in the background and offers it for download', async () => {
    await page
      .getByRole('link', { name: /Rådmandsmøde/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Mødepakke', exact: true }).click();
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
    await page.getByRole('button', { name: 'Byg fuld mødepakke (medlemmer)' }).click();
    // The page polls the build and reloads when it is done.
    const download = page.getByRole('link', { name: 'Åbn fuld mødepakke (medlemmer) (PDF)' });
    await download.waitFor({ timeout: 60_000 });
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
    const response = await page.request.get(
      new URL((await download.getAttribute('href'))!, running.baseUrl).toString(),
    );
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
