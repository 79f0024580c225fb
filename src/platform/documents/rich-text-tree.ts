import { DomUtils, parseDocument } from 'htmlparser2';

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

type DomNode = ReturnType<typeof parseDocument>['children'][number];

/** Elements that start a block of their own; any other element is inline (its text joins the paragraph). */
const blockTags = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'li',
  'table',
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

/** Parses rich-text HTML into blocks; unknown tags keep their text, links keep only absolute web and mail addresses. */
export function parseRichText(html: string): RichBlock[] {
  return toBlocks(parseDocument(html).children);
}

function toBlocks(nodes: DomNode[]): RichBlock[] {
  const blocks: RichBlock[] = [];
  let loose: DomNode[] = [];
  // Text and inline elements between blocks form a paragraph of their own, as a browser shows them.
  const flush = () => {
    pushParagraph(blocks, loose);
    loose = [];
  };
  for (const node of nodes) {
    if (DomUtils.isTag(node) && hiddenTags.has(node.name)) continue;
    if (!DomUtils.isTag(node) || !blockTags.has(node.name)) {
      loose.push(node);
      continue;
    }
    switch (node.name) {
      case 'p':
        flush();
        pushParagraph(blocks, node.children);
        break;
      case 'ul':
      case 'ol': {
        flush();
        const items = node.children
          .filter((child) => DomUtils.isTag(child) && child.name === 'li')
          .map((item) => toBlocks(DomUtils.isTag(item) ? item.children : []))
          .filter((item) => item.length > 0);
        if (items.length > 0) blocks.push({ type: 'list', isOrdered: node.name === 'ol', items });
        break;
      }
      case 'table': {
        flush();
        const table = toTable(node.children);
        if (table) blocks.push(table);
        break;
      }
      default:
        // div, headings, li outside a list: their content, unwrapped.
        flush();
        blocks.push(...toBlocks(node.children));
    }
  }
  flush();
  return blocks;
}

function pushParagraph(blocks: RichBlock[], nodes: DomNode[]): void {
  const children = trimInlines(toInlines(nodes));
  if (children.length > 0) blocks.push({ type: 'paragraph', children });
}

function toInlines(nodes: DomNode[]): RichInline[] {
  return nodes.flatMap((node): RichInline[] => {
    if (DomUtils.isText(node))
      return [{ type: 'text', text: node.data.replace(/[ \t\n\r\f]+/g, ' ') }];
    if (!DomUtils.isTag(node) || hiddenTags.has(node.name)) return [];
    const children = toInlines(node.children);
    switch (node.name) {
      case 'br':
        return [{ type: 'break' }];
      case 'strong':
      case 'b':
        return [{ type: 'strong', children }];
      case 'em':
      case 'i':
        return [{ type: 'em', children }];
      case 'a':
        return isAbsoluteHref(node.attribs.href)
          ? [{ type: 'link', href: node.attribs.href.trim(), children }]
          : children;
      default:
        return children;
    }
  });
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

function toTable(nodes: DomNode[]): RichBlock | null {
  const headerRows: RichRow[] = [];
  const bodyRows: RichRow[] = [];
  const collect = (children: DomNode[], isHead: boolean) => {
    for (const child of children) {
      if (!DomUtils.isTag(child)) continue;
      if (child.name === 'thead') collect(child.children, true);
      else if (child.name === 'tbody' || child.name === 'tfoot') collect(child.children, false);
      else if (child.name === 'tr') {
        const row = toRow(child.children);
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

function toRow(nodes: DomNode[]): RichRow {
  const cells: RichCell[] = [];
  for (const node of nodes) {
    if (!DomUtils.isTag(node) || (node.name !== 'td' && node.name !== 'th')) continue;
    cells.push({
      isHeader: node.name === 'th',
      colspan: span(node.attribs.colspan),
      rowspan: span(node.attribs.rowspan),
      blocks: toBlocks(node.children),
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
