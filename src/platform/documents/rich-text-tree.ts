import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { limitNesting, scanElements, voidElements } from './html-nesting';

/**
 * Rich-text HTML (the memo sections' allow-list: p, br, strong, em, ul, ol, li, a, tables) as a
 * small tree that the PDF and Word writers share. Parsing happens once, here, with a real HTML
 * parser; the writers never see markup, only text and structure.
 */
export type RichInline =
  | { type: 'text'; text: string }
  | { type: 'break' }
  | { type: 'strong' | 'em'; children: RichInline[] }
  | { type: 'link'; href: string; children: RichInline[] };

export type RichCell = { isHeader: boolean; colspan: number; rowspan: number; blocks: RichBlock[] };
export type RichRow = { cells: RichCell[] };

export type RichBlock =
  | { type: 'paragraph'; children: RichInline[] }
  | { type: 'list'; isOrdered: boolean; items: RichBlock[][] }
  | { type: 'table'; columns: number; headerRows: RichRow[]; bodyRows: RichRow[] };

/**
 * How deep rich text may nest. Saving refuses more (`findExcessNesting`); HTML stored before the
 * limit or imported from elsewhere is folded to it (`parseRichText`), so every memo prints.
 */
export const richTextNesting = {
  /**
   * Lists and tables inside each other. Real memos nest lists 6–8 deep and Word numbers 9
   * levels. Typst refuses a document nested more than 64 show rules deep; a list level takes 2,
   * a table 4, so 10 tables deep with a link, bold and italic inside stays near 50.
   */
  structure: 10,
  /** Bold, italic and links inside each other; a handful is real, the writers merge repeats. */
  formatting: 10,
  /** Elements of any kind inside each other, so that reading the HTML stays cheap. */
  elements: 100,
} as const;

const structureTags = new Set(['ul', 'ol', 'table']);
const formattingTags = new Set(['strong', 'b', 'em', 'i', 'a']);

/** Which limit of `richTextNesting` the HTML passes first, or null. Reads no further than that. */
export function findExcessNesting(html: string): keyof typeof richTextNesting | null {
  let excess: keyof typeof richTextNesting | null = null;
  let structure = 0;
  let formatting = 0;
  scanElements(html, {
    open({ name, depth }) {
      if (voidElements.has(name)) return true;
      if (structureTags.has(name)) structure += 1;
      if (formattingTags.has(name)) formatting += 1;
      if (depth > richTextNesting.elements) excess = 'elements';
      else if (structure > richTextNesting.structure) excess = 'structure';
      else if (formatting > richTextNesting.formatting) excess = 'formatting';
      return excess === null;
    },
    close({ name }) {
      if (structureTags.has(name)) structure -= 1;
      if (formattingTags.has(name)) formatting -= 1;
    },
  });
  return excess;
}

/** Elements that start a block of their own; any other element is inline (its text joins the paragraph). */
const blockTags = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
/** Elements whose content is not text to show (the sanitiser removes them; this is a second line). */
const hiddenTags = new Set(['script', 'style', 'template', 'head', 'title', 'xml', 'noscript']);
/** Colspan and rowspan beyond this are typing errors, not tables. */
const maxSpan = 100;

/**
 * Parses rich-text HTML into blocks; unknown tags keep their text, links keep only absolute web
 * and mail addresses. However deep the HTML nests, the tree does not: elements past
 * `richTextNesting.elements` are unwrapped before parsing, lists and tables past
 * `richTextNesting.structure` are folded into the deepest level, and formatting inside the same
 * formatting adds nothing. So the writers that recurse over the tree stay within a few levels.
 */
export function parseRichText(html: string): RichBlock[] {
  return toBlocks(parseDocument(limitNesting(html, richTextNesting.elements)).children, 0).flat();
}

/** Child nodes still to read, and whether they are the items of a list past the limit. */
type Frame = { nodes: ChildNode[]; index: number; isFoldedList: boolean };

/**
 * The blocks of `nodes`, which stand inside `depth` lists and tables, as list items: usually one,
 * but the items of a list past the limit continue as items at this level (outside a list the
 * caller joins them). Containers that add no structure (div, headings, stray list items, lists
 * and tables past the limit) are entered by a loop over a stack, not by recursion, so they may
 * nest as deep as they like; recursion happens only into a list or table within the limit.
 */
