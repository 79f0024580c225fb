import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { PublicItem, PublicMeeting } from '../publishing/index';
import { escapeXml, writeRss } from './feeds';
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
    const html = render(h(PortalMeetingPage, { ctx, meeting: minutes, permalink: 'x' }));
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
    const html = render(h(PortalItemPage, { ctx, meeting: minutes, item: minutes.items[0]! }));
    expect(html).toContain('<p>Tekst</p>');
    expect(html).not.toContain('<script');
  });
});

describe('portal feeds', () => {
  it('escapes XML', () => {
    expect(escapeXml(`<a href="x">&'\u0001</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
    const rss = writeRss({
      organization: minutes.organization,
      meetings: [{ meeting: minutes, publishedAt: new Date('2023-11-20T10:00:00Z') }],
      baseUrl: 'https://dagsorden.example.dk',
    });
    expect(rss).toContain('<title>Udvalg &amp; Co</title>');
    expect(rss).toContain(
      '<link>https://dagsorden.example.dk/offentlig/moeder/33333333-3333-4333-8333-333333333333</link>',
    );
    expect(rss).toContain('<pubDate>Mon, 20 Nov 2023 10:00:00 GMT</pubDate>');
  });
});
