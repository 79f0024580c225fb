import { isTag } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { limitNesting, scanElements } from './html-nesting';

/** The deepest element of the HTML as htmlparser2 builds its tree (with a stack, no recursion). */
function domDepth(html: string): number {
  let deepest = 0;
  const stack = parseDocument(html).children.map((node) => ({ node, depth: 1 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isTag(node)) continue;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return deepest;
}

/** The depth of every element as the scanner reports it, in document order. */
function scannedDepths(html: string): string[] {
  const depths: string[] = [];
  scanElements(html, {
    open(element) {
      depths.push(`${element.name}:${element.depth}`);
      return true;
    },
  });
  return depths;
}

describe('scanElements', () => {
  it('nests as htmlparser2 does, closing elements the markup leaves open', () => {
    expect(scannedDepths('<ul><li>a<li>b<ul><li>c</ul><li>d</ul><p>e<p>f<div>g</div>')).toEqual([
      'ul:1',
      'li:2',
      'li:2',
      'ul:3',
      'li:4',
      'li:2',
      'p:1',
      'p:1',
      'div:1',
    ]);
    expect(scannedDepths('<table><tr><td>a<td>b<tr><th>c</table><br><em>x</i>y</em>')).toEqual([
      'table:1',
      'tr:2',
      'td:3',
      'td:3',
      'tr:2',
      'th:3',
      'br:1',
      'em:1',
    ]);
  });

  it('reads nothing inside script and style as elements, and <x/> as empty only in SVG', () => {
    expect(
      scannedDepths('<script>"<b>"</script><div/><span>x</span><svg><path/><g></g></svg>'),
    ).toEqual(['script:1', 'div:1', 'span:2', 'svg:2', 'path:3', 'g:3']);
  });

  it('stops where the caller says', () => {
    const seen: number[] = [];
    scanElements('<div>'.repeat(1_000), {
      open(element) {
        seen.push(element.depth);
        return element.depth < 3;
      },
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('limitNesting', () => {
  it('returns HTML within the limit unchanged', () => {
    const html = '<p>a <strong>b</strong></p><ul><li>c<ul><li>d</li></ul></li></ul><!-- x --><br>';
    expect(limitNesting(html, 4)).toBe(html);
  });

  it('unwraps elements past the limit into the deepest one kept, with their text', () => {
    expect(limitNesting('<div><div><div>x</div>y</div>z</div>', 2)).toBe(
      '<div><div>xy</div>z</div>',
    );
    expect(limitNesting('<ul><li>a<ul><li>b<li>c</ul></li><li>d</ul>', 2)).toBe(
      '<ul><li>abc</li><li>d</ul>',
    );
    // Void elements have no depth of their own: a line break stays.
    expect(limitNesting('<p><em>a<br>b</em></p>', 1)).toBe('<p>a<br>b</p>');
  });

  it('drops script and style past the limit with their content', () => {
    expect(limitNesting('<p><em><script>alert(1)</script>x<style>p{}</style></em></p>', 1)).toBe(
      '<p>x</p>',
    );
  });

  it('does not let a "<" of text start a tag with what follows a removed tag', () => {
    const limited = limitNesting('<p>a<<em>script>alert(1)</em></p>', 1);
    expect(limited).toBe('<p>a<<!---->script>alert(1)</p>');
    expect(scannedDepths(limited)).toEqual(['p:1']);
  });

  it('brings 100,000 levels down to the limit, keeping every piece of text', () => {
    const levels = 100_000;
    const html = Array.from({ length: levels }, (_, index) => `<div>${index % 7}`).join('');
    const limited = limitNesting(html, 100);
    expect(domDepth(limited)).toBe(100);
    expect(limited.replace(/<[^>]*>/g, '')).toBe(html.replace(/<[^>]*>/g, ''));
  });

  it('does not let a cut <svg> turn the self-closing tags after it into 100,000 open ones', () => {
    // The <svg> past the limit is closed by </b>, and the parser goes on reading <div/> as empty.
    const html = `${'<b>'.repeat(3)}<svg></b>${'<div/>x'.repeat(100_000)}`;
    expect(domDepth(html)).toBe(4);
    const limited = limitNesting(html, 3);
    expect(domDepth(limited)).toBeLessThanOrEqual(3);
    expect(limitNesting(limited, 3)).toBe(limited);
    expect(limited.replace(/<[^>]*>/g, '')).toBe('x'.repeat(100_000));
  });
});
