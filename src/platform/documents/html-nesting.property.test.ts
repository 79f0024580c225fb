import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { limitNesting, scanElements } from './html-nesting';

/** Pieces of tag soup: the elements that close implicitly, void and raw-text ones, SVG, stray text. */
const piece = fc.constantFrom(
  ...[
    'p',
    'div',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'td',
    'th',
    'em',
    'b',
    'a',
  ].flatMap((name) => [`<${name}>`, `</${name}>`, `<${name}/>`]),
  '<br>',
  '</br>',
  '</p>',
  '<hr>',
  '<script>',
  '</script>',
  '<title>',
  '</title>',
  '<svg>',
  '</svg>',
  '<path/>',
  '<DIV class="x">',
  '</ DIV >',
  '<!-- c -->',
  'x',
  '<',
  '&lt;',
);
const soup = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

/** Every element's name and depth as htmlparser2's own parser nests them (elements it invents left out). */
function parserDepths(html: string): string[] {
  const depths: string[] = [];
  let depth = 0;
  const parser = new Parser({
    onopentagname(name) {
      depths.push(`${name}:${depth + 1}`);
      depth += 1;
    },
    onopentag(_name, _attributes, isImplied) {
      if (isImplied) depths.pop();
    },
    onclosetag() {
      depth -= 1;
    },
  });
  parser.end(html);
  return depths;
}

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

describe('html nesting properties', () => {
  it('sees every element at the depth htmlparser2 (and so sanitize-html) gives it', () => {
    fc.assert(
      fc.property(soup, (html) => {
        expect(scannedDepths(html)).toEqual(parserDepths(html));
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves no element past the limit but line breaks, and HTML within it as it was', () => {
    const depthOf = (entry: string) => Number(entry.split(':')[1]);
    fc.assert(
      fc.property(soup, fc.integer({ min: 1, max: 6 }), (html, limit) => {
        const limited = limitNesting(html, limit);
        const tooDeep = scannedDepths(limited).filter((entry) => depthOf(entry) > limit);
        expect(tooDeep.filter((entry) => !/^(br|hr):/.test(entry))).toEqual([]);
        expect(limitNesting(limited, limit)).toBe(limited);
        if (scannedDepths(html).every((entry) => depthOf(entry) <= limit))
          expect(limited).toBe(html);
      }),
      { numRuns: 2_000 },
    );
  });
});
