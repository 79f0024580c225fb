import { Tokenizer } from 'htmlparser2';

/**
 * How HTML nests, read in one pass over its tags without building a tree.
 *
 * htmlparser2's parser keeps its open elements in an array it unshifts and shifts at the front,
 * so every tag costs time in proportion to the depth: 100,000 nested elements take it (and
 * sanitize-html, which runs on it) tens of seconds. This scanner drives the same tokenizer with a
 * stack of its own and the parser's rules for elements that close without an end tag, so it sees
 * the nesting those parsers see, in time proportional to the length of the HTML.
 */

const closesParagraph = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'pre',
  'section',
  'table',
  'ul',
];
const formTags = new Set([
  'input',
  'option',
  'optgroup',
  'select',
  'button',
  'datalist',
  'textarea',
]);
const definitionTags = new Set(['dd', 'dt']);
const rubyTags = new Set(['rt', 'rp']);
const tableSections = new Set(['thead', 'tbody']);

/** Which open element a start tag closes first (htmlparser2's openImpliesClose). */
const impliedCloses = new Map<string, ReadonlySet<string>>([
  ...closesParagraph.map((name) => [name, new Set(['p'])] as const),
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (name) => [name, formTags] as const,
  ),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', definitionTags],
  ['dt', definitionTags],
  ['rt', rubyTags],
  ['rp', rubyTags],
  ['tbody', tableSections],
  ['tfoot', tableSections],
]);

/** Elements without content or end tag. */
export const voidElements: ReadonlySet<string> = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** In SVG and MathML (until an HTML integration point), <x/> has no content. */
const foreignElements = new Set(['math', 'svg']);
const htmlIntegrationElements = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/** Elements whose content the tokenizer reads as text up to their end tag. */
const rawTextElements = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

export type ScannedElement = {
  readonly name: string;
  /** 1 at the top level, 2 inside one element, … */
  readonly depth: number;
  /** Where its start tag begins in the HTML. */
  readonly tagStart: number;
};

/** A piece of the HTML: from `start` to just before `end`. */
export type SourceRange = { start: number; end: number };

type ScanEvents = {
  /** An element opens (void elements too, which close at once); return false to stop reading. */
  open(element: ScannedElement): boolean;
  /** Its start tag ends just before `end`; `isSelfClosing` for <x/>. */
  openEnd?(element: ScannedElement, end: number, isSelfClosing: boolean): void;
  /** An element closes: by its end tag (where that is) or implicitly (null). Not for void elements. */
  close?(element: ScannedElement, endTag: SourceRange | null): void;
};

