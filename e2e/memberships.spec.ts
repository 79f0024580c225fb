import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../src/modules/organizations/index';
import { inTransaction } from '../src/platform/db/transaction';
import { createTestUser, type TestUser } from '../test/app-harness';
import {
  connectChromium,
  isBrowserUnavailable,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

describe.skipIf(isBrowserUnavailable())('the secretariat puts a person on the committee', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let secretary: TestUser;
  let participant: TestUser;

  beforeAll(async () => {
    running = await startDemoApp();
    const person = await inTransaction(running.database.db, (tx) =>
      createPerson({
        actor: { kind: 'system', label: 'e2e' },
        tx,
        input: { name: 'Ny Udvalgsdeltager', email: 'ny.deltager@example.org' },
      }),
    );
    secretary = await createTestUser(running.database, 'secretary');
    participant = await createTestUser(running.database, 'participant', { personId: person.id });
    browser = await connectChromium();
    page = await signInPage(browser, running.baseUrl, secretary);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function expectAccessible() {
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
  }

  it('finds the committee’s members from the menu, today and on a chosen date', async () => {
    await page.getByRole('link', { name: 'Organisationer' }).first().click();
    await expectAccessible();
    await page.getByRole('link', { name: 'Social- og Beskæftigelsesudvalget' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Medlemmer af Social');
    await expectAccessible();
    const current = page.locator('table').first();
    expect(await current.textContent()).toContain('Mette Eksempelsen');
    await page.getByLabel('Medlemmer på dato').fill('2021-06-01');
    await page.getByRole('button', { name: 'Vis' }).click();
    await expect.poll(() => page.textContent('main')).toContain('Ingen medlemmer på denne dato.');
  });

  it('adds the person as a member, and the participant then sees the committee meeting', async () => {
    await page.getByRole('link', { name: 'Tilføj medlem' }).click();
    await expectAccessible();
    await page
      .getByLabel('Person')
      .selectOption({ label: 'Ny Udvalgsdeltager (ny.deltager@example.org)' });
    await page.getByLabel('Rolle').selectOption('member');
    await page.getByLabel('Fra').fill('2023-01-01');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => page.textContent('main')).toContain('Medlemskabet er oprettet.');
    expect(await page.locator('table').first().textContent()).toContain('Ny Udvalgsdeltager');

    const member = await signInPage(browser, running.baseUrl, participant);
    await member.goto(`${running.baseUrl}/moeder`);
    expect(await member.textContent('main')).toContain('Social- og Beskæftigelsesudvalgsmøde');
    await member.close();
  });

  it('refuses an overlapping membership with a Danish message at the field', async () => {
    await page.getByRole('link', { name: 'Tilføj medlem' }).click();
    await page
      .getByLabel('Person')
      .selectOption({ label: 'Ny Udvalgsdeltager (ny.deltager@example.org)' });
    await page.getByLabel('Fra').fill('2024-01-01');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expect
      .poll(() => page.textContent('main'))
      .toContain('Personen har allerede et medlemskab med samme rolle');
    await expectAccessible();
  });
});
