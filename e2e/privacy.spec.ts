import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../test/app-harness';
import { da } from '../src/platform/i18n/da';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
  followMenuLink,
} from './browser';

describe.skipIf(isBrowserUnavailable())('administrator handles personal data in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    running = await startDemoApp();
    const admin = await createTestUser(running.database, 'administrator');
    browser = await connectChromium();
    page = await signInPage(browser, running.baseUrl, admin);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function expectAccessible() {
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
  }

  it('sets a retention period from the menu, corrects an error, and downloads a person', async () => {
    await followMenuLink(page, da.layout.privacy);
    await page.getByRole('heading', { level: 1, name: da.privacy.title }).waitFor();
    await expectAccessible();

    const drafts = page.getByLabel(da.privacy.draftPaperMonths);
    await drafts.fill('tusind');
    await page.getByRole('button', { name: da.privacy.save }).click();
    await expect(drafts.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText(da.privacy.range(1, 120)).first().waitFor();
    await expectAccessible();

    await page.getByLabel(da.privacy.draftPaperMonths).fill('24');
    await page.getByRole('button', { name: da.privacy.save }).click();
    await page.getByText(da.privacy.saved).waitFor();
    await expect(page.getByLabel(da.privacy.draftPaperMonths).inputValue()).resolves.toBe('24');

    await page.getByLabel(da.privacy.searchLabel).fill('Henriksen');
    await page.getByRole('button', { name: da.privacy.search, exact: true }).click();
    await page.getByRole('link', { name: 'Lotte Henriksen' }).click();
    await page
      .getByRole('heading', { level: 1, name: da.privacy.exportTitle('Lotte Henriksen') })
      .waitFor();
    await expectAccessible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: da.privacy.download }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^persondata-.+\.json$/);
  });
});