/** Reads the HTML's elements in document order, nested as htmlparser2 nests them. */
export function scanElements(html: string, events: ScanEvents): void {
  const stack: ScannedElement[] = [];
  const openCounts = new Map<string, number>();
  const foreignContext = [false];
  let opening: ScannedElement | null = null;
  let isStopped = false;

  const pop = (endTag: SourceRange | null) => {
    const element = stack.pop();
    if (!element) return;
    openCounts.set(element.name, (openCounts.get(element.name) ?? 1) - 1);
    events.close?.(element, endTag);
  };
  const noop = () => undefined;

  const tokenizer: Tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        const closes = impliedCloses.get(name);
        while (closes && stack.length > 0 && closes.has(stack[stack.length - 1]!.name)) pop(null);
        const element: ScannedElement = { name, depth: stack.length + 1, tagStart: start - 1 };
        if (!voidElements.has(name)) {
          stack.push(element);
          openCounts.set(name, (openCounts.get(name) ?? 0) + 1);
          if (foreignElements.has(name)) foreignContext.push(true);
          else if (htmlIntegrationElements.has(name)) foreignContext.push(false);
        }
        opening = element;
        if (!events.open(element)) {
          isStopped = true;
          tokenizer.pause();
        }
      },
      onopentagend(end) {
        if (opening) events.openEnd?.(opening, end + 1, false);
        opening = null;
      },
      onselfclosingtag(end) {
        const element = opening;
        opening = null;
        if (!element) return;
        events.openEnd?.(element, end + 1, true);
        // In HTML the slash means nothing: <div/> opens a div.
        if (foreignContext[foreignContext.length - 1] && stack[stack.length - 1] === element)
          pop(null);
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (foreignElements.has(name) || htmlIntegrationElements.has(name)) foreignContext.pop();
        // </br> is read as <br>, and an end tag with no such element open is ignored.
        if (voidElements.has(name) || (openCounts.get(name) ?? 0) === 0) return;
        const tagEnd = html.indexOf('>', end);
        const endTag = {
          start: html.lastIndexOf('<', start),
          end: tagEnd === -1 ? html.length : tagEnd + 1,
        };
        // Elements still open inside it close with it.
        while (stack.length > 0 && stack[stack.length - 1]!.name !== name) pop(null);
        pop(endTag);
      },
      onend() {
        while (stack.length > 0) pop(null);
      },
      onattribdata: noop,
      onattribentity: noop,
      onattribend: noop,
      onattribname: noop,
      oncdata: noop,
      oncomment: noop,
      ondeclaration: noop,
      onprocessinginstruction: noop,
      ontext: noop,
      ontextentity: noop,
    },
  );
  tokenizer.write(html);
  if (!isStopped) tokenizer.end();
}

/**
 * The HTML with every element nested deeper than `maxDepth` unwrapped: its tags are removed and
 * its text stays, in the element at `maxDepth` around it. Script, style and the like go with their
 * content, as the sanitiser would drop them. HTML within the limit comes back unchanged.
 *
 * One cut can change how the rest is read: an <svg> closed by an ancestor's end tag leaves the
 * parser reading <x/> as self-closing for the rest of the document, so cutting that <svg> turns
 * every later <div/> into an open element, and the result could nest deeper than the HTML did.
 * The cut is therefore repeated until nothing more is cut; HTML that still changes after a few
 * rounds (only crafted HTML does) keeps its text and loses all its tags.
 */
export function limitNesting(html: string, maxDepth: number): string {
  let current = html;
  for (let round = 0; round < 4; round += 1) {
    const next = cutDeepElements(current, maxDepth);
    if (next === current) return current;
    current = next;
  }
  return cutDeepElements(current, 0);
}

function cutDeepElements(html: string, maxDepth: number): string {
  const cuts: SourceRange[] = [];
  const rawTextStarts = new Map<ScannedElement, number>();
  scanElements(html, {
    open: () => true,
    openEnd(element, end, isSelfClosing) {
      if (element.depth <= maxDepth || voidElements.has(element.name)) return;
      // A raw-text element's content is cut with it when it closes; <script/> has none.
      if (rawTextElements.has(element.name) && !isSelfClosing)
        rawTextStarts.set(element, element.tagStart);
      else cuts.push({ start: element.tagStart, end });
    },
    close(element, endTag) {
      if (element.depth <= maxDepth) return;
      const rawTextStart = rawTextStarts.get(element);
      if (rawTextStart !== undefined) {
        cuts.push({ start: rawTextStart, end: endTag?.end ?? html.length });
      } else if (endTag) {
        cuts.push(endTag);
      }
    },
  });
  if (cuts.length === 0) return html;
  const parts: string[] = [];
  let at = 0;
  let lastKept = '';
  for (const cut of cuts) {
    const kept = html.slice(at, cut.start);
    parts.push(kept);
    lastKept = kept === '' ? lastKept : kept;
    // A "<" of text must not start a tag with the text after the cut: an empty comment parts them.
    if (lastKept.endsWith('<')) {
      parts.push('<!---->');
      lastKept = '>';
    }
    at = cut.end;
  }
  parts.push(html.slice(at));
  return parts.join('');
}
