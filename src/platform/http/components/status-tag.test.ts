import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { StatusTag, statusTag } from './status-tag';
import { h } from 'preact';

describe('StatusTag', () => {
  it('is a DKFDS badge with the Danish label, coloured by tone', () => {
    expect(render(h(StatusTag, { label: 'Aflyst', tone: 'error' }))).toBe(
      '<span class="badge badge-error">Aflyst</span>',
    );
    expect(render(h(StatusTag, { label: 'Planlagt' }))).toBe('<span class="badge">Planlagt</span>');
  });

  it("takes label and tone from a module's tables by status", () => {
    const labels = { open: 'Åben', done: 'Udført' } as const;
    expect(render(statusTag('done', labels, { done: 'success' }))).toBe(
      '<span class="badge badge-success">Udført</span>',
    );
    expect(render(statusTag('open', labels))).toBe('<span class="badge">Åben</span>');
  });
});
