import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../test/app-harness';
import { isEngineUnavailable } from '../test/database';
import { concreteUrl, prepareCallers } from '../test/route-requests';
import type { Role } from './platform/auth/roles';

/**
 * Words: the main pages, as each role and as a visitor, say nothing in jargon, English or raw
 * markup. The visible text (tags, scripts and attribute values removed) is scanned for banned
 * words and for ISO dates, which read as "30. oktober 2023" everywhere.
 */
const banned: ReadonlyArray<readonly [string, RegExp]> = [
  ['TextRank', /TextRank/],
  ['Vis HTML', /Vis HTML/],
  ['a raw tag name', /<\/?(p|h[1-6]|strong|em|ul|ol|li|a href|br|div|span)>/i],
  ['null', /\bnull\b/],
  ['undefined', /\bundefined\b/],
  ['NaN', /\bNaN\b/],
  ['English', /\b(Submit|Error|Cancel|Save|Delete|Loading)\b/],
  // Not inside an address: a portal meeting's readable link starts with its date.
  ['an ISO date', /(?<![/\w-])\d{4}-\d{2}-\d{2}\b/],
];

const staffPages = [
  '/moeder',
  '/moeder/:id',
  '/moeder/:id/referat',
  '/sager',
  '/sager/:id',
  '/sager/:id/rediger',
  '/sager/:id/cover',
  '/sager/:id/versioner',
  '/soeg?q=budget',
  '/opfoelgninger',
  '/aarshjul',
];
const pagesOf: Record<Role, readonly string[]> = {
  administrator: [...staffPages, '/admin/brugere', '/organisationer', '/admin/personer'],
  secretary: staffPages,
  case_officer: ['/moeder', '/moeder/:id', '/sager', '/sager/:id', '/sager/:id/versioner'],
  participant: ['/moeder', '/moeder/:id', '/opfoelgninger', '/soeg?q=budget'],
  reader: ['/moeder', '/moeder/:id', '/soeg?q=budget'],
};
const publicPages = ['/offentlig', '/offentlig/moeder/:id'];

/**
 * What a reader of the page sees: text outside tags, scripts and styles, entities decoded. A
 * text area's content is what the user typed (the editor's markup without JavaScript), not ours.
 */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|textarea)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function findings(page: string, html: string): string[] {
  const text = visibleText(html);
  return banned.flatMap(([name, pattern]) => {
    const match = pattern.exec(text);
    if (!match) return [];
    const around = text.slice(Math.max(0, match.index - 40), match.index + 40);
    return [`${page}: ${name} in "…${around}…"`];
  });
}

describe.skipIf(isEngineUnavailable())('words on the pages', () => {
  let t: TestApp;
  let callers: Awaited<ReturnType<typeof prepareCallers>>;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    callers = await prepareCallers(t.database);
  }, 120_000);
  afterAll(() => t?.close());

  it.each(Object.keys(pagesOf) as Role[])(
    'shows no jargon, English, raw tags or ISO dates to the %s',
    async (role) => {
      const browser = await signIn(t.app, callers.users[role]);
      const found: string[] = [];
      for (const pattern of pagesOf[role]) {
        const url = concreteUrl(pattern, { ...callers.idsOf(role), meeting: callers.ids.meeting! });
        const response = await browser.get(url);
        expect(response.statusCode, url).toBe(200);
        found.push(...findings(pattern, response.body));
      }
      expect(found).toEqual([]);
    },
    120_000,
  );

  it('shows no jargon, English, raw tags or ISO dates to a visitor of the portal', async () => {
    const found: string[] = [];
    for (const pattern of publicPages) {
      const url = concreteUrl(pattern, { meeting: callers.ids.publishedMeeting! });
      const response = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(200);
      found.push(...findings(pattern, response.body));
    }
    expect(found).toEqual([]);
  });
});
