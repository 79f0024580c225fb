import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/app-harness';
import { connectChromium, isBrowserUnavailable, startDemoApp, type RunningApp } from './browser';
import { allViolations, overflow } from './page-checks';

/** Rows of the demo data that the page addresses are built from. */
export type DemoIds = {
  meetingId: string;
  itemId: string;
  paperId: string;
  organizationId: string;
  publicMeetingId: string;
  publicItemId: string;
  publicOrganizationId: string;
};

export type PageType = {
  name: string;
  path: (ids: DemoIds) => string;
  /** Visited without signing in (the portal, the login). */
  anonymous?: boolean;
};

/**
 * Every page type of the application, one entry each. A branch that adds a page adds it here,
 * so the page is checked at every width for overflow and accessibility.
 */
export const everyPageType: readonly PageType[] = [
  { name: 'startside', path: () => '/' },
  { name: 'møder', path: () => '/moeder' },
  { name: 'mødeplan', path: () => '/moeder/moedeplan' },
  { name: 'nyt møde', path: () => '/moeder/ny' },
  { name: 'et møde', path: (ids) => `/moeder/${ids.meetingId}` },
  { name: 'mødet redigeres', path: (ids) => `/moeder/${ids.meetingId}/rediger` },
  { name: 'storskærm', path: (ids) => `/moeder/${ids.meetingId}/storskaerm` },
  { name: 'udskriftsvenlig dagsorden', path: (ids) => `/moeder/${ids.meetingId}/udskrift` },
  { name: 'referat', path: (ids) => `/moeder/${ids.meetingId}/referat` },
  {
    name: 'referat af et punkt',
    path: (ids) => `/moeder/${ids.meetingId}/punkter/${ids.itemId}/referat`,
  },
  { name: 'et punkt', path: (ids) => `/moeder/${ids.meetingId}/punkter/${ids.itemId}` },
  { name: 'mødeafvikling', path: (ids) => `/moeder/${ids.meetingId}/afvikling` },
  { name: 'dagsordenens versioner', path: (ids) => `/moeder/${ids.meetingId}/versioner` },
  {
    name: 'forhåndsvisning af udsendelsen',
    path: (ids) => `/moeder/${ids.meetingId}/udsend/forhaandsvisning`,
  },
  {
    name: 'forhåndsvisning af referatets udsendelse',
    path: (ids) => `/moeder/${ids.meetingId}/udsend-referat/forhaandsvisning`,
  },
  {
    name: 'forhåndsvisning af den offentlige side',
    path: (ids) => `/moeder/${ids.meetingId}/offentliggoerelse/forhaandsvisning?type=agenda`,
  },
  { name: 'live', path: (ids) => `/moeder/${ids.meetingId}/live` },
  { name: 'fremmøde', path: (ids) => `/moeder/${ids.meetingId}/fremmoede` },
  { name: 'mødepakke', path: (ids) => `/moeder/${ids.meetingId}/pakke` },
  { name: 'indsendelser', path: (ids) => `/moeder/${ids.meetingId}/indsendelser` },
  { name: 'offentliggørelse', path: (ids) => `/moeder/${ids.meetingId}/offentliggoerelse` },
  { name: 'mine opfølgninger', path: () => '/opfoelgninger' },
  { name: 'sager', path: () => '/sager' },
  { name: 'en sag', path: (ids) => `/sager/${ids.paperId}` },
  { name: 'sagen redigeres', path: (ids) => `/sager/${ids.paperId}/rediger` },
  { name: 'sagens versioner', path: (ids) => `/sager/${ids.paperId}/versioner` },
  { name: 'søgning med resultater', path: () => '/soeg?q=udvalg' },
  { name: 'årshjul', path: () => '/aarshjul' },
  { name: 'sager på vej', path: () => '/sager-paa-vej' },
  { name: 'kalender', path: () => '/kalender' },
  { name: 'organisationer', path: () => '/organisationer' },
  { name: 'medlemmer', path: (ids) => `/organisationer/${ids.organizationId}/medlemmer` },
  { name: 'personer', path: () => '/admin/personer' },
  { name: 'brugere', path: () => '/admin/brugere' },
  { name: 'møderegler', path: () => '/admin/moederegler' },
  { name: 'godkendelser', path: () => '/godkendelser' },
  {
    name: 'godkendelsestrin',
    path: (ids) => `/admin/godkendelsestrin/${ids.organizationId}`,
  },
  { name: 'import', path: () => '/admin/import' },
  { name: 'persondata', path: () => '/admin/persondata' },
  { name: 'hændelseslog', path: () => '/admin/haendelser' },
  { name: 'mødeskabeloner', path: () => '/skabeloner' },
  { name: 'sagsskabeloner', path: () => '/sager/skabeloner' },
  { name: 'min konto', path: () => '/konto' },
  { name: 'API-tokens', path: () => '/konto/tokens' },
  { name: 'om API', path: () => '/hjaelp/api' },
  { name: 'forsiden for besøgende', path: () => '/', anonymous: true },
  { name: 'portal', path: () => '/offentlig', anonymous: true },
  {
    name: 'portal: organisation',
    path: (ids) => `/offentlig/organisationer/${ids.publicOrganizationId}`,
    anonymous: true,
  },
  {
    name: 'portal: møde',
    path: (ids) => `/offentlig/moeder/${ids.publicMeetingId}`,
    anonymous: true,
  },
  {
    name: 'portal: punkt',
    path: (ids) => `/offentlig/moeder/${ids.publicMeetingId}/punkter/${ids.publicItemId}`,
    anonymous: true,
  },
  { name: 'portal: søgning', path: () => '/offentlig/soeg?q=udvalg', anonymous: true },
  { name: 'log ind', path: () => '/login', anonymous: true },
  { name: 'sagens behandlinger', path: (ids) => `/sager/${ids.paperId}/behandlinger` },
  { name: 'sagen indsendes', path: (ids) => `/sager/${ids.paperId}/indsend` },
  { name: 'sagens forside redigeres', path: (ids) => `/sager/${ids.paperId}/cover` },
  {
    name: 'import af medlemmer',
    path: (ids) => `/organisationer/${ids.organizationId}/medlemmer/import`,
  },
];

