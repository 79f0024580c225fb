import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchStart, matchStop } from './repository';
import { snippetHtml, snippetParts } from './snippet';

describe('snippets', () => {
  it('marks the matches and escapes all text', () => {
    const headline = `a <b>&amp; ${matchStart}bevilling${matchStop} "x"`;
    expect(snippetHtml(snippetParts(headline))).toBe(
      'a &lt;b&gt;&amp;amp; <mark>bevilling</mark> &quot;x&quot;',
    );
  });

  it('never lets markup through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const html = snippetHtml(snippetParts(text));
        expect(html.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>"]/);
      }),
    );
  });
});
