import { and, eq, isNotNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaItems } from '../src/modules/meetings/db-schema';
import { persons } from '../src/modules/organizations/db-schema';
import { createTestUser, type TestUser } from '../test/app-harness';
import { makePdf } from '../test/file-factories';
import {
  connectChromium,
  followMenuLink,
  isBrowserUnavailable,
  startDemoApp,
  type RunningApp,
  apiAs,
} from './browser';
import { allViolations, overflow } from './page-checks';

/**
 * Issue 19: the week as its four kinds of users live it, each at phone and at desktop width, on
 * one demo app. Every page a journey visits is checked with axe and for overflow. Each test makes
 * its own meetings and memos, titled with its width, so none relies on another's leftovers.
 */
const widths = [390, 1280] as const;
const raadmandskreds = 'Rådmandskredsen for Sociale Forhold og Beskæftigelse';
const day = 86_400_000;

describe.skipIf(isBrowserUnavailable())('the week’s journeys at 390 and 1280 px', () => {
  let running: RunningApp;
  let browser: Browser;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let eva: TestUser;
  let organizationId: string;
  let memoPaperId: string;

  const api = (method: string, path: string, body?: unknown) =>
    apiAs(running, secretary)(method, path, body);

  /** A rådmandsmøde of one hour, made by the secretariat through the API. */
  async function meeting(title: string, start: Date, items: Array<Record<string, unknown>>) {
    const created = await api('POST', '/api/v1/meetings', {
      organizationId,
      title,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    const id = String(created.id);
    for (const item of items) await api('POST', `/api/v1/meetings/${id}/items`, item);
    return id;
  }

  beforeAll(async () => {
    running = await startDemoApp();
    browser = await connectChromium();
    const personId = async (name: string) =>
      (
        await running.database.db
          .select({ id: persons.id })
          .from(persons)
          .where(eq(persons.name, name))
      )[0]!.id;
    // Linked to the persons the demo's own logins are linked to (src/modules/demo/demo-data.yaml).
    secretary = await createTestUser(running.database, 'secretary', {
      personId: await personId('Sofie Brøndt Jørgensen'),
    });
    caseOfficer = await createTestUser(running.database, 'case_officer', {
      personId: await personId('Jan Gehlert'),
    });
    eva = await createTestUser(running.database, 'participant', {
      personId: await personId('Eva Borchorst Mejnertz'),
    });
    const organizations = (await api('GET', '/api/v1/organizations')) as {
      data: Array<{ id: string; name: string }>;
    };
    organizationId = organizations.data.find(
      (organization) => organization.name === raadmandskreds,
    )!.id;
    const [memoItem] = await running.database.db
      .select({ paperId: agendaItems.paperId })
      .from(agendaItems)
      .where(
        and(
          eq(agendaItems.title, 'Orientering om vinterhjælp til økonomisk trængte'),
          isNotNull(agendaItems.paperId),
        ),
      )
      .limit(1);
    memoPaperId = memoItem!.paperId!;
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function openPage(width: number): Promise<Page> {
    const context = await browser.newContext({
      locale: 'da-DK',
      viewport: { width, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  /** What every visited page owes the user at this width: no axe finding, no overflow. */
  async function expectSound(page: Page): Promise<void> {
    // Once a navigation has begun, its page with its scripts (DKFDS lays out the menu).
    await page.waitForLoadState('load');
    const width = page.viewportSize()!.width;
    const findings = [
      ...(await overflow(page)).map((finding) => `overflows: ${finding}`),
      ...(await allViolations(page)).map((violation) => `axe ${violation}`),
    ];
    expect(findings, `${new URL(page.url()).pathname} at ${width} px`).toEqual([]);
  }

  async function signIn(page: Page, user: TestUser): Promise<void> {
    await page.goto(`${running.baseUrl}/login`);
    await expectSound(page);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Adgangskode').fill(user.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // The logo leads home, to the start page, wherever the login landed.
    await page.getByRole('link', { name: 'Dagsorden', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/`);
    await expect(page.getByRole('heading', { level: 1, name: /^Velkommen/ }).count()).resolves.toBe(
      1,
    );
    await expectSound(page);
  }

  /** A main menu entry: at phone width behind DKFDS's menu button, as a user finds it. */
  async function openMenuEntry(page: Page, name: string): Promise<void> {
    const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
    if (!(await menuButton.isVisible())) return followMenuLink(page, name);
    await menuButton.click();
    await page
      .getByRole('navigation', { name: 'Hovedmenu (mobil)' })
      .getByRole('link', { name, exact: true })
      .click();
  }

  /**
   * Waits for the package the worker builds after the release; returns the link that opens it.
   * While a build is waiting or running the page follows it by itself (package-status.js, with
   * its "#package-refresh" link); before the worker has queued it, a user reloads.
   */
  async function builtPackage(page: Page) {
    const open = page.getByRole('link', { name: 'Åbn fuld mødepakke (medlemmer) (PDF)' });
    const followed = page.locator('#package-refresh');
    await expect
      .poll(
        async () => {
          if ((await open.count()) + (await followed.count()) > 0) return true;
          await page.reload();
          return false;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    await open.waitFor({ timeout: 60_000 });
    return open;
  }

  async function expectPdf(page: Page, href: string | null, disposition?: RegExp) {
    const response = await page.request.get(new URL(href!, running.baseUrl).toString());
    expect(response.headers()['content-type']).toBe('application/pdf');
    if (disposition) expect(response.headers()['content-disposition']).toMatch(disposition);
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }

  for (const width of widths) {
    it(`the secretary’s week at ${width} px: from template to released minutes`, async () => {
      const title = `Rådmandsmøde til ${width} px`;
      const page = await openPage(width);
      await signIn(page, secretary);

      await openMenuEntry(page, 'Nyt møde');
      await page.waitForURL(/\/moeder\/ny$/);
      await expectSound(page);
      const template = page.getByLabel('Skabelon', { exact: true });
      const rådmandsmøde = (await template.locator('option').allTextContents()).find((label) =>
        label.startsWith(`${raadmandskreds}: Rådmandsmøde`),
      );
      await template.selectOption({ label: rådmandsmøde! });
      // Choosing fills the form from the template (meeting-form.js presses "Brug skabelon").
      await expect.poll(() => page.getByLabel('Titel').inputValue()).toBe('Rådmandsmøde');
      await expectSound(page);
      await page.getByLabel('Titel').fill(title);
      await page.getByLabel('Dato').fill(width === 390 ? '2099-04-06' : '2099-04-13');
      await page.getByRole('button', { name: 'Opret møde' }).click();
      await page.waitForURL(/\/moeder\/[0-9a-f-]+$/);
      const meetingUrl = page.url();
      // The template's standing items, "Evt." last.
      await expect(
        page.getByRole('link', { name: 'Bordrunde', exact: true }).count(),
      ).resolves.toBe(1);
      await expectSound(page);

      await page.getByRole('link', { name: 'Tilføj punkt' }).click();
      await page.waitForURL(/\/punkter\/ny$/);
      await expectSound(page);
      await page.getByLabel('Titel', { exact: true }).fill('Status på budget');
      await page.getByLabel('Varighed (min.)').fill('15');
      await page.getByRole('button', { name: 'Gem', exact: true }).click();
      await page.waitForURL(/#punkt-/);
      const rows = page.locator('table.agenda-table tbody tr');
      await expect(rows.last().textContent()).resolves.toContain('Evt.');
      await page.getByRole('link', { name: 'Status på budget', exact: true }).click();
      await page.waitForURL(/\/punkter\/[0-9a-f-]+$/);
      await expectSound(page);
      await page.getByLabel('Titel', { exact: true }).fill('Budgetnotat');
      await page.getByLabel('Fil', { exact: true }).setInputFiles({
        name: 'budgetnotat.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await makePdf(['Budgetnotat'])),
      });
      await page.getByRole('button', { name: 'Vedhæft', exact: true }).click();
      const bilag = page.getByRole('link', { name: /Budgetnotat/ }).first();
      await bilag.waitFor();
      await expectSound(page);
      await expectPdf(page, await bilag.getAttribute('href'));

      await page.goto(meetingUrl);
      await page.getByRole('button', { name: 'Udsend dagsorden' }).click();
      await expect.poll(() => page.getByText(/^Version 1, udsendt/).count()).toBe(1);
      await expectSound(page);

      await page.getByRole('link', { name: 'Mødepakke', exact: true }).click();
      await page.waitForURL(/\/pakke$/);
      const packageLink = await builtPackage(page);
      await expectSound(page);
      await expectPdf(page, await packageLink.getAttribute('href'), /^inline/);

      await page.goto(meetingUrl);
      await page.getByRole('link', { name: 'Mødeafvikling', exact: true }).click();
      await page.waitForURL(/\/afvikling/);
      await expectSound(page);
      await page.getByRole('button', { name: 'Start mødet' }).click();
      await page.getByRole('button', { name: 'Afslut mødet' }).waitFor();
      await page.getByRole('link', { name: /^\d+\. Status på budget$/ }).click();
      await page.waitForURL(/punkt=/);
      await page.getByRole('button', { name: 'Start punktet' }).click();
      await page.getByRole('button', { name: 'Start punktet' }).waitFor({ state: 'detached' });
      await expectSound(page);
      await page
        .getByLabel('Referat', { exact: true })
        .fill('Direktøren gav en status på budgettet.');
      // The phrase is saved at once, while the minutes are still being saved on leaving their
      // field: it must carry the revision that save returns, not be refused as a conflict.
      const phraseSaved = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          (response.request().postData() ?? '').includes('decision=Taget'),
      );
      await page.getByRole('button', { name: 'Taget til efterretning.' }).click();
      expect((await phraseSaved).status()).toBe(200);
      // With every save done, the button still submits.
      await page.getByRole('button', { name: 'Gem og gå til næste punkt' }).click();
      await page.getByRole('heading', { name: /^Referat af punkt \d+ Evt\.$/ }).waitFor();
      await expectSound(page);
      await page.getByRole('button', { name: 'Afslut mødet' }).click();
      await page.getByRole('button', { name: 'Afslut mødet' }).waitFor({ state: 'detached' });
      await expectSound(page);

      await page.getByRole('link', { name: 'Referat', exact: true }).first().click();
      await page.waitForURL(/\/referat$/);
      await expect(page.getByText('Taget til efterretning.').count()).resolves.toBeGreaterThan(0);
      await expectSound(page);
      await page.getByRole('button', { name: 'Udsend referat' }).click();
      // The standing items without minutes are listed before the minutes go out.
      await page.getByRole('button', { name: 'Udsend alligevel' }).click();
      await expect.poll(() => page.getByText('Referat udsendt').count()).toBeGreaterThan(0);
      await expectSound(page);
      await page.context().close();
    });

    it(`the case officer at ${width} px: a memo with a cover, submitted to a meeting`, async () => {
      const meetingTitle = `Rådmandsmøde med indsendelser til ${width} px`;
      await meeting(
        meetingTitle,
        new Date(width === 390 ? '2099-05-04T09:00+02:00' : '2099-05-11T09:00+02:00'),
        [],
      );
      const memoTitle = `Status på Sammen om Opgaven (${width} px)`;
      const page = await openPage(width);
      await signIn(page, caseOfficer);

      await page.getByRole('link', { name: 'Opret en sag' }).click();
      await page.waitForURL(/\/sager\/ny$/);
      await expectSound(page);
      await page.getByLabel('Titel').fill(memoTitle);
      await page.getByLabel('Modtager (organisation)').selectOption({ label: raadmandskreds });
      await page.getByLabel('Sagsbehandler').fill('Jan Gehlert');
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.waitForURL(/\/rediger$/);
      await expectSound(page);
      await page
        .getByRole('textbox', { name: 'INDSTILLING' })
        .fill('Det indstilles, at status drøftes.');
      await page
        .getByRole('textbox', { name: 'SAGSFREMSTILLING' })
        .fill(
          'Denne indstilling har til formål at give rådmanden status på Sammen om Opgaven. Direktionen vil højne kvaliteten af materialet til rådmanden. ' +
            'Korte covers skal gøre materialet til rådmanden kortere og klarere. Cheferne drøfter materialet til rådmanden på tværs af afdelingerne.',
        );
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.waitForURL(/\/sager\/[0-9a-f-]+$/);
      const paperUrl = page.url();
      await expect(page.getByText(/LIX \d+/).count()).resolves.toBeGreaterThan(0);
      await expectSound(page);

      await page.getByRole('link', { name: 'Rediger cover' }).click();
      await page.waitForURL(/\/cover$/);
      await expectSound(page);
      await page.getByRole('link', { name: 'Lav udkast ud fra notatet' }).click();
      await expect
        .poll(() => page.getByLabel('Hvorfor sendes sagen? (formål)').inputValue())
        .toMatch(/^Sagen sendes for at give rådmanden status/);
      await expectSound(page);
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.waitForURL(paperUrl);

      await page.getByRole('link', { name: 'Indsend til møde' }).click();
      await page.waitForURL(/\/indsend$/);
      await expectSound(page);
      const meetingSelect = page.getByLabel('Møde', { exact: true });
      const choice = (await meetingSelect.locator('option').allTextContents()).find((label) =>
        label.includes(meetingTitle),
      );
      await meetingSelect.selectOption({ label: choice! });
      await page.getByLabel('Ønsket tid på dagsordenen (min.)').fill('10');
      await page.getByRole('button', { name: 'Indsend til møde' }).click();
      await expect.poll(() => page.getByText('Afventer sekretariatet').count()).toBe(1);
      await expectSound(page);

      await openMenuEntry(page, 'Sager');
      await page.waitForURL(/\/sager$/);
      const listed = page.locator('tr', { hasText: memoTitle });
      await expect(listed.textContent()).resolves.toContain('Indsendt');
      await expectSound(page);
      await page.context().close();
    });

    it(`the member at ${width} px: her next meeting, its memo and package, and minutes to sign`, async () => {
      const upcoming = `Rådmandsmøde for Eva til ${width} px`;
      const held = `Afholdt rådmandsmøde for Eva til ${width} px`;
      // Within the start page's look-ahead, and sooner than the other tests' meetings.
      const soon = Date.now() + (width === 390 ? 20 : 21) * day;
      const upcomingId = await meeting(upcoming, new Date(soon), [
        { title: 'Orientering om vinterhjælp', durationMinutes: 10, paperId: memoPaperId },
      ]);
      await api('POST', `/api/v1/meetings/${upcomingId}/agenda-releases`, {});
      const heldId = await meeting(held, new Date(soon + 7 * day), [
        { title: 'Bordrunde', durationMinutes: 5 },
      ]);
      await api('POST', `/api/v1/meetings/${heldId}/agenda-releases`, {});
      await api('POST', `/api/v1/meetings/${heldId}/start`);
      await api('POST', `/api/v1/meetings/${heldId}/end`);
      await api('POST', `/api/v1/meetings/${heldId}/minutes-release`, { confirmIncomplete: true });

      const page = await openPage(width);
      await signIn(page, eva);
      const nextMeetings = page.locator('section', {
        has: page.getByRole('heading', { name: 'Næste møder' }),
      });
      await nextMeetings.getByRole('link', { name: new RegExp(upcoming) }).click();
      await page.waitForURL(`${running.baseUrl}/moeder/${upcomingId}`);
      await expectSound(page);

      await page.getByRole('link', { name: 'Orientering om vinterhjælp', exact: true }).click();
      await page.waitForURL(/\/punkter\/[0-9a-f-]+$/);
      await expect(
        page
          .getByText(/Denne indstilling har til formål at orientere rådmanden om vinterhjælp/)
          .count(),
      ).resolves.toBeGreaterThan(0);
      await expectSound(page);

      await page.goto(`${running.baseUrl}/moeder/${upcomingId}`);
      await page.getByRole('link', { name: 'Mødepakke', exact: true }).click();
      await page.waitForURL(/\/pakke$/);
      const packageLink = await builtPackage(page);
      await expectSound(page);
      await expectPdf(page, await packageLink.getAttribute('href'), /^inline/);

      await openMenuEntry(page, 'Møder');
      await page.waitForURL(/\/moeder$/);
      await expectSound(page);
      await page.getByRole('link', { name: held, exact: true }).click();
      await page.waitForURL(`${running.baseUrl}/moeder/${heldId}`);
      await expectSound(page);
      await page.getByRole('link', { name: 'Referat', exact: true }).first().click();
      await page.waitForURL(/\/referat$/);
      await expectSound(page);
      await page.getByRole('button', { name: 'Jeg godkender referatet' }).click();
      await expect
        .poll(() => page.locator('.minutes-sign-offs li').allTextContents())
        .toEqual([expect.stringMatching(/^Eva Borchorst Mejnertz, /)]);
      await expectSound(page);
      await page.context().close();
    });

    it(`the citizen at ${width} px: the portal, a meeting, its agenda PDF and a search`, async () => {
      const page = await openPage(width);
      await page.goto(`${running.baseUrl}/`);
      await expect(
        page
          .getByRole('heading', { level: 1, name: 'Offentlige dagsordener og referater' })
          .count(),
      ).resolves.toBe(1);
      await expectSound(page);

      await page.getByRole('link', { name: 'Social- og Beskæftigelsesudvalget' }).click();
      await page.waitForURL(/\/offentlig\/organisationer\//);
      await expectSound(page);
      await page
        .getByRole('link', { name: /^Social- og Beskæftigelsesudvalgsmøde/ })
        .first()
        .click();
      await page.waitForURL(/\/offentlig\/moeder\//);
      await expectSound(page);
      await expectPdf(
        page,
        await page.getByRole('link', { name: 'Dagsorden (PDF)' }).getAttribute('href'),
      );

      await page.getByRole('link', { name: /Klimastrategi og handlingsplan/ }).click();
      await page.waitForURL(/\/punkter\//);
      await expect(
        page.getByRole('heading', { level: 1, name: /Klimastrategi og handlingsplan/ }).count(),
      ).resolves.toBe(1);
      await expectSound(page);

      await page.goto(`${running.baseUrl}/`);
      await page.getByLabel('Søgeord').fill('klima');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/offentlig\/soeg\?q=klima/);
      await expect(page.getByRole('heading', { level: 2, name: /resultat/ }).count()).resolves.toBe(
        1,
      );
      await expect(page.locator('main li a').count()).resolves.toBeGreaterThan(0);
      await expectSound(page);
      await page.context().close();
    });
  }
});