export const widths = [390, 768, 1280] as const;

async function demoIds(running: RunningApp): Promise<DemoIds> {
  const first = async (query: ReturnType<typeof sql>): Promise<Record<string, string>> => {
    const result = (await running.database.db.execute(query)) as {
      rows: Array<Record<string, string>>;
    };
    const row = result.rows[0];
    if (!row) throw new Error('the demo data has no such row');
    return row;
  };
  // The meeting with the most items that has minutes: the fullest agenda, minutes and package.
  const meeting = await first(sql`
    SELECT m.id, m.organization_id, (SELECT id FROM agenda_items i WHERE i.meeting_id = m.id
      ORDER BY i.position LIMIT 1) AS item_id
    FROM meetings m
    ORDER BY (m.minutes_released_at IS NOT NULL) DESC,
      (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id) DESC
    LIMIT 1`);
  const paper = await first(sql`SELECT id FROM papers ORDER BY created_at LIMIT 1`);
  const published = await first(sql`
    SELECT m.id, m.organization_id, (SELECT id FROM agenda_items i WHERE i.meeting_id = m.id
      AND i.is_public ORDER BY i.position LIMIT 1) AS item_id
    FROM meeting_publications p JOIN meetings m ON m.id = p.meeting_id
    WHERE p.withdrawn_at IS NULL
    ORDER BY p.kind DESC LIMIT 1`);
  return {
    meetingId: meeting.id!,
    itemId: meeting.item_id!,
    paperId: paper.id!,
    organizationId: meeting.organization_id!,
    publicMeetingId: published.id!,
    publicItemId: published.item_id!,
    publicOrganizationId: published.organization_id!,
  };
}

describe.skipIf(isBrowserUnavailable())('every page type at 390, 768 and 1280 px', () => {
  let running: RunningApp;
  let browser: Browser;
  let user: TestUser;
  let ids: DemoIds;

  beforeAll(async () => {
    running = await startDemoApp();
    const person = (await running.database.db.execute(
      sql`SELECT owner_person_id AS id FROM follow_ups ORDER BY created_at LIMIT 1`,
    )) as { rows: Array<{ id: string }> };
    // An administrator who is also a person with follow-ups sees every page type.
    user = await createTestUser(running.database, 'administrator', {
      personId: person.rows[0]?.id,
    });
    ids = await demoIds(running);
    browser = await connectChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function contextAt(width: number, signedIn: boolean): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width, height: 900 } });
    if (!signedIn) return context;
    const page = await context.newPage();
    await page.goto(`${running.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Adgangskode').fill(user.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.close();
    return context;
  }

  for (const width of widths) {
    it(`has no horizontal overflow and no axe violation at ${width} px`, async () => {
      const problems: string[] = [];
      for (const signedIn of [true, false]) {
        const context = await contextAt(width, signedIn);
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        for (const pageType of everyPageType.filter((type) => !type.anonymous === signedIn)) {
          const path = pageType.path(ids);
          const response = await page.goto(`${running.baseUrl}${path}`);
          if ((response?.status() ?? 500) >= 400)
            problems.push(`${pageType.name} (${path}): HTTP ${response?.status()}`);
          for (const finding of await overflow(page))
            problems.push(`${pageType.name} (${path}) overflows: ${finding}`);
          for (const violation of await allViolations(page))
            problems.push(`${pageType.name} (${path}) axe ${violation}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  it('opens the main menu with the DKFDS menu button at 390 px, and without scripts by a link', async () => {
    const context = await contextAt(390, true);
    const page = await context.newPage();
    await page.goto(`${running.baseUrl}/moeder`);
    const drawer = page.locator('.mobile-drawer');
    await expect(drawer.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(
      drawer.getByRole('link', { name: 'Sager', exact: true }).isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'Luk menu' }).click();
    await expect(drawer.isVisible()).resolves.toBe(false);
    await context.close();

    const signedIn = await contextAt(390, true);
    const storageState = await signedIn.storageState();
    await signedIn.close();
    const withoutScripts = await browser.newContext({
      locale: 'da-DK',
      viewport: { width: 390, height: 900 },
      javaScriptEnabled: false,
      storageState,
    });
    const plain = await withoutScripts.newPage();
    await plain.goto(`${running.baseUrl}/moeder`);
    await plain.getByRole('link', { name: 'Menu' }).click();
    await expect(
      plain.locator('.mobile-drawer').getByRole('link', { name: 'Sager', exact: true }).isVisible(),
    ).resolves.toBe(true);
    await withoutScripts.close();
  }, 60_000);
});
