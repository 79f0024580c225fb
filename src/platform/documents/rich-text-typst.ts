import {
  parseRichText,
  type RichBlock,
  type RichCell,
  type RichInline,
  type RichRow,
} from './rich-text-tree';
import { typstString, typstText } from './typst';

/**
 * Typst markup for rich-text HTML. Every piece of text goes in as a string literal and every
 * element as a function call, so no character of the input is ever read as markup or code.
 */
export function richTextToTypst(html: string): string {
  return blocksToTypst(parseRichText(html));
}

function blocksToTypst(blocks: RichBlock[]): string {
  // A blank line between blocks is Typst's paragraph break.
  return blocks.map(blockToTypst).join('\n\n');
}

function blockToTypst(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
      return inlinesToTypst(block.children);
    case 'list': {
      const items = block.items.map((item) => `[${blocksToTypst(item)}]`).join(', ');
      return `#${block.isOrdered ? 'enum' : 'list'}(${items});`;
    }
    case 'table': {
      const header =
        block.headerRows.length > 0
          ? [`table.header(${rowsToTypst(block.headerRows, true).join(', ')})`]
          : [];
      const cells = [...header, ...rowsToTypst(block.bodyRows, false)];
      return `#table(columns: ${block.columns}, ${cells.join(', ')});`;
    }
  }
}

function rowsToTypst(rows: RichRow[], isHeaderRow: boolean): string[] {
  return rows.flatMap((row) => row.cells.map((cell) => cellToTypst(cell, isHeaderRow)));
}

function cellToTypst(cell: RichCell, isHeaderRow: boolean): string {
  const content = blocksToTypst(cell.blocks);
  // Header cells are bold wherever they stand; those in the header rows are also tagged as headers.
  const body = cell.isHeader || isHeaderRow ? `#strong[${content}];` : content;
  if (cell.colspan === 1 && cell.rowspan === 1) return `[${body}]`;
  return `table.cell(colspan: ${cell.colspan}, rowspan: ${cell.rowspan})[${body}]`;
}

function inlinesToTypst(inlines: RichInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.type) {
        case 'text':
          return typstText(inline.text);
        case 'break':
          return '#linebreak();';
        case 'strong':
          return `#strong[${inlinesToTypst(inline.children)}];`;
        case 'em':
          return `#emph[${inlinesToTypst(inline.children)}];`;
        case 'link':
          return `#link(${typstString(inline.href)})[${inlinesToTypst(inline.children)}];`;
      }
    })
    .join('');
}
