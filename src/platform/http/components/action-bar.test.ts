import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { ActionBar } from './action-bar';

describe('ActionBar', () => {
  it('wraps its actions in one row that is left out of print', () => {
    const html = render(h(ActionBar, { children: h('a', { href: '/x' }, 'Rediger') }));
    expect(html).toBe('<div class="action-bar no-print"><a href="/x">Rediger</a></div>');
  });

  it('is a named group when it has a label', () => {
    const html = render(h(ActionBar, { label: 'Handlinger', children: 'x' }));
    expect(html).toBe(
      '<div class="action-bar no-print" role="group" aria-label="Handlinger">x</div>',
    );
  });
});
