import ical, { type VEvent } from 'node-ical';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { PublicItem, PublicMeeting } from '../publishing/index';
import { escapeXml, writePublicCalendar, writeRss } from './feeds';
import { PortalItemPage, PortalMeetingPage } from './views';

const ctx = { actor: undefined, csrfToken: '', currentPath: '/offentlig' };

const item = (overrides: Partial<PublicItem>): PublicItem => ({
  id: '11111111-1111-4111-8111-111111111111',
  parentId: null,
  number: '1',
  order: 1,
  isPublic: true,
  title: 'Budget <2027>',
  start: '2023-11-15T18:15:00+01:00',
  end: '2023-11-15T18:45:00+01:00',
  purpose: 'At drøfte budgettet',
  method: null,
  responsible: ['Direktør'],
  decision: 'Godkendt',
  minutes: 'Udvalget drøftede budgettet.',
  paper: {
    id: '22222222-2222-4222-8222-222222222222',
    kindLabel: 'Indstilling',
    title: 'Budget 2027',
    sections: [{ heading: 'Baggrund', html: '<p>Tekst<script>alert(1)</script></p>' }],
  },
  attachments: [],
  ...overrides,
});

const minutes: PublicMeeting = {
  meetingId: '33333333-3333-4333-8333-333333333333',
  kind: 'minutes',
  organization: { id: '44444444-4444-4444-8444-444444444444', name: 'Udvalg & Co' },
  title: 'Udvalgsmøde',
  start: '2023-11-15T18:00:00+01:00',
  end: '2023-11-15T20:00:00+01:00',
  location: 'Rådhuset',
  items: [
    item({}),
    item({
      id: '55555555-5555-4555-8555-555555555555',
      number: '2',
      isPublic: false,
      title: 'Personsag',
      purpose: null,
      responsible: [],
      minutes: null,
      decision: 'Bevilget',
      paper: null,
    }),
  ],
};

describe('portal views', () => {
  it('shows minutes with decisions, closed items by title with a tag and no link', () => {
    const html = render(
      h(PortalMeetingPage, {
        ctx,
        meeting: minutes,
        permalink: 'x',
        slug: 'x',
        documentKinds: ['minutes'],
      }),
    );
    expect(html).toContain('Referat: Udvalgsmøde');
    expect(html).toContain('18.15 – 18.45');
    expect(html).toContain('Udvalget drøftede budgettet.');
    expect(html).toContain('Punkt 2: Personsag');
    expect(html).toContain('Lukket punkt');
    expect(html).toContain('Bevilget');
    expect(html).not.toContain('/punkter/55555555');
    expect(html).toContain('Budget &lt;2027>');
  });

  it('renders the memo sanitised again', () => {
    const html = render(
      h(PortalItemPage, {
        ctx,
        meeting: minutes,
        meetingRef: '2023-11-15-udvalg-co',
        item: minutes.items[0]!,
        canonicalUrl: 'x',
      }),
    );
    expect(html).toContain('<p>Tekst</p>');
    expect(html).not.toContain('<script');
    expect(html).toContain('href="/offentlig/moeder/2023-11-15-udvalg-co"');
  });
});

describe('portal feeds', () => {
  it('escapes XML', () => {
    expect(escapeXml(`<a href="x">&'\u0001</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
    const rss = writeRss({
      organization: minutes.organization,
      meetings: [
        {
          meeting: minutes,
          publishedAt: new Date('2023-11-20T10:00:00Z'),
          ref: '2023-11-15-udvalg-co',
        },
      ],
      baseUrl: 'https://dagsorden.example.dk',
    });
    expect(rss).toContain('<title>Udvalg &amp; Co</title>');
    expect(rss).toContain(
      '<link>https://dagsorden.example.dk/offentlig/moeder/2023-11-15-udvalg-co</link>',
    );
    expect(rss).toContain('<pubDate>Mon, 20 Nov 2023 10:00:00 GMT</pubDate>');
  });

  // Stored or imported before input was guarded: C0 and C1 controls and a bidi override.
  const tainted: PublicMeeting = {
    ...minutes,
    title: 'Udvalgsmøde\u0001\u0008\u001B om \u202Ebudget\u202C\u0085',
    location: 'Rådhuset\u000B',
    items: [item({ title: 'Budget\u0007 \u2066<2027>\u2069\u007F' })],
  };
  const forbidden = /(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

  it('writes well-formed RSS without controls or bidi overrides from stored titles', () => {
    const rss = writeRss({
      organization: { ...minutes.organization, name: 'Udvalg\u0002 & Co\u202D' },
      meetings: [{ meeting: tainted, publishedAt: new Date('2023-11-20T10:00:00Z'), ref: 'x' }],
      baseUrl: 'https://dagsorden.example.dk',
    });
    expect(rss).not.toMatch(forbidden);
    const titles: string[] = [];
    let inTitle = false;
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => (inTitle = tag.name === 'title'));
    parser.on('closetag', () => (inTitle = false));
    parser.on('text', (text) => inTitle && titles.push(text));
    parser.on('error', (error) => {
      throw error;
    });
    parser.write(rss).close();
    expect(titles).toEqual(['Udvalg & Co', 'Referat: Udvalgsmøde om budget (2023-11-15)']);
    expect(rss).toContain('1. Budget &lt;2027&gt;');
  });

  it('writes a public calendar without controls or bidi overrides that node-ical parses', () => {
    const ics = writePublicCalendar(
      [{ meeting: tainted, updatedAt: new Date('2023-11-20T10:00:00Z'), ref: 'x' }],
      'https://dagsorden.example.dk',
    );
    expect(ics).not.toMatch(forbidden);
    const [event] = Object.values(ical.sync.parseICS(ics)).filter(
      (component): component is VEvent => component?.type === 'VEVENT',
    );
    expect(event?.summary).toBe('Udvalg & Co: Udvalgsmøde om budget');
    expect(event?.location).toBe('Rådhuset');
    expect(event?.description).toContain('1. Budget <2027>');
  });
});
