import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { SearchResults } from './service';
import { SearchResultsView } from './views';

const results = (estimated: boolean): SearchResults => ({
  total: 163_760,
  estimated,
  page: 1,
  pageSize: 20,
  hits: [],
  facets: {
    organization: [
      { id: '44444444-4444-4444-8444-444444444444', name: 'Teknisk Udvalg', count: 16_400 },
    ],
    year: [{ year: 2024, count: 1_232 }],
    type: [{ type: 'paper', count: 48_000 }],
  },
});

const page = (estimated: boolean) =>
  render(
    h(SearchResultsView, { path: '/soeg', params: { q: 'kommune' }, results: results(estimated) }),
  );

describe('search results view', () => {
  it('says when total and facet counts are estimated, and never offers pages past the last', () => {
    const html = page(true);
    expect(html).toContain('ca. 163.760 resultater');
    expect(html).toContain('anslået ud fra et udsnit');
    expect(html).toContain('Teknisk Udvalg (ca. 16.400)');
    expect(html).toContain('2024 (ca. 1.232)');
    expect(html).toContain('Side 1 af 500');
  });

  it('shows counted numbers as they are', () => {
    const html = page(false);
    expect(html).toContain('163.760 resultater');
    expect(html).not.toContain('ca.');
    expect(html).toContain('Teknisk Udvalg (16.400)');
  });
});
