import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests are required in CI. Elsewhere a missing Chromium skips them, loudly, so a
 * fresh clone's `npm test` still passes; `apt-get install -y chromium` enables them.
 */
export function isBrowserUnavailable(): boolean {
  if (existsSync(chromiumPath)) return false;
  if (process.env.CI)
    throw new Error(`Chromium is missing at ${chromiumPath}; CI requires the browser tests.`);
  process.stderr.write(
    `\n*** Chromium not found at ${chromiumPath}: the end-to-end tests are SKIPPED.\n*** Install it with: apt-get install -y chromium\n\n`,
  );
  return true;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type AxeFinding = {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
};

/** WCAG 2.1 A/AA violations of serious or critical impact on the current page. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
