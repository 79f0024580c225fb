import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * What every browser test asks of a page it visits, apart from its own assertions: no WCAG 2.1
 * A/AA violation of any impact, and nothing wider than the viewport. Here rather than in a spec
 * file, since importing a spec file would run its tests a second time in the importing file.
 */

/**
 * Every WCAG 2.1 A/AA violation on the page, whatever its impact. In axe's legacy mode: one
 * axe.run in the page, where the default also injects axe into a blank page of its own to merge
 * per-frame results, which costs more than the run itself. The pages have no cross-origin
 * frames, the one thing legacy mode leaves out.
 */
export async function allViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** The page's width beyond the viewport, with the widest elements that cause it. */
export async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    if (document.documentElement.scrollWidth <= viewport) return [];
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 1)
      .filter(
        (element) =>
          ![...element.children].some(
            (child) => child.getBoundingClientRect().right > viewport + 1,
          ),
      )
      .slice(0, 5)
      .map((element) => {
        const classes = element.getAttribute('class');
        return `${element.tagName.toLowerCase()}${classes ? `.${classes.split(' ').join('.')}` : ''} → ${Math.round(element.getBoundingClientRect().right)} px`;
      });
    return [`${document.documentElement.scrollWidth} px wide`, ...culprits];
  });
}
