import { desc } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../test/app-harness';
import { da } from '../src/platform/i18n/da';
import { mailOutbox } from '../src/platform/mail/index';
import {
  connectChromium,
  isBrowserUnavailable,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

const chosenPassword = 'grøn-traktor-på-landevejen';

describe.skipIf(isBrowserUnavailable())(
  'administrator creates a person and their login in Chromium',
  () => {
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

    it('creates a person, a user linked to them, and the invited user sets a password and signs in', async () => {
      await page.getByRole('link', { name: da.layout.persons, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: da.persons.listTitle }).waitFor();
      await expectAccessible();
      await page.getByRole('link', { name: da.persons.create }).click();
      await page.getByRole('button', { name: da.persons.save }).click();
      await page.getByText(da.validation.required).first().waitFor();
      await expectAccessible();
      await page.getByLabel(da.persons.name, { exact: true }).fill('Henrik Udvalgsmedlem');
      await page.getByLabel(da.persons.email).fill('henrik@kommune.dk');
      await page.getByLabel(da.persons.party).fill('Radikale Venstre');
      await page.getByRole('button', { name: da.persons.save }).click();
      await page.getByRole('heading', { level: 1, name: 'Henrik Udvalgsmedlem' }).waitFor();
      await page.getByText(da.persons.saved).waitFor();
      await expectAccessible();

      await page.getByRole('link', { name: da.layout.users, exact: true }).click();
      await page.getByRole('link', { name: da.userAdmin.create }).click();
      await page.getByLabel(da.userAdmin.email).fill('henrik@kommune.dk');
      await page.getByLabel(da.userAdmin.role).selectOption('participant');
      await page.getByLabel(da.userAdmin.person).selectOption({ label: 'Henrik Udvalgsmedlem' });
      await expectAccessible();
      await page.getByRole('button', { name: da.userAdmin.create }).click();
      await page.getByText(da.userAdmin.created('henrik@kommune.dk')).waitFor();
      await expect(page.getByLabel(da.userAdmin.name).inputValue()).resolves.toBe(
        'Henrik Udvalgsmedlem',
      );
      await expectAccessible();

      const [mail] = await running.database.db
        .select()
        .from(mailOutbox)
        .orderBy(desc(mailOutbox.id))
        .limit(1);
      const path = /\/invitation\/[A-Za-z0-9_-]+/.exec(mail?.body ?? '')?.[0];
      expect(path).toBeDefined();
      const invited = await (await browser.newContext({ locale: 'da-DK' })).newPage();
      await invited.goto(`${running.baseUrl}${path}`);
      await invited.getByRole('heading', { level: 1, name: da.userAdmin.acceptTitle }).waitFor();
      expect(await seriousAccessibilityViolations(invited)).toEqual([]);
      await invited.getByLabel(da.userAdmin.password).fill(chosenPassword);
      await invited.getByLabel(da.userAdmin.repeat).fill(chosenPassword);
      await invited.getByRole('button', { name: da.userAdmin.accept }).click();
      await invited.getByText(da.userAdmin.accepted).waitFor();
      await invited.getByLabel('E-mail').fill('henrik@kommune.dk');
      await invited.getByLabel('Adgangskode').fill(chosenPassword);
      await invited.getByRole('button', { name: 'Log ind' }).click();
      await invited.waitForURL(`${running.baseUrl}/moeder`);
      await invited.getByText('Henrik Udvalgsmedlem').first().waitFor();
    });
  },
);
