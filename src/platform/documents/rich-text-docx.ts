import {
  AlignmentType,
  ExternalHyperlink,
  LevelFormat,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IStylesOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import { parseRichText, type RichBlock, type RichInline, type RichRow } from './rich-text-tree';

/** A block of a Word document body. */
export type DocxBlock = Paragraph | Table;

/**
 * Which ordered list comes next in one Word document. Each ordered list is its own numbering
 * instance, so it starts at 1; share one counter across all the rich text of a document.
 */
export type DocxListCounter = { instances: number };

/** Word's house style: IBM Plex Sans (by name: Word substitutes it where missing), Danish proofing, plain headings. */
export const docxStyles: IStylesOptions = {
  default: {
    document: {
      run: { font: 'IBM Plex Sans', size: 21, language: { value: 'da-DK' } },
      paragraph: { spacing: { after: 120, line: 276 } },
    },
    heading1: { run: { font: 'IBM Plex Sans', size: 36, bold: true, color: '000000' } },
    heading2: {
      run: { font: 'IBM Plex Sans', size: 24, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
    },
    heading3: {
      run: { font: 'IBM Plex Sans', size: 21, bold: true, color: '000000' },
      paragraph: { spacing: { before: 160, after: 40 }, keepNext: true },
    },
  },
};

const indentStep = 360;

function levels(
  format: (level: number) => Pick<ILevelsOptions, 'format' | 'text'>,
): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    ...format(level),
    alignment: AlignmentType.START,
    style: {
      paragraph: { indent: { left: indentStep * (level + 1), hanging: indentStep } },
    },
  }));
}

const bulletList: NumberingDefinition = {
  reference: 'rich-text-bullet',
  levels: levels((level) => ({
    format: LevelFormat.BULLET,
    text: level % 2 === 0 ? '\u2022' : '\u2013',
  })),
};

const numberFormats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
const numberedList: NumberingDefinition = {
  reference: 'rich-text-numbered',
  levels: levels((level) => ({
    format: numberFormats[level % numberFormats.length],
    text: `%${level + 1}.`,
  })),
};

/** A new counter for one document's ordered lists. */
export function createDocxListCounter(): DocxListCounter {
  return { instances: 0 };
}

/**
 * Text as Word can store it: XML 1.0 forbids most control characters and lone surrogates, and
 * one of them would make the whole file unreadable.
 */
export function docxText(value: string): string {
  // Control characters other than tab and line breaks, lone surrogates, and U+FFFE/U+FFFF.
  return value.replace(/[^\P{Cc}\t\n\r]|\p{Cs}|[\uFFFE\uFFFF]/gu, '');
}

/** Word paragraphs and tables for rich-text HTML: bold and italic runs, real list numbering, hyperlinks and tables. */
export function richTextToDocx(
  html: string,
  lists: DocxListCounter = createDocxListCounter(),
): DocxBlock[] {
  return blocksToDocx(parseRichText(html), {
    lists,
    level: -1,
    instance: undefined,
    isBold: false,
  });
}

/**
 * Where a block stands: its list level (-1 outside lists), the numbering instance it continues,
 * and whether its text is bold (header cells).
 */
type Context = {
  lists: DocxListCounter;
  level: number;
  instance: number | undefined;
  isBold: boolean;
};

function blocksToDocx(blocks: RichBlock[], context: Context): DocxBlock[] {
  return blocks.flatMap((block) => blockToDocx(block, context));
}

function blockToDocx(block: RichBlock, context: Context): DocxBlock[] {
  switch (block.type) {
    case 'paragraph':
      return [
        new Paragraph({
          children: inlinesToDocx(block.children, context.isBold ? { bold: true } : {}),
          // Later paragraphs of a list item line up with its text.
          ...(context.level >= 0 ? { indent: { left: indentStep * (context.level + 1) } } : {}),
        }),
      ];
    case 'list':
      return listToDocx(block, context);
    case 'table':
      return [tableToDocx(block, context.lists)];
  }
}

function listToDocx(list: Extract<RichBlock, { type: 'list' }>, context: Context): DocxBlock[] {
  const level = Math.min(context.level + 1, 8);
  // A numbered list nested in a numbered list is a level of the same numbering, as Word does it.
  const instance = list.isOrdered ? (context.instance ?? ++context.lists.instances) : undefined;
  const itemContext: Context = { ...context, level, instance };
  return list.items.flatMap((item) => {
    const [first, ...rest] = item;
    if (first?.type !== 'paragraph') return blocksToDocx(item, itemContext);
    const marker = new Paragraph({
      children: inlinesToDocx(first.children, context.isBold ? { bold: true } : {}),
      numbering: list.isOrdered
        ? { reference: numberedList, level, instance }
        : { reference: bulletList, level },
    });
    return [marker, ...blocksToDocx(rest, itemContext)];
  });
}

function tableToDocx(table: Extract<RichBlock, { type: 'table' }>, lists: DocxListCounter): Table {
  const toRow = (row: RichRow, isHeaderRow: boolean) =>
    new TableRow({
      // Header rows repeat on every page the table runs over.
      ...(isHeaderRow ? { tableHeader: true } : {}),
      children: row.cells.map((cell) => {
        const context = {
          lists,
          level: -1,
          instance: undefined,
          isBold: cell.isHeader || isHeaderRow,
        };
        const blocks = blocksToDocx(cell.blocks, context);
        return new TableCell({
          ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
          ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
          // Word requires a paragraph in every cell.
          children: blocks.length > 0 ? blocks : [new Paragraph({})],
        });
      }),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...table.headerRows.map((row) => toRow(row, true)),
      ...table.bodyRows.map((row) => toRow(row, false)),
    ],
  });
}

/** Run formatting; only what is set is written, so runs inherit the rest from their style. */
type Marks = { bold?: true; italics?: true; style?: string };

function inlinesToDocx(inlines: RichInline[], marks: Marks): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    switch (inline.type) {
      case 'text':
        return [new TextRun({ text: docxText(inline.text), ...marks })];
      case 'break':
        return [new TextRun({ break: 1 })];
      case 'strong':
        return inlinesToDocx(inline.children, { ...marks, bold: true });
      case 'em':
        return inlinesToDocx(inline.children, { ...marks, italics: true });
      case 'link':
        return [
          new ExternalHyperlink({
            link: docxText(inline.href),
            children: inlinesToDocx(inline.children, { ...marks, style: 'Hyperlink' }),
          }),
        ];
    }
  });
}
