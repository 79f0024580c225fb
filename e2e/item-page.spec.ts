import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/app-harness';
import { makePdf } from '../test/file-factories';
import {
  connectChromium,
  isBrowserUnavailable,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

/**
 * Issue 19: the secretary opens an item from the agenda, uploads a PDF to it from the item
 * page and sees it listed; the page reads at phone, tablet and desktop width and passes axe.
 */
describe.skipIf(isBrowserUnavailable())('the agenda item page in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let secretary: TestUser;
  let meetingId: string;
  let itemId: string;

  const api = async (method: string, path: string, body: object) => {
    const response = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${secretary.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { id: string; data: Array<{ organization: { id: string } }> };
  };

  beforeAll(async () => {
    running = await startDemoApp();
    secretary = await createTestUser(running.database, 'secretary');
    const meetings = await fetch(`${running.baseUrl}/api/v1/meetings`, {
      headers: { authorization: `Bearer ${secretary.token}` },
    });
    const organizationId = (
      (await meetings.json()) as { data: Array<{ organization: { id: string } }> }
    ).data[0]!.organization.id;
    meetingId = (
      await api('POST', '/api/v1/meetings', {
        organizationId,
        title: 'Udvalgsmøde om boligsociale indsatser',
        start: '2099-05-06T18:15:00+02:00',
        end: '2099-05-06T20:00:00+02:00',
      })
    ).id;
    itemId = (
      await api('POST', `/api/v1/meetings/${meetingId}/items`, {
        title: 'Handleplan for boligsociale indsatser i Gellerup og Toveshøj',
        durationMinutes: 20,
        purpose: 'Udvalget orienteres om handleplanen og dens økonomi for de næste fire år.',
        attachments: ['Økonomioversigt'],
      })
    ).id;
    browser = await connectChromium();
    page = await signInPage(browser, running.baseUrl, secretary);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** axe-core's WCAG 2.1 A/AA rules: no violation of any impact. */
  async function expectAccessible() {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const found = results.violations.map((violation) => ({
      id: violation.id,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
    expect(found, page.url()).toEqual([]);
  }

  it('opens the item from the agenda by its title', async () => {
    await page.goto(`${running.baseUrl}/moeder/${meetingId}`);
    await page
      .getByRole('link', {
        name: 'Handleplan for boligsociale indsatser i Gellerup og Toveshøj',
        exact: true,
      })
      .click();
    await page.waitForURL(`${running.baseUrl}/moeder/${meetingId}/punkter/${itemId}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Punkt 1: Handleplan for boligsociale indsatser i Gellerup og Toveshøj',
    );
    await expect(page.getByText('Bilaget er kun registreret med sin titel').count()).resolves.toBe(
      1,
    );
    await expectAccessible();
  });

  it('uploads a PDF from the item page and sees it listed', async () => {
    const pdf = await makePdf(['Handleplan 2099', 'Økonomi']);
    await page.getByLabel('Titel', { exact: true }).fill('Handleplan 2099');
    await page.getByLabel('Fil', { exact: true }).setInputFiles({
      name: 'Handleplan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    await page.getByRole('button', { name: 'Vedhæft', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/moeder/${meetingId}/punkter/${itemId}#bilag`);
    const link = page.getByRole('link', { name: 'Bilag 2: Handleplan 2099' });
    await expect(link.getAttribute('href')).resolves.toMatch(
      new RegExp(`^/moeder/${meetingId}/punkter/${itemId}/bilag/[0-9a-f-]{36}$`),
    );
    await expect(page.getByText('Handleplan.pdf (PDF, 2 sider').count()).resolves.toBe(1);
    await expectAccessible();
  });

  it('reads without horizontal overflow at 390, 768 and 1280 px', async () => {
    for (const width of [390, 768, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${running.baseUrl}/moeder/${meetingId}/punkter/${itemId}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
      await expectAccessible();
    }
  });

  it('reads the page without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'da-DK' });
    const bare = await context.newPage();
    const cookies = await page.context().cookies();
    await context.addCookies(cookies);
    await bare.goto(`${running.baseUrl}/moeder/${meetingId}/punkter/${itemId}`);
    await expect(
      bare.getByRole('link', { name: 'Bilag 2: Handleplan 2099' }).count(),
    ).resolves.toBe(1);
    await context.close();
  });
});