function toBlocks(nodes: ChildNode[], depth: number): RichBlock[][] {
  const items: RichBlock[][] = [[]];
  let current: RichBlock[] = items[0]!;
  let loose: ChildNode[] = [];
  // Text and inline elements between blocks form a paragraph of their own, as a browser shows them.
  const flush = () => {
    pushParagraph(current, loose);
    loose = [];
  };
  const startItem = () => {
    flush();
    if (current.length === 0) return;
    current = [];
    items.push(current);
  };
  const stack: Frame[] = [{ nodes, index: 0, isFoldedList: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame.nodes[frame.index];
    frame.index += 1;
    if (node === undefined) {
      stack.pop();
      // What follows a folded list is an item of its own again.
      if (frame.isFoldedList) startItem();
      continue;
    }
    if (DomUtils.isTag(node) && hiddenTags.has(node.name)) continue;
    if (!DomUtils.isTag(node) || !blockTags.has(node.name)) {
      loose.push(node);
      continue;
    }
    flush();
    const isWithinLimit = depth < richTextNesting.structure;
    switch (node.name) {
      case 'p':
        pushParagraph(current, node.children);
        break;
      case 'ul':
      case 'ol':
        if (isWithinLimit) {
          const list = toList(node, depth + 1);
          if (list) current.push(list);
        } else {
          startItem();
          stack.push({ nodes: node.children, index: 0, isFoldedList: true });
        }
        break;
      case 'li':
        if (frame.isFoldedList) startItem();
        stack.push({ nodes: node.children, index: 0, isFoldedList: false });
        break;
      case 'table':
        if (isWithinLimit) {
          const table = toTable(node.children, depth + 1);
          if (table) current.push(table);
        } else {
          // Past the limit a table's cells are read as paragraphs, row by row.
          stack.push({ nodes: node.children, index: 0, isFoldedList: false });
        }
        break;
      default:
        // div, headings, table parts outside a table: their content, unwrapped.
        stack.push({ nodes: node.children, index: 0, isFoldedList: false });
    }
  }
  flush();
  return items.filter((item) => item.length > 0);
}

/**
 * A list whose items stand `depth` deep. Anything directly in the list but outside an item (a
 * nested list without its own item, as Google Docs writes them) belongs to the item before it,
 * where a browser shows it.
 */
function toList(list: Element, depth: number): RichBlock | null {
  const groups: ChildNode[][] = [];
  for (const child of list.children) {
    const last = groups[groups.length - 1];
    if (DomUtils.isTag(child) && child.name === 'li') groups.push([...child.children]);
    else if (last) last.push(child);
    else groups.push([child]);
  }
  const items = groups.flatMap((group) => toBlocks(group, depth));
  return items.length > 0 ? { type: 'list', isOrdered: list.name === 'ol', items } : null;
}

function pushParagraph(blocks: RichBlock[], nodes: ChildNode[]): void {
  const children = trimInlines(toInlines(nodes, new Set()));
  if (children.length > 0) blocks.push({ type: 'paragraph', children });
}

type Mark = 'strong' | 'em' | 'link';

/**
 * Inline content under the marks already applied. An element that adds no new mark (a span, a
 * block inside a paragraph, <em> inside <em>, a link inside a link) is entered by a loop, so
 * only the three marks themselves recurse: the inline tree is at most three levels deep.
 */
function toInlines(nodes: ChildNode[], marks: ReadonlySet<Mark>): RichInline[] {
  const inlines: RichInline[] = [];
  const stack = [{ nodes, index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame.nodes[frame.index];
    frame.index += 1;
    if (node === undefined) {
      stack.pop();
      continue;
    }
    if (DomUtils.isText(node)) {
      inlines.push({ type: 'text', text: node.data.replace(/[ \t\n\r\f]+/g, ' ') });
      continue;
    }
    if (!DomUtils.isTag(node) || hiddenTags.has(node.name)) continue;
    if (node.name === 'br') {
      inlines.push({ type: 'break' });
      continue;
    }
    const mark = markOf(node);
    if (mark === null || marks.has(mark)) {
      stack.push({ nodes: node.children, index: 0 });
      continue;
    }
    const children = toInlines(node.children, new Set([...marks, mark]));
    inlines.push(
      mark === 'link'
        ? { type: 'link', href: (node.attribs.href ?? '').trim(), children }
        : { type: mark, children },
    );
  }
  return inlines;
}

function markOf(element: Element): Mark | null {
  switch (element.name) {
    case 'strong':
    case 'b':
      return 'strong';
    case 'em':
    case 'i':
      return 'em';
    case 'a':
      return isAbsoluteHref(element.attribs.href) ? 'link' : null;
    default:
      return null;
  }
}

function isAbsoluteHref(href: string | undefined): href is string {
  return href !== undefined && /^(https?:\/\/|mailto:)\S/i.test(href.trim());
}

/**
 * Applies HTML's whitespace rules to a paragraph: no space at its start or end, around a line
 * break, or twice in a row; then drops what is left empty.
 */
function trimInlines(inlines: RichInline[]): RichInline[] {
  const texts: Array<{ type: 'text'; text: string }> = [];
  const trimEnd = () => {
    const last = texts.findLast((text) => text.text !== '');
    if (last) last.text = last.text.replace(/ $/, '');
  };
  const visit = (items: RichInline[], atLineStart: boolean): boolean => {
    let lineStart = atLineStart;
    for (const item of items) {
      if (item.type === 'break') {
        trimEnd();
        lineStart = true;
      } else if (item.type === 'text') {
        if (lineStart) item.text = item.text.replace(/^ /, '');
        if (item.text !== '') lineStart = item.text.endsWith(' ');
        texts.push(item);
      } else {
        lineStart = visit(item.children, lineStart);
      }
    }
    return lineStart;
  };
  visit(inlines, true);
  trimEnd();
  return dropEmpty(inlines);
}

function dropEmpty(inlines: RichInline[]): RichInline[] {
  const kept: RichInline[] = [];
  for (const item of inlines) {
    if (item.type === 'text') {
      if (item.text !== '') kept.push(item);
    } else if (item.type === 'break') {
      kept.push(item);
    } else {
      const children = dropEmpty(item.children);
      if (children.length > 0) kept.push({ ...item, children });
      // A link without text still goes somewhere: show its address.
      else if (item.type === 'link')
        kept.push({ ...item, children: [{ type: 'text', text: item.href }] });
    }
  }
  // Line breaks at the start or end of a paragraph add nothing but empty lines.
  while (kept[0]?.type === 'break') kept.shift();
  while (kept.at(-1)?.type === 'break') kept.pop();
  return kept;
}

/** A table whose cells stand `depth` deep. */
function toTable(nodes: ChildNode[], depth: number): RichBlock | null {
  const headerRows: RichRow[] = [];
  const bodyRows: RichRow[] = [];
  // Row groups nest only in broken markup, and no deeper than the elements limit.
  const collect = (children: ChildNode[], isHead: boolean) => {
    for (const child of children) {
      if (!DomUtils.isTag(child)) continue;
      if (child.name === 'thead') collect(child.children, true);
      else if (child.name === 'tbody' || child.name === 'tfoot') collect(child.children, false);
      else if (child.name === 'tr') {
        const row = toRow(child.children, depth);
        if (row.cells.length > 0) (isHead ? headerRows : bodyRows).push(row);
      }
    }
  };
  collect(nodes, false);
  // A table without <thead> whose first row is all <th> has that row as its header.
  const first = bodyRows[0];
  if (headerRows.length === 0 && first?.cells.every((cell) => cell.isHeader)) {
    headerRows.push(first);
    bodyRows.shift();
  }
  clampRowspans(headerRows);
  clampRowspans(bodyRows);
  const columns = padRows([...headerRows, ...bodyRows]);
  return columns === 0 ? null : { type: 'table', columns, headerRows, bodyRows };
}

function toRow(nodes: ChildNode[], depth: number): RichRow {
  const cells: RichCell[] = [];
  for (const node of nodes) {
    if (!DomUtils.isTag(node) || (node.name !== 'td' && node.name !== 'th')) continue;
    cells.push({
      isHeader: node.name === 'th',
      colspan: span(node.attribs.colspan),
      rowspan: span(node.attribs.rowspan),
      blocks: toBlocks(node.children, depth).flat(),
    });
  }
  return { cells };
}

function span(value: string | undefined): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 1 ? Math.min(parsed, maxSpan) : 1;
}

/** A cell may not reach beyond its table section (header or body); PDF and Word both reject that. */
function clampRowspans(rows: RichRow[]): void {
  rows.forEach((row, index) => {
    for (const cell of row.cells) cell.rowspan = Math.min(cell.rowspan, rows.length - index);
  });
}

/**
 * Fills every row up to the table's width with empty cells and returns the width. A row's width
 * counts its own cells and those reaching down from rows above, as in HTML; with full rows, PDF
 * and Word place each cell where the browser did.
 */
function padRows(rows: RichRow[]): number {
  const used = rows.map(() => 0);
  rows.forEach((row, index) => {
    for (const cell of row.cells) {
      for (let below = index; below < index + cell.rowspan; below += 1) {
        used[below] = (used[below] ?? 0) + cell.colspan;
      }
    }
  });
  const columns = Math.max(0, ...used);
  rows.forEach((row, index) => {
    for (let slot = used[index] ?? 0; slot < columns; slot += 1) {
      row.cells.push({ isHeader: false, colspan: 1, rowspan: 1, blocks: [] });
    }
  });
  return columns;
}
