import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../test/app-harness';
import {
  isBrowserUnavailable,
  connectChromium,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

/**
 * The Content-Security-Policy forbids inline scripts and styles. This visits the pages that
 * run our scripts (editor, live view, package status, the API docs) and the public portal in
 * Chromium and fails on any violation the browser reports.
 */
describe.skipIf(isBrowserUnavailable())('Content-Security-Policy in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  const firstId = async (query: ReturnType<typeof sql>) => {
    const result = (await running.database.db.execute(query)) as { rows: Array<{ id: string }> };
    const id = result.rows[0]?.id;
    if (!id) throw new Error('the demo data has no such row');
    return id;
  };

  beforeAll(async () => {
    running = await startDemoApp();
    const secretary = await createTestUser(running.database, 'secretary');
    browser = await connectChromium();
    page = await signInPage(browser, running.baseUrl, secretary);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()))
        violations.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => violations.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('reports no violation on pages with scripts, forms and the public portal', async () => {
    const meetingId = await firstId(sql`SELECT id FROM meetings ORDER BY starts_at LIMIT 1`);
    const paperId = await firstId(sql`SELECT id FROM papers ORDER BY created_at LIMIT 1`);
    const paths = [
      '/moeder',
      `/moeder/${meetingId}`,
      `/moeder/${meetingId}/live`,
      `/moeder/${meetingId}/pakke`,
      `/sager/${paperId}/rediger`,
      '/aarshjul',
      '/api/v1/docs/',
      '/offentlig',
    ];
    for (const path of paths) {
      const response = await page.goto(`${running.baseUrl}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status(), path).toBeLessThan(400);
      expect(response?.headers()['content-security-policy'], path).toContain("script-src 'self'");
    }
    // The rich-text editor and the API docs build their UI with script: they did run.
    await page.goto(`${running.baseUrl}/sager/${paperId}/rediger`);
    await expect(page.locator('[contenteditable="true"]').count()).resolves.toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('blocks an injected inline script, and the check above would have seen it', async () => {
    await page.goto(`${running.baseUrl}/moeder`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "ran"';
      document.body.append(script);
    });
    await expect(page.evaluate(() => document.body.dataset.injected)).resolves.toBeUndefined();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
});
