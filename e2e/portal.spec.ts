import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { meetings } from '../src/modules/meetings/db-schema';
import { publishMeeting } from '../src/modules/publishing/index';
import { inTransaction } from '../src/platform/db/transaction';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  startDemoApp,
  type RunningApp,
} from './browser';
import { allViolations } from './page-checks';

describe.skipIf(isBrowserUnavailable())('public portal in a browser, without signing in', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    running = await startDemoApp();
    browser = await connectChromium();
    const context = await browser.newContext({ locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function checkPage(path: string): Promise<void> {
    const response = await page.goto(`${running.baseUrl}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(await page.getAttribute('html', 'lang'), path).toBe('da');
    expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    expect(await allViolations(page), path).toEqual([]);
    const statement = page.getByRole('link', { name: 'Tilgængelighedserklæring' });
    expect(await statement.getAttribute('href'), path).toBe('https://www.was.digst.dk/');
    expect((await page.context().cookies()).length, path).toBe(0);
  }

  it('has no accessibility violations on any public page type', async () => {
    await checkPage('/offentlig');
    const organizationHref = await page
      .getByRole('link', { name: /Social- og Beskæftigelsesudvalget/ })
      .getAttribute('href');
    await checkPage(organizationHref!);
    await checkPage(`${organizationHref!}?aar=2023`);
    const meetingHref = await page
      .getByRole('link', { name: /Social- og Beskæftigelsesudvalgsmøde/ })
      .first()
      .getAttribute('href');
    await checkPage(meetingHref!);
    const itemHref = await page
      .locator(`a[href^="${meetingHref!}/punkter/"]`)
      .first()
      .getAttribute('href');
    await checkPage(itemHref!);
    await checkPage('/offentlig/soeg');
    await checkPage('/offentlig/soeg?q=udvalg');
    expect(await page.locator('main li a').count()).toBeGreaterThan(0);
    await checkPage('/offentlig/soeg?q=findesikke');
  });

  it('has no accessibility violations on published minutes and on an item with its memo', async () => {
    // The demo keeps the rådmandsmøde internal; this test's own database publishes its minutes.
    const [council] = await running.database.db
      .select({ id: meetings.id })
      .from(meetings)
      .where(eq(meetings.title, 'Rådmandsmøde'))
      .orderBy(desc(meetings.startsAt))
      .limit(1);
    await inTransaction(running.database.db, (tx) =>
      publishMeeting({
        actor: { kind: 'system', label: 'e2e' },
        tx,
        meetingId: council!.id,
        kind: 'minutes',
      }),
    );
    const meetingPath = `/offentlig/moeder/${council!.id}`;
    await checkPage(meetingPath);
    expect(await page.getByText('Der er ca. tre uger til vinteren').count()).toBeGreaterThan(0);
    // Items are linked under the meeting's readable address.
    const memoItem = await page
      .locator('a[href*="/punkter/"]')
      .filter({ hasText: 'Orientering om vinterhjælp' })
      .first()
      .getAttribute('href');
    await checkPage(memoItem!);
    expect(await page.getByRole('heading', { name: /SAGSFREMSTILLING/i }).count()).toBeGreaterThan(
      0,
    );
  });

  it('has a skip link that moves focus to the content by keyboard', async () => {
    await page.goto(`${running.baseUrl}/offentlig`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Gå til sideindhold');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('serves the RSS feed as well-formed XML', async () => {
    await page.goto(`${running.baseUrl}/offentlig`);
    const organizationHref = await page
      .getByRole('link', { name: /Social- og Beskæftigelsesudvalget/ })
      .getAttribute('href');
    const response = await page.request.get(`${running.baseUrl}${organizationHref!}/rss.xml`);
    expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
    const xml = await response.text();
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: document.querySelector('parsererror')?.textContent ?? null,
        links: [...document.querySelectorAll('item > link')].map((link) => link.textContent),
      };
    }, xml);
    expect(parsed.error).toBeNull();
    expect(parsed.links.length).toBeGreaterThan(0);
    expect(parsed.links[0]).toMatch(/^http:\/\/localhost:3000\/offentlig\/moeder\//);
  });
});
