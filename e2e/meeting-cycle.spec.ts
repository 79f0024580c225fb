import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/app-harness';
import { persons } from '../src/modules/organizations/db-schema';
import {
  isBrowserUnavailable,
  connectChromium,
  seriousAccessibilityViolations,
  signInPage,
  startDemoApp,
  type RunningApp,
} from './browser';

/**
 * Issue 4's walk: a rådmandsmøde from release to approved minutes, with a follow-up that turns up
 * on the next meeting's agenda. A secretary and a member (Eva) in two browser sessions.
 */
describe.skipIf(isBrowserUnavailable())(
  'a meeting from release to approved minutes in Chromium',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let secretary: Page;
    let eva: Page;
    let secretaryUser: TestUser;
    let first: string;
    let second: string;
    const itemIds: Record<string, string> = {};

    async function api(method: string, path: string, body?: unknown) {
      const response = await fetch(`${running.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${secretaryUser.token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    }

    async function expectAccessible(page: Page) {
      expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
    }

    beforeAll(async () => {
      running = await startDemoApp();
      browser = await connectChromium();
      secretaryUser = await createTestUser(running.database, 'secretary');
      const [evaPerson] = await running.database.db
        .select({ id: persons.id })
        .from(persons)
        .where(eq(persons.name, 'Eva Borchorst Mejnertz'));
      const evaUser = await createTestUser(running.database, 'participant', {
        personId: evaPerson!.id,
      });
      const organizations = (await api('GET', '/api/v1/organizations')) as {
        data: Array<{ id: string; name: string }>;
      };
      const organizationId = organizations.data.find(
        (organization) =>
          organization.name === 'Rådmandskredsen for Sociale Forhold og Beskæftigelse',
      )!.id;
      const meeting = async (title: string, day: string, items: Array<[string, number]>) => {
        const created = await api('POST', '/api/v1/meetings', {
          organizationId,
          title,
          start: `${day}T09:00:00+01:00`,
          end: `${day}T10:00:00+01:00`,
        });
        for (const [itemTitle, durationMinutes] of items) {
          const item = await api('POST', `/api/v1/meetings/${String(created.id)}/items`, {
            title: itemTitle,
            durationMinutes,
          });
          itemIds[`${title}/${itemTitle}`] = String(item.id);
        }
        return String(created.id);
      };
      first = await meeting('Rådmandsmøde 1', '2099-02-02', [
        ['Dagsorden', 0],
        ['Status på budget', 15],
      ]);
      second = await meeting('Rådmandsmøde 2', '2099-02-09', [
        ['Dagsorden', 0],
        ['Referat', 0],
        ['Opfølgning', 5],
      ]);
      secretary = await signInPage(browser, running.baseUrl, secretaryUser);
      eva = await signInPage(browser, running.baseUrl, evaUser);
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    it('the secretary releases the agenda, and releases it again with a change note', async () => {
      await secretary.goto(`${running.baseUrl}/moeder/${first}`);
      await expectAccessible(secretary);
      await secretary.getByRole('button', { name: 'Udsend dagsorden' }).click();
      await expect.poll(() => secretary.getByText('Version 1, udsendt').count()).toBe(1);
      await secretary.getByLabel('Hvad er ændret?').fill('Budgetpunktet er forlænget.');
      await secretary.getByRole('button', { name: 'Udsend ændret dagsorden' }).click();
      await eva.goto(`${running.baseUrl}/moeder/${first}`);
      await expect.poll(() => eva.getByText('Budgetpunktet er forlænget.').count()).toBe(1);
    });

    it('runs the meeting live; Eva’s live view follows without a reload', async () => {
      await secretary.goto(`${running.baseUrl}/moeder/${first}`);
      await secretary.getByRole('button', { name: 'Start mødet' }).click();
      await secretary.waitForURL(/\/live$/);
      await eva.goto(`${running.baseUrl}/moeder/${first}/live`);
      await expectAccessible(eva);
      await expect.poll(() => eva.locator('.live-row--running').count()).toBe(0);
      await secretary.getByRole('button', { name: 'Start punktet "Status på budget"' }).click();
      // Server-Sent Events: Eva's board shows the running item without her reloading.
      await expect
        .poll(() => eva.locator('.live-row--running').textContent(), { timeout: 5000 })
        .toContain('Status på budget');
      await expectAccessible(secretary);
    });

    it('the secretary writes the decision during the meeting, ends it, and releases the minutes', async () => {
      const budget = itemIds['Rådmandsmøde 1/Status på budget'];
      await secretary.goto(`${running.baseUrl}/moeder/${first}/punkter/${budget}/referat`);
      await expectAccessible(secretary);
      await secretary
        .getByLabel('Referat', { exact: true })
        .fill('Direktøren gav en status på budgettet.');
      await secretary.getByLabel('Beslutning', { exact: true }).fill('Taget til efterretning.');
      await secretary.getByRole('button', { name: 'Gem referat' }).click();
      await secretary.waitForURL(/\/referat#punkt-/);
      await secretary.goto(`${running.baseUrl}/moeder/${first}/live`);
      await secretary.getByRole('button', { name: 'Afslut mødet' }).click();
      await expect
        .poll(() => secretary.getByRole('button', { name: 'Afslut mødet' }).count())
        .toBe(0);
      // Held: the decision is the record (an addendum corrects it); the text is still a draft.
      await secretary.goto(`${running.baseUrl}/moeder/${first}/punkter/${budget}/referat`);
      await expectAccessible(secretary);
      expect(await secretary.getByLabel('Beslutning', { exact: true }).count()).toBe(0);
      expect(await secretary.getByText('Beslutning: Taget til efterretning.').count()).toBe(1);
      expect(await secretary.getByLabel('Tilføjelse til referatet').count()).toBe(1);
      await secretary.getByLabel('Opgave').fill('Udarbejd budgetnotat til magistraten');
      await secretary.getByLabel('Ansvarlig').selectOption({ label: 'Eva Borchorst Mejnertz' });
      await secretary.getByLabel('Frist').fill('2099-02-20');
      await secretary.getByRole('button', { name: 'Opret opfølgning' }).click();
      await expect
        .poll(() => secretary.getByText('Udarbejd budgetnotat til magistraten').count())
        .toBeGreaterThan(0);
      await secretary.goto(`${running.baseUrl}/moeder/${first}/referat`);
      await secretary.getByRole('button', { name: 'Udsend referat' }).click();
      // Items without minutes are listed before the minutes go out.
      await secretary.getByRole('button', { name: 'Udsend alligevel' }).click();
      await expect.poll(() => secretary.getByText('Referat udsendt').count()).toBeGreaterThan(0);
    });

    it('Eva reads the minutes, signs them off and finds her follow-up', async () => {
      await eva.goto(`${running.baseUrl}/moeder/${first}/referat`);
      await expectAccessible(eva);
      expect(
        await eva.getByRole('heading', { name: 'Punkt 2: Status på budget (15 min)' }).count(),
      ).toBe(1);
      await eva.getByRole('button', { name: 'Jeg godkender referatet' }).click();
      await expect
        .poll(() => eva.locator('.minutes-sign-offs li').allTextContents())
        .toEqual([expect.stringMatching(/^Eva Borchorst Mejnertz, \d+\. \w+ \d{4} kl\. /)]);
      await eva.goto(`${running.baseUrl}/opfoelgninger`);
      await expectAccessible(eva);
      expect(await eva.getByText('Udarbejd budgetnotat til magistraten').count()).toBe(1);
    });

    it('the next meeting lists the follow-up and approves the minutes under "Referat"', async () => {
      await secretary.goto(`${running.baseUrl}/moeder/${second}`);
      await expect
        .poll(() => secretary.getByText('Udarbejd budgetnotat til magistraten').count())
        .toBeGreaterThan(0);
      await secretary.getByRole('button', { name: 'Udsend dagsorden' }).click();
      await secretary.getByRole('button', { name: 'Start mødet' }).click();
      await secretary.waitForURL(/\/live$/);
      const referat = itemIds['Rådmandsmøde 2/Referat'];
      await secretary.goto(`${running.baseUrl}/moeder/${second}/punkter/${referat}/referat`);
      // The organisation's approving phrase approves the previous minutes by itself.
      await secretary.getByLabel('Beslutning', { exact: true }).fill('Referatet blev godkendt.');
      await secretary.getByRole('button', { name: 'Gem referat' }).click();
      await secretary.waitForURL(/\/referat#punkt-/);
      await secretary.goto(`${running.baseUrl}/moeder/${first}/referat`);
      expect(
        await secretary
          .getByText('Referatet blev godkendt på mødet Rådmandsmøde 2, 9. februar 2099.')
          .count(),
      ).toBe(1);
      expect(await secretary.getByText('Referat godkendt').count()).toBeGreaterThan(0);
    });
  },
);
