import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { EmptyState } from './empty-state';

describe('EmptyState', () => {
  it('says the list is empty and offers what to do next', () => {
    const html = render(
      h(EmptyState, {
        message: 'Der er ingen møder.',
        children: h('a', { href: '/moeder/ny' }, 'Nyt møde'),
      }),
    );
    expect(html).toBe(
      '<div class="empty-state"><p>Der er ingen møder.</p><a href="/moeder/ny">Nyt møde</a></div>',
    );
  });
});
