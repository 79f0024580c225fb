import { Document, Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import {
  createDocxListCounter,
  docxStyles,
  docxText,
  richTextToDocx,
  type DocxBlock,
} from './rich-text-docx';

/** A Word file of the blocks, read back as HTML (mammoth) and as its raw XML parts. */
async function roundTrip(blocks: DocxBlock[]) {
  const buffer = await Packer.toBuffer(
    new Document({ styles: docxStyles, sections: [{ children: blocks }] }),
  );
  const parts = unzipSync(new Uint8Array(buffer));
  const part = (name: string) => strFromU8(parts[name] ?? new Uint8Array());
  const { value: html } = await mammoth.convertToHtml({ buffer });
  return { html, documentXml: part('word/document.xml'), numberingXml: part('word/numbering.xml') };
}

describe('richTextToDocx', () => {
  it('writes bold and italic runs and hyperlinks', async () => {
    const { html } = await roundTrip(
      richTextToDocx(
        '<p>Det <strong>indstilles</strong>, <em>at <strong>sagen</strong></em> på <a href="https://aarhus.dk/sag?a=1&amp;b=2">aarhus.dk</a> drøftes.</p>',
      ),
    );
    expect(html).toBe(
      '<p>Det <strong>indstilles</strong>, <em>at </em><strong><em>sagen</em></strong> på <a href="https://aarhus.dk/sag?a=1&amp;b=2">aarhus.dk</a> drøftes.</p>',
    );
  });

  it('writes bullet and numbered lists with Word numbering, nested as levels', async () => {
    const { html, documentXml, numberingXml } = await roundTrip(
      richTextToDocx(
        '<ul><li>En<ul><li>Under</li></ul></li><li>To</li></ul>' +
          '<ol><li>Første<ol><li>a-punkt</li></ol></li><li>Anden<br>linje</li></ol>',
      ),
    );
    expect(html).toBe(
      '<ul><li>En<ul><li>Under</li></ul></li><li>To</li></ul>' +
        '<ol><li>Første<ol><li>a-punkt</li></ol></li><li>Anden<br />linje</li></ol>',
    );
    expect(documentXml).toContain('<w:ilvl w:val="1"/>');
    expect(numberingXml).toContain('<w:numFmt w:val="bullet"/>');
    expect(numberingXml).toContain('<w:numFmt w:val="decimal"/>');
    expect(numberingXml).toContain('<w:numFmt w:val="lowerLetter"/>');
  });

  it('starts every numbered list at 1, across calls that share a counter', async () => {
    const lists = createDocxListCounter();
    const { documentXml, numberingXml } = await roundTrip([
      ...richTextToDocx('<ol><li>a</li><li>b</li></ol><p>Mellem</p><ol><li>c</li></ol>', lists),
      ...richTextToDocx('<ol><li>d</li></ol>', lists),
    ]);
    const numIds = [...documentXml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(numIds).toHaveLength(4);
    // a and b share a list; c and d each start their own (a new w:num that restarts at 1).
    expect(numIds[0]).toBe(numIds[1]);
    expect(new Set(numIds).size).toBe(3);
    for (const id of new Set(numIds)) {
      expect(numberingXml).toMatch(
        new RegExp(`<w:num w:numId="${id}">.*?<w:startOverride w:val="1"/>`),
      );
    }
  });

  it('writes tables with header rows, spans and bold header cells', async () => {
    const { html, documentXml } = await roundTrip(
      richTextToDocx(
        '<table><thead><tr><th>År</th><th>Beløb</th><th>Note</th></tr></thead><tbody>' +
          '<tr><td>2023</td><td colspan="2">500.000 kr.</td></tr>' +
          '<tr><td rowspan="2">2024</td><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr>' +
          '</tbody></table>',
      ),
    );
    expect(html).toContain('<table><thead><tr><th><p><strong>År</strong></p></th>');
    expect(html).toContain('<td colspan="2"><p>500.000 kr.</p></td>');
    expect(html).toContain('<td rowspan="2"><p>2024</p></td>');
    expect(html).toContain('<td><p>3</p></td><td><p>4</p></td>');
    expect(documentXml).toContain('<w:tblHeader/>');
  });

  it('fills short rows so cells stay in their columns', async () => {
    const { html } = await roundTrip(
      richTextToDocx('<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>'),
    );
    expect(html).toContain('<tr><td><p>d</p></td><td></td><td></td></tr>');
  });

  it('drops characters XML cannot hold, so the file stays readable', async () => {
    expect(docxText('a\u0000b\u0001c\td\ud800e\uffff')).toBe('abc\tde');
    const { html } = await roundTrip(richTextToDocx('<p>a&#1;b \u0007c</p>'));
    expect(html).toBe('<p>ab c</p>');
  });

  it('keeps text that looks like markup as text', async () => {
    const { html } = await roundTrip(richTextToDocx('<p>&lt;w:p&gt; &amp; ]]&gt; "x"</p>'));
    expect(html).toBe('<p>&lt;w:p&gt; &amp; ]]&gt; "x"</p>');
  });

  it('leaves out links that are not absolute web or mail addresses', async () => {
    const { html } = await roundTrip(
      richTextToDocx(
        '<p><a href="javascript:alert(1)">farlig</a> <a href="/sager/1">intern</a></p>',
      ),
    );
    expect(html).toBe('<p>farlig intern</p>');
  });
});
