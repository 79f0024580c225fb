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
  apiAs,
} from './browser';

/**
 * Issue 18: Eva sends afbud for the next rådmandsmøde, the secretariat calls in Sofie as her
 * stedfortræder, and Sofie, no member of the rådmandskreds, sees that meeting and signs off its
 * minutes. Three browser sessions.
 */
describe.skipIf(isBrowserUnavailable())('afbud and a stedfortræder in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  let secretary: Page;
  let eva: Page;
  let sofie: Page;
  let secretaryUser: TestUser;
  let meetingId: string;

  const api = (method: string, path: string, body?: unknown) =>
    apiAs(running, secretaryUser)(method, path, body);

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
  }

  const personId = async (name: string) =>
    (
      await running.database.db
        .select({ id: persons.id })
        .from(persons)
        .where(eq(persons.name, name))
    )[0]!.id;

  beforeAll(async () => {
    running = await startDemoApp();
    browser = await connectChromium();
    secretaryUser = await createTestUser(running.database, 'secretary');
    const evaUser = await createTestUser(running.database, 'participant', {
      personId: await personId('Eva Borchorst Mejnertz'),
    });
    const sofieUser = await createTestUser(running.database, 'participant', {
      personId: await personId('Sofie Brøndt Jørgensen'),
    });
    const organizations = (await api('GET', '/api/v1/organizations')) as {
      data: Array<{ id: string; name: string }>;
    };
    const created = await api('POST', '/api/v1/meetings', {
      organizationId: organizations.data.find(
        (organization) =>
          organization.name === 'Rådmandskredsen for Sociale Forhold og Beskæftigelse',
      )!.id,
      title: 'Næste rådmandsmøde',
      start: '2099-03-02T09:00:00+01:00',
      end: '2099-03-02T10:00:00+01:00',
    });
    meetingId = String(created.id);
    await api('POST', `/api/v1/meetings/${meetingId}/items`, {
      title: 'Orientering fra Magistraten',
      durationMinutes: 10,
    });
    await api('POST', `/api/v1/meetings/${meetingId}/agenda-releases`, {});
    secretary = await signInPage(browser, running.baseUrl, secretaryUser);
    eva = await signInPage(browser, running.baseUrl, evaUser);
    sofie = await signInPage(browser, running.baseUrl, sofieUser);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('Eva sends afbud with a reason from the meeting page', async () => {
    await eva.goto(`${running.baseUrl}/moeder/${meetingId}`);
    await eva.getByRole('link', { name: 'Afbud', exact: true }).click();
    await eva.waitForURL(/\/afbud$/);
    await expectAccessible(eva);
    await eva.getByLabel('Begrundelse (valgfri)').fill('Ferie');
    await eva.getByRole('button', { name: 'Meld afbud' }).click();
    await expect.poll(() => eva.getByText('Du har meldt afbud til mødet.').count()).toBe(1);
  });

  it('Sofie does not see the meeting until the secretariat calls her in for Eva', async () => {
    await sofie.goto(`${running.baseUrl}/moeder/${meetingId}`);
    expect(await sofie.getByRole('heading', { name: 'Næste rådmandsmøde' }).count()).toBe(0);

    await secretary.goto(`${running.baseUrl}/moeder/${meetingId}/fremmoede`);
    await expectAccessible(secretary);
    const evaRow = secretary.locator('fieldset', {
      has: secretary.locator('legend', { hasText: 'Eva Borchorst Mejnertz' }),
    });
    expect(await evaRow.locator('select[name=status]').inputValue()).toBe('sent_regrets');
    expect(await evaRow.locator('input[name=reason]').inputValue()).toBe('Ferie');
    await evaRow
      .locator('select[name=substitute]')
      .selectOption({ label: 'Sofie Brøndt Jørgensen' });
    await secretary.getByRole('button', { name: 'Gem fremmøde' }).click();
    await secretary.waitForURL(/\/referat$/);
    await expect
      .poll(() =>
        secretary.getByText('Sofie Brøndt Jørgensen (for Eva Borchorst Mejnertz)').count(),
      )
      .toBe(1);

    await sofie.goto(`${running.baseUrl}/moeder/${meetingId}`);
    await expect
      .poll(() => sofie.getByRole('heading', { name: 'Næste rådmandsmøde', level: 1 }).count())
      .toBe(1);
  });

  it('Sofie signs off the minutes of the meeting she stood in at', async () => {
    await api('POST', `/api/v1/meetings/${meetingId}/start`);
    await api('POST', `/api/v1/meetings/${meetingId}/end`);
    // The demo meeting's items have no minutes text: released with that confirmed.
    await api('POST', `/api/v1/meetings/${meetingId}/minutes-release`, { confirmIncomplete: true });
    await sofie.goto(`${running.baseUrl}/moeder/${meetingId}/referat`);
    await expectAccessible(sofie);
    expect(await sofie.getByText('Eva Borchorst Mejnertz', { exact: true }).count()).toBe(1);
    await sofie.getByRole('button', { name: 'Jeg godkender referatet' }).click();
    await expect
      .poll(() => sofie.locator('.minutes-sign-offs li').allTextContents())
      .toEqual([expect.stringMatching(/^Sofie Brøndt Jørgensen, /)]);
    // Eva, with afbud, reads the minutes but has nothing to sign.
    await eva.goto(`${running.baseUrl}/moeder/${meetingId}/referat`);
    expect(await eva.getByRole('button', { name: 'Jeg godkender referatet' }).count()).toBe(0);
  });
});
