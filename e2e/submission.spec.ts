import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../test/app-harness';
import { makePdf } from '../test/file-factories';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

/**
 * Issue 3's walk: draft → LIX → bilag → cover draft → submit → return → fix → approve → on the
 * agenda, with a case officer and a secretary in two browser sessions.
 */
describe.skipIf(isBrowserUnavailable())(
  'a memo travels from draft to the agenda in Chromium',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let officer: Page;
    let secretary: Page;
    let paperUrl: string;

    beforeAll(async () => {
      running = await startDemoApp();
      browser = await connectChromium();
      officer = await signInPage(
        browser,
        running.baseUrl,
        await createTestUser(running.database, 'case_officer'),
      );
      secretary = await signInPage(
        browser,
        running.baseUrl,
        await createTestUser(running.database, 'secretary'),
      );
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    async function expectAccessible(page: Page) {
      expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
    }

    it('the secretary plans a rådmandsmøde', async () => {
      await secretary.goto(`${running.baseUrl}/moeder/ny`);
      await secretary
        .getByLabel('Organisation')
        .selectOption({ label: 'Rådmandskredsen for Sociale Forhold og Beskæftigelse' });
      await secretary.getByLabel('Titel').fill('Rådmandsmøde');
      await secretary.getByLabel('Dato').fill('2099-01-19');
      await secretary.getByLabel('Starttidspunkt').fill('09:00');
      await secretary.getByLabel('Sluttidspunkt').fill('10:00');
      await secretary.getByRole('button', { name: 'Opret møde' }).click();
      await secretary.waitForURL(/\/moeder\/[0-9a-f-]+$/);
    });

    it('the case officer writes a draft, reads its LIX and drafts the cover', async () => {
      await officer.goto(`${running.baseUrl}/sager/ny`);
      await officer.getByLabel('Titel').fill('Status på Sammen om Opgaven');
      await officer
        .getByLabel('Modtager (organisation)')
        .selectOption({ label: 'Rådmandskredsen for Sociale Forhold og Beskæftigelse' });
      await officer.getByLabel('Sagsbehandler').fill('Anne Stolberg');
      await officer.getByRole('button', { name: 'Gem' }).click();
      await officer.waitForURL(/\/rediger$/);
      await expectAccessible(officer);
      await officer
        .getByRole('textbox', { name: 'INDSTILLING' })
        .fill('Det indstilles, at status drøftes.');
      const story = officer.getByRole('textbox', { name: 'SAGSFREMSTILLING' });
      await story.fill(
        'Denne indstilling har til formål at give rådmanden status på Sammen om Opgaven. Direktionen vil højne kvaliteten af materialet til rådmanden. ' +
          'Korte covers skal gøre materialet til rådmanden kortere og klarere. Cheferne drøfter materialet til rådmanden på tværs af afdelingerne.',
      );
      await story.press('ControlOrMeta+a');
      await officer
        .getByRole('toolbar', { name: 'Formatering: SAGSFREMSTILLING' })
        .getByRole('button', { name: 'Fed' })
        .click();
      await officer.getByRole('button', { name: 'Gem' }).click();
      await officer.waitForURL(/\/sager\/[0-9a-f-]+$/);
      paperUrl = officer.url();
      await expect(officer.getByText(/LIX \d+/).count()).resolves.toBeGreaterThan(0);
      await expect(
        officer.locator('.paper-section strong', { hasText: 'Sammen om Opgaven' }).count(),
      ).resolves.toBe(1);
      await officer.getByLabel('Titel', { exact: true }).fill('Sammen om Opgaven');
      await officer.getByLabel('Fil', { exact: true }).setInputFiles({
        name: 'sammen-om-opgaven.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await makePdf(['Sammen om Opgaven'])),
      });
      await officer.getByRole('button', { name: 'Vedhæft', exact: true }).click();
      await officer.waitForURL(`${paperUrl}#bilag`);
      await expect(
        officer.getByRole('link', { name: 'Sammen om Opgaven', exact: true }).count(),
      ).resolves.toBe(1);
      await expectAccessible(officer);
      await officer.getByRole('link', { name: 'Rediger cover' }).click();
      await officer.getByRole('link', { name: 'Lav udkast ud fra notatet' }).click();
      await expect(
        officer.getByLabel('Hvorfor sendes sagen? (formål)').inputValue(),
      ).resolves.toMatch(/^Sagen sendes for at give rådmanden status/);
      await expect(officer.getByLabel('Hvad bedes der om?').inputValue()).resolves.toBe(
        'droeftelse',
      );
      await officer.getByRole('button', { name: 'Gem' }).click();
      await officer.waitForURL(paperUrl);
    });

    it('the case officer submits it to the meeting', async () => {
      await officer.getByRole('link', { name: 'Indsend til møde' }).click();
      await expectAccessible(officer);
      await officer.getByLabel('Ønsket tid på dagsordenen (min.)').fill('10');
      await officer.getByRole('button', { name: 'Indsend til møde' }).click();
      await expect(officer.getByText('Afventer sekretariatet').count()).resolves.toBe(1);
    });

    it('the secretary returns it with a comment, which the case officer reads and fixes', async () => {
      await secretary.getByRole('link', { name: 'Indsendte sager' }).click();
      await expectAccessible(secretary);
      await secretary
        .getByLabel('Kommentar til sagsbehandleren')
        .fill('Gør hovedbudskabet skarpere.');
      await secretary.getByRole('button', { name: 'Returnér til sagsbehandler' }).click();
      await expect(secretary.getByText('Returneret').count()).resolves.toBe(1);

      await officer.goto(paperUrl);
      await expect(officer.getByText('Returneret').count()).resolves.toBeGreaterThan(0);
      await officer.getByRole('link', { name: 'Indsend til møde' }).click();
      await expect(
        officer.getByText('Kommentar til sagsbehandleren: Gør hovedbudskabet skarpere.').count(),
      ).resolves.toBe(1);
      await officer.goto(`${paperUrl}/cover`);
      await officer
        .getByLabel('Hovedbudskab 1')
        .fill('Direktionen vil højne kvaliteten af materialet til rådmanden.');
      await officer.getByRole('button', { name: 'Gem' }).click();
      await officer.waitForURL(paperUrl);
      await officer.getByRole('link', { name: 'Indsend til møde' }).click();
      await officer.getByRole('button', { name: 'Indsend til møde' }).click();
      await expect(officer.getByText('Afventer sekretariatet').count()).resolves.toBe(1);
    });

    it('the secretary approves it, and it is on the agenda with its time slot', async () => {
      await secretary.reload();
      await secretary.getByRole('button', { name: 'Godkend og sæt på dagsordenen' }).click();
      await expect(secretary.getByText('Godkendt', { exact: true }).count()).resolves.toBe(1);
      await secretary.getByRole('link', { name: /^← Rådmandsmøde/ }).click();
      const row = secretary.locator('table.agenda-table tbody tr', {
        hasText: 'Status på Sammen om Opgaven',
      });
      await expect(row.textContent()).resolves.toContain('09.00 – 09.10 (10 min.)');
      await expect(row.textContent()).resolves.toContain('Drøftelse');
      const bilag = row.getByRole('link', { name: 'Bilag 1: Sammen om Opgaven' });
      const download = await secretary.request.get(
        new URL((await bilag.getAttribute('href'))!, running.baseUrl).toString(),
      );
      expect(download.headers()['content-type']).toBe('application/pdf');
      await expectAccessible(secretary);
    });
  },
);
