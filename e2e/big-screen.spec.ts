import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/app-harness';
import {
  apiAs,
  connectChromium,
  isBrowserUnavailable,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';
import { allViolations, overflow } from './page-checks';

/** The smallest text the big screen may show (app.css, --big-screen-min-font). */
const minimumFontPx = 32;

describe.skipIf(isBrowserUnavailable())('the big screen in the meeting room', () => {
  let running: RunningApp;
  let browser: Browser;
  let secretary: TestUser;
  let member: TestUser;
  let meetingId: string;
  let screen: Page;
  let secretaryPage: Page;

  beforeAll(async () => {
    running = await startDemoApp();
    secretary = await createTestUser(running.database, 'secretary');
    const eva = (await running.database.db.execute(
      sql`SELECT p.id, m.organization_id FROM persons p JOIN memberships m ON m.person_id = p.id
        WHERE p.name LIKE 'Eva %' AND m.role = 'member' LIMIT 1`,
    )) as { rows: Array<{ id: string; organization_id: string }> };
    member = await createTestUser(running.database, 'participant', { personId: eva.rows[0]!.id });
    const api = async (path: string, payload: object) =>
      (await apiAs(running, secretary)('POST', path, payload)) as { id: string };
    meetingId = (
      await api('/api/v1/meetings', {
        organizationId: eva.rows[0]!.organization_id,
        title: 'Udvalgsmøde i mødesalen',
        start: '2099-03-02T16:00:00+01:00',
        end: '2099-03-02T18:00:00+01:00',
      })
    ).id;
    for (const title of ['Budgetopfølgning', 'Skoleudbygning', 'Trafiksikkerhed']) {
      await api(`/api/v1/meetings/${meetingId}/items`, { title, durationMinutes: 15 });
    }
    await api(`/api/v1/meetings/${meetingId}/agenda-releases`, {});
    browser = await connectChromium();
    secretaryPage = await signInPage(browser, running.baseUrl, secretary);
    await secretaryPage.goto(`${running.baseUrl}/moeder/${meetingId}/live`);
    await secretaryPage.getByRole('button', { name: 'Start mødet' }).click();
    await secretaryPage.getByRole('button', { name: 'Start punktet "Budgetopfølgning"' }).click();
    screen = await signInPage(browser, running.baseUrl, member);
    await screen.setViewportSize({ width: 1024, height: 768 });
    await screen.goto(`${running.baseUrl}/moeder/${meetingId}/storskaerm`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const current = () => screen.locator('.big-screen-item').innerText();

  it('shows the current item and the next ones, large enough to read from the back of the room', async () => {
    expect(await current()).toContain('Budgetopfølgning');
    expect(await screen.locator('.big-screen-next').innerText()).toContain('Skoleudbygning');
    const smallest = await screen.evaluate(() => {
      const sizes = [...document.querySelectorAll('body *')]
        .filter((element) =>
          [...element.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
          ),
        )
        .filter((element) => element.getClientRects().length > 0)
        .map((element) => Number.parseFloat(getComputedStyle(element).fontSize));
      return Math.min(...sizes);
    });
    expect(smallest).toBeGreaterThanOrEqual(minimumFontPx);
    expect(await screen.locator('main button, main form, nav').count()).toBe(0);
    expect(await allViolations(screen)).toEqual([]);
    expect(await overflow(screen)).toEqual([]);
  });

  it('follows the secretary when the next item starts, without a reload', async () => {
    await screen.evaluate(
      () => ((window as unknown as { notReloaded: boolean }).notReloaded = true),
    );
    await secretaryPage.getByRole('button', { name: 'Start punktet "Skoleudbygning"' }).click();
    // The event is sent when the start commits; the screen fetches its board at once.
    await screen.waitForFunction(
      () => document.querySelector('.big-screen-item')?.textContent?.includes('Skoleudbygning'),
      undefined,
      { timeout: 3_000 },
    );
    expect(
      await screen.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    expect(await screen.locator('.big-screen-next').innerText()).toContain('Trafiksikkerhed');
    expect(await screen.locator('.big-screen-next').innerText()).not.toContain('Budgetopfølgning');
  });
});
