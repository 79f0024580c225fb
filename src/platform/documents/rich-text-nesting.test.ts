import { Document, Packer } from 'docx';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-tools';
import { docxStyles, richTextToDocx } from './rich-text-docx';
import {
  findExcessNesting,
  parseRichText,
  richTextNesting,
  type RichBlock,
} from './rich-text-tree';
import { richTextToTypst } from './rich-text-typst';
import { renderPdf, typstPreamble } from './typst';

/**
 * Hostile and merely odd nesting in section HTML (issue 16): every writer produces its document
 * with all the text, whatever the depth, and within the limit nothing is folded.
 */

const preamble = typstPreamble({ title: 'Indlejring', author: null });

const nested = (open: string, close: string, depth: number, inner: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

/** 60 nested lists: 1,140 bytes that saved fine and made the memo's PDF export fail. */
const sixtyLists = nested('<ul><li>', '</li></ul>', 60, 'Bund');

const pdfOf = (html: string) =>
  pdfText(renderPdf(`${preamble}\n${richTextToTypst(html)}`, { standard: 'ua-1' }));

async function wordTextOf(html: string): Promise<string> {
  const buffer = await Packer.toBuffer(
    new Document({ styles: docxStyles, sections: [{ children: richTextToDocx(html) }] }),
  );
  return (await mammoth.extractRawText({ buffer })).value;
}

/** How many lists and tables deep the tree goes, and how many marks deep its inline content. */
function treeDepth(blocks: RichBlock[]): { structure: number; inline: number } {
  let structure = 0;
  let inline = 0;
  const visitInlines = (
    inlines: Extract<RichBlock, { type: 'paragraph' }>['children'],
    depth: number,
  ) => {
    for (const item of inlines) {
      if ('children' in item) {
        inline = Math.max(inline, depth + 1);
        visitInlines(item.children, depth + 1);
      }
    }
  };
  const visit = (list: RichBlock[], depth: number) => {
    structure = Math.max(structure, depth);
    for (const block of list) {
      if (block.type === 'paragraph') visitInlines(block.children, 0);
      else if (block.type === 'list') for (const item of block.items) visit(item, depth + 1);
      else
        for (const row of [...block.headerRows, ...block.bodyRows])
          for (const cell of row.cells) visit(cell.blocks, depth + 1);
    }
  };
  visit(blocks, 0);
  return { structure, inline };
}

describe('deeply nested rich text in the documents', () => {
  const hostile: Record<string, string> = {
    '60 nested lists': sixtyLists,
    '5,000 nested <em>': `<p>${nested('<em>', '</em>', 5_000, 'Bund')}</p>`,
    '100,000 nested <div>': nested('<div>', '</div>', 100_000, 'Bund'),
    '100,000 nested <ul>': nested('<ul>', '</ul>', 100_000, 'Bund'),
    '100,000 nested lists': nested('<ol><li>', '</li></ol>', 100_000, 'Bund'),
    '100,000 nested <em> without end tags': `<p>${'<em>x'.repeat(100_000)}Bund</p>`,
    '2,000 nested tables': nested('<table><tr><th>', '</th></tr></table>', 2_000, 'Bund'),
    '100,000 nested links': nested('<a href="https://aarhus.dk">', '</a>', 100_000, 'Bund'),
  };

  for (const [name, html] of Object.entries(hostile)) {
    it(`prints ${name} as PDF and Word, with the text`, async () => {
      expect(pdfOf(html)).toContain('Bund');
      expect(await wordTextOf(html)).toContain('Bund');
      const depth = treeDepth(parseRichText(html));
      expect(depth.structure).toBeLessThanOrEqual(richTextNesting.structure);
      expect(depth.inline).toBeLessThanOrEqual(3);
    });
  }

  it('continues lists past the limit as items of the deepest list, in order', () => {
    const levels = Array.from({ length: 14 }, (_, index) => index + 1);
    const html =
      levels.map((level) => `<ul><li>Niveau ${level}`).join('') +
      levels
        .toReversed()
        .map((level) => `<p>Efter ${level}</p></li><li>Søster ${level}</li></ul>`)
        .join('');
    const typst = richTextToTypst(html);
    // Ten lists, the tenth with everything below it as its own items.
    expect(typst.match(/#list\(/g)).toHaveLength(10);
    const order = [
      'Niveau 10',
      'Niveau 11',
      'Niveau 12',
      'Niveau 13',
      'Niveau 14',
      'Efter 14',
      'Søster 14',
      'Efter 13',
      'Søster 13',
      'Efter 10',
      'Søster 10',
      'Efter 9',
    ];
    const positions = order.map((text) => typst.indexOf(`"${text}"`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Niveau 11 starts an item of the tenth list rather than a list of its own.
    expect(typst).toContain('#"Niveau 10";], [#"Niveau 11";], [#"Niveau 12";]');
  });

  it('reads tables past the limit cell by cell as paragraphs', () => {
    const html = nested('<table><tr><td>A</td><td>', '</td></tr></table>', 12, 'Bund');
    const typst = richTextToTypst(html);
    expect(typst.match(/#table\(/g)).toHaveLength(10);
    expect(typst.match(/#"A";/g)).toHaveLength(12);
    expect(typst).toContain('#"A";\n\n#"A";\n\n#"Bund";');
  });

  it('merges formatting inside the same formatting, as a browser shows it', () => {
    expect(richTextToTypst('<p><em>a <i>b <em>c</em></i></em></p>')).toBe(
      '#emph[#"a ";#"b ";#"c";];',
    );
    expect(
      richTextToTypst(
        '<p><a href="https://a.dk"><strong>x <a href="https://b.dk"><b>y</b></a></strong></a></p>',
      ),
    ).toBe('#link("https://a.dk")[#strong[#"x ";#"y";];];');
  });

  it('keeps content that stands directly in a list with the item before it', () => {
    expect(richTextToTypst('<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>')).toBe(
      '#list([#"a";\n\n#list([#"b";]);], [#"c";]);',
    );
  });

  it('prints the deepest nesting a section may have exactly, within what Typst takes', async () => {
    const inline = '<a href="https://aarhus.dk"><strong><em>Bund</em></strong></a>';
    const tables = nested(
      '<table><thead><tr><th>',
      '</th></tr></thead></table>',
      richTextNesting.structure,
      inline,
    );
    const lists = nested('<ol><li>', '</li></ol>', richTextNesting.structure, inline);
    const formatting = `<p>${nested('<em>', '</em>', richTextNesting.formatting, 'Kursiv')}</p>`;
    for (const html of [tables, lists, formatting]) {
      expect(findExcessNesting(html)).toBeNull();
      expect(treeDepth(parseRichText(html)).structure).toBe(
        html === formatting ? 0 : richTextNesting.structure,
      );
      const text = pdfOf(html);
      expect(text).toContain(html === formatting ? 'Kursiv' : 'Bund');
    }
    expect(await wordTextOf(tables)).toContain('Bund');
  });
});

describe('findExcessNesting', () => {
  it('accepts what real memos hold: lists 8 deep in a table, formatting, many unclosed items', () => {
    const memo =
      '<table><tr><td>' +
      nested(
        '<ul><li>',
        '</li></ul>',
        8,
        '<strong><em><a href="https://aarhus.dk">x</a></em></strong>',
      ) +
      '</td></tr></table>' +
      `<ul>${'<li>punkt'.repeat(2_000)}</ul>` +
      '<p>afsnit'.repeat(2_000) +
      nested('<div>', '</div>', 30, 'indsat fra en hjemmeside');
    expect(findExcessNesting(memo)).toBeNull();
  });

  it('names the limit passed: lists and tables, formatting, or elements of any kind', () => {
    expect(findExcessNesting(sixtyLists)).toBe('structure');
    expect(
      findExcessNesting(nested('<ul><li><table><tr><td>', '</td></tr></table></li></ul>', 6, 'x')),
    ).toBe('structure');
    expect(findExcessNesting(nested('<em>', '</em>', 5_000, 'x'))).toBe('formatting');
    expect(findExcessNesting(nested('<b><i>', '</i></b>', 6, 'x'))).toBe('formatting');
    expect(findExcessNesting(nested('<div>', '</div>', 100_000, 'x'))).toBe('elements');
    expect(findExcessNesting(nested('<span>', '</span>', 101, 'x'))).toBe('elements');
    expect(findExcessNesting(nested('<span>', '</span>', 100, 'x'))).toBeNull();
  });

  it('counts levels, not elements: siblings and closed lists do not add up', () => {
    const siblings = nested('<ul><li>', '</li></ul>', 10, 'x').repeat(50);
    expect(findExcessNesting(siblings)).toBeNull();
    expect(findExcessNesting(`${'<em>a</em>'.repeat(1_000)}`)).toBeNull();
  });
});
