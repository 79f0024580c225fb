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

describe.skipIf(isBrowserUnavailable())(
  'a case officer writes a memo with a short cover in Chromium',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      running = await startDemoApp();
      const caseOfficer = await createTestUser(running.database, 'case_officer');
      browser = await connectChromium();
      page = await signInPage(browser, running.baseUrl, caseOfficer);
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    async function expectAccessible() {
      expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
    }

    it('reads the seed memo with readability per section', async () => {
      await page.getByRole('link', { name: 'Sager', exact: true }).click();
      await expectAccessible();
      await page
        .getByRole('link', { name: 'Orientering om vinterhjælp til økonomisk trængte' })
        .click();
      await expect(page.getByRole('heading', { name: 'SAGSFREMSTILLING' }).count()).resolves.toBe(
        1,
      );
      await expect(
        page.getByText(/LIX \d+ \((svær|meget svær)\)/).count(),
      ).resolves.toBeGreaterThan(0);
      await expect(page.getByText('Hovedbudskaber').count()).resolves.toBe(1);
      await expectAccessible();
    });

    it('writes a new draft and sees its LIX', async () => {
      await page.goto(`${running.baseUrl}/sager/ny`);
      await expectAccessible();
      await page.getByLabel('Titel').fill('Status på Sammen om Opgaven');
      await page
        .getByLabel('Modtager (organisation)')
        .selectOption({ label: 'Rådmandskredsen for Sociale Forhold og Beskæftigelse' });
      await page.getByLabel('Sag', { exact: true }).fill('EMN-2023-012999');
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.waitForURL(/\/sager\/[0-9a-f-]+\/rediger$/);
      await expectAccessible();
      // The HTML behind the editor, as someone pasting markup would send it.
      await page
        .getByRole('toolbar', { name: 'Formatering: SAGSFREMSTILLING' })
        .getByRole('button', { name: 'Vis koder' })
        .click();
      await page
        .getByRole('textbox', { name: 'SAGSFREMSTILLING' })
        .fill(
          '<p>Der er bl.a. afsat ca. 2 mio. kr. til puljen jf. stk. 2. Fristen er d. 19. november.</p><script>alert(1)</script>',
        );
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.waitForURL(/\/sager\/[0-9a-f-]+$/);
      await expect(page.getByText('For kort til LIX').count()).resolves.toBe(1);
      expect(await page.content()).not.toContain('alert(1)');
    });

    it('is told when the cover is too long, fixes it and sees it on the memo', async () => {
      await page.getByRole('link', { name: 'Rediger cover' }).click();
      await expectAccessible();
      await page
        .getByLabel('Hvorfor sendes sagen? (formål)')
        .fill('Rådmanden orienteres om status på Sammen om Opgaven.');
      await page
        .getByLabel('Hovedbudskab 1')
        .fill(Array.from({ length: 31 }, () => 'ord').join(' '));
      await page.getByRole('button', { name: 'Gem' }).click();
      await expect(
        page.getByText('Hovedbudskab 1 må højst være 30 ord (nu 31).').count(),
      ).resolves.toBeGreaterThan(0);
      await expectAccessible();
      await page
        .getByLabel('Hovedbudskab 1')
        .fill('Direktionen vil højne kvaliteten af materialet til rådmanden.');
      await page.getByLabel('Hvad bedes der om?').selectOption({ label: 'Drøftelse' });
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.waitForURL(/\/sager\/[0-9a-f-]+$/);
      await expect(
        page.getByText('Direktionen vil højne kvaliteten af materialet til rådmanden.').count(),
      ).resolves.toBe(1);
      await expect(page.getByText('Drøftelse', { exact: true }).count()).resolves.toBe(1);
    });
  },
);
