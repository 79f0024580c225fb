import { desc } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../test/app-harness';
import { da } from '../src/platform/i18n/da';
import { mailOutbox } from '../src/platform/mail/index';
import { pdfText } from '../test/pdf-tools';
import {
  connectChromium,
  isBrowserUnavailable,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
  followMenuLink,
} from './browser';

const chosenPassword = 'grøn-traktor-på-landevejen';
const committee = 'Social- og Beskæftigelsesudvalget';

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

    it('creates a person and a linked user, puts the person on the committee, and the invited participant sees its meeting and package', async () => {
      await followMenuLink(page, da.layout.persons);
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

      await followMenuLink(page, da.layout.users);
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

      // The person joins Social- og Beskæftigelsesudvalget from its members page.
      await followMenuLink(page, da.layout.organizations);
      await page.getByRole('link', { name: committee }).click();
      await page.getByRole('link', { name: 'Tilføj medlem' }).click();
      await page
        .getByLabel('Person')
        .selectOption({ label: 'Henrik Udvalgsmedlem (henrik@kommune.dk)' });
      await page.getByLabel('Rolle').selectOption('member');
      await page.getByLabel('Fra').fill('2023-01-01');
      await page.getByRole('button', { name: 'Gem' }).click();
      await expect.poll(() => page.textContent('main')).toContain('Medlemskabet er oprettet.');
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
      await invited.waitForURL(`${running.baseUrl}/`);
      await invited.getByText('Henrik Udvalgsmedlem').first().waitFor();
      // Signing in lands on the start page, which lists only coming meetings: the demo's is past.
      await followMenuLink(invited, da.layout.meetings);

      // As a member, the new participant sees the committee's meeting and its package page.
      await invited
        .getByRole('link', { name: /Social- og Beskæftigelsesudvalgsmøde/ })
        .first()
        .click();
      await invited.getByRole('link', { name: 'Mødepakke', exact: true }).click();
      await invited.getByRole('heading', { level: 1, name: /Mødepakke/ }).waitFor();
      expect(await seriousAccessibilityViolations(invited)).toEqual([]);
      // The administrator builds the members' package; the participant downloads it, and it
      // lists the new member under "Deltagere".
      await page.goto(invited.url());
      await page.getByRole('button', { name: 'Byg fuld mødepakke (medlemmer)' }).click();
      await page
        .getByRole('link', { name: 'Åbn fuld mødepakke (medlemmer) (PDF)' })
        .waitFor({ timeout: 60_000 });
      await invited.reload();
      const download = invited.getByRole('link', { name: 'Åbn fuld mødepakke (medlemmer) (PDF)' });
      const response = await invited.request.get(
        new URL((await download.getAttribute('href'))!, running.baseUrl).toString(),
      );
      expect(response.headers()['content-type']).toBe('application/pdf');
      const text = pdfText(await response.body());
      expect(text).toContain('Deltagere');
      expect(text).toContain('Henrik Udvalgsmedlem');
    });
  },
);
