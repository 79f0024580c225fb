import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/client';
import { createTestUser, type TestUser } from '../test/app-harness';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

type Row = { label: string; title: string; slot: string };

describe.skipIf(isBrowserUnavailable())('secretary edits the committee agenda in Chromium', () => {
  let running: RunningApp;
  let database: Database;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let secretary: TestUser;

  beforeAll(async () => {
    running = await startDemoApp();
    ({ baseUrl, database } = running);
    secretary = await createTestUser(database, 'secretary');
    browser = await connectChromium();
    const context = await browser.newContext({ locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** Every page the test visits is checked with axe-core. */
  async function expectAccessible() {
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
  }

  async function agendaRows(): Promise<Row[]> {
    return page.$$eval('table.agenda-table tbody tr', (rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map(
          (cell) => cell.childNodes[0]?.textContent?.trim() ?? '',
        );
        return { label: cells[0] ?? '', title: cells[1] ?? '', slot: cells[2] ?? '' };
      }),
    );
  }

  it('signs in through the login page', async () => {
    await page.goto(`${baseUrl}/moeder`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessible();
    await page.getByLabel('E-mail').fill(secretary.email);
    await page.getByLabel('Adgangskode').fill(secretary.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${baseUrl}/moeder`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Møder');
    await expectAccessible();
  });

  it('opens the committee meeting and sees item 1 at 18.15 – 18.18 (3 min.)', async () => {
    await page.getByRole('link', { name: 'Social- og Beskæftigelsesudvalgsmøde' }).click();
    await page.waitForSelector('table.agenda-table');
    const rows = await agendaRows();
    expect(rows[0]).toEqual({
      label: '1.',
      title: 'Godkendelse af dagsorden',
      slot: '18.15 – 18.18 (3 min.)',
    });
    expect(rows).toHaveLength(13);
    await expectAccessible();
  });

  it('moves item 3 below item 4 and sees every slot recomputed', async () => {
    const before = await agendaRows();
    const third = before[2]!;
    const fourth = before[3]!;
    await page.getByRole('button', { name: `Flyt "${third.title}" ned` }).click();
    await page.waitForLoadState('load');
    const after = await agendaRows();
    expect(after[2]).toEqual({ label: '3.', title: fourth.title, slot: '18.20 – 18.40 (20 min.)' });
    expect(after[3]).toEqual({ label: '4.', title: third.title, slot: '18.40 – 19.00 (20 min.)' });
    expect(after.map((row) => row.slot)).toEqual([
      '18.15 – 18.18 (3 min.)',
      '18.18 – 18.20 (2 min.)',
      '18.20 – 18.40 (20 min.)',
      '18.40 – 19.00 (20 min.)',
      '19.00 – 19.20 (20 min.)',
      '19.20 – 19.35 (15 min.)',
      '',
      '19.35 – 19.40 (5 min.)',
      '',
      '',
      '',
      '19.40 – 19.42 (2 min.)',
      '19.42 – 19.45 (3 min.)',
    ]);
    await expectAccessible();
  });

  it('reorders by drag and drop as an enhancement of the same operation', async () => {
    const before = await agendaRows();
    const sixth = page.locator('table.agenda-table tbody tr').nth(5);
    const fifth = page.locator('table.agenda-table tbody tr').nth(4);
    await Promise.all([page.waitForEvent('load'), sixth.dragTo(fifth)]);
    const after = await agendaRows();
    expect(after[4]!.title).toBe(before[5]!.title);
    expect(after[4]!.slot).toBe('19.00 – 19.15 (15 min.)');
    expect(after[5]!.title).toBe(before[4]!.title);
    expect(after[5]!.slot).toBe('19.15 – 19.35 (20 min.)');
  });

  it('adds an item that overruns the meeting and sees the warning', async () => {
    await page.getByRole('link', { name: 'Tilføj punkt' }).click();
    await expectAccessible();
    await page.getByLabel('Titel', { exact: true }).fill('Ekstra drøftelse');
    await page.getByLabel('Varighed (min.)').fill('12');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.waitForSelector('table.agenda-table');
    await expect(
      page.getByText('Tidsplanen går 12 min. ud over mødets sluttidspunkt.').count(),
    ).resolves.toBe(1);
    const rows = await agendaRows();
    expect(rows.at(-1)).toEqual({
      label: '11.',
      title: 'Ekstra drøftelse',
      slot: '19.45 – 19.57 (12 min.)',
    });
  });

  it('shows the printable agenda and the new-meeting form accessibly', async () => {
    await page.getByRole('link', { name: 'Udskriftsvenlig dagsorden' }).click();
    await expect(page.getByText('Mødested:').count()).resolves.toBe(1);
    await expectAccessible();
    await page.goto(`${baseUrl}/moeder/ny`);
    await expectAccessible();
    await page.goto(`${baseUrl}/skabeloner`);
    await expectAccessible();
  });

  it('lets an administrator edit templates and read the audit log, accessibly', async () => {
    const admin = await createTestUser(database, 'administrator');
    const adminPage = await signInPage(browser, baseUrl, admin);
    await adminPage.goto(`${baseUrl}/skabeloner`);
    await adminPage.getByRole('link', { name: 'Rediger mødeskabelonen "Udvalgsmøde"' }).click();
    expect(await seriousAccessibilityViolations(adminPage)).toEqual([]);
    await adminPage.getByLabel('Punkt 7: Titel').fill('Bordrunde');
    await adminPage.getByLabel('Punkt 7: Varighed (min.)').fill('5');
    await adminPage.getByRole('button', { name: 'Gem' }).click();
    await adminPage.waitForURL(`${baseUrl}/skabeloner`);
    // The rådmandsmøde template has a Bordrunde already; now the committee's has one too.
    await expect(
      adminPage.getByRole('cell', { name: 'Bordrunde', exact: true }).count(),
    ).resolves.toBe(2);
    await adminPage.goto(`${baseUrl}/sager/skabeloner`);
    expect(await seriousAccessibilityViolations(adminPage)).toEqual([]);
    await adminPage.goto(`${baseUrl}/admin/haendelser`);
    await expect(adminPage.getByText('template.update').count()).resolves.toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(adminPage)).toEqual([]);
    await adminPage.context().close();
  });
});
