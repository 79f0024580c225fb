import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/app-harness';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

describe.skipIf(isBrowserUnavailable())('secretary plans the year in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let secretary: TestUser;

  beforeAll(async () => {
    running = await startDemoApp();
    baseUrl = running.baseUrl;
    secretary = await createTestUser(running.database, 'secretary');
    browser = await connectChromium();
    page = await signInPage(browser, baseUrl, secretary);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** Every page the test visits is checked with axe-core. */
  async function expectAccessible() {
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
  }

  it('opens the committee årshjul for 2023 from the menu', async () => {
    await page.getByRole('link', { name: 'Årshjul', exact: true }).click();
    await page
      .getByLabel('Organisation')
      .selectOption({ label: 'Social- og Beskæftigelsesudvalget' });
    await page.getByLabel('År', { exact: true }).fill('2023');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/aar=2023/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Årshjul 2023: Social- og Beskæftigelsesudvalget',
    );
    await expect(
      page.getByRole('img', { name: 'Årshjul 2023 for Social- og Beskæftigelsesudvalget' }).count(),
    ).resolves.toBe(1);
    await expectAccessible();
  });

  it('adds a topic and sees it in the list under its month and in the wheel', async () => {
    await page.getByLabel('Emne', { exact: true }).fill('Handicappolitisk redegørelse');
    await page.getByLabel('Måned', { exact: true }).selectOption({ label: 'marts' });
    await page.getByLabel('Ansvarlig', { exact: true }).fill('Fagligt Sekretariat');
    await page.getByLabel('Gentages hvert år').check();
    await page.getByRole('button', { name: 'Tilføj emne' }).click();
    await page.waitForURL(/#maaned-3$/);
    const march = page.locator('#maaned-3');
    await expect(march.getByRole('heading').textContent()).resolves.toBe('marts 2023');
    await expect(march.textContent()).resolves.toContain(
      'Handicappolitisk redegørelse (Fagligt Sekretariat, hvert år)',
    );
    const segment = page.locator('svg.annual-wheel g[data-month="3"]');
    await expect(segment.getAttribute('data-count')).resolves.toBe('1');
    await expect(segment.locator('text').nth(1).textContent()).resolves.toBe('1');
    await expect(page.locator('#aarshjul-beskrivelse').textContent()).resolves.toContain(
      'marts 1 emne',
    );
    await expectAccessible();
  });

  it('offers the month’s topics on the committee meeting and shows cases on their way', async () => {
    await page.goto(`${baseUrl}/moeder`);
    await page.getByRole('link', { name: 'Social- og Beskæftigelsesudvalgsmøde' }).click();
    await page.getByRole('link', { name: 'Årshjul og sager på vej' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Planlagte emner for november 2023',
    );
    await expectAccessible();
    await page
      .getByRole('button', { name: 'Sæt "Status på beskæftigelsesindsatsen" på dagsordenen' })
      .click();
    await page.waitForSelector('table.agenda-table');
    await expect(
      page.getByRole('cell', { name: 'Status på beskæftigelsesindsatsen', exact: true }).count(),
    ).resolves.toBe(1);
    await page.goto(`${baseUrl}/sager-paa-vej?fra=2023-11-01`);
    await expect(
      page.getByRole('link', { name: 'Orientering om vinterhjælp til økonomisk trængte' }).count(),
    ).resolves.toBe(2);
    await expectAccessible();
  });
});
