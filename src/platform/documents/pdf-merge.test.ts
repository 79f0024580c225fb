import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFString,
  StandardFonts,
  degrees,
} from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfBomb } from '../../../test/bomb-factories';
import {
  pdfInfo,
  pdfOutline,
  pdfPageText,
  pdfPageWords,
  pdfSource,
  pdfText,
  qpdfCheck,
} from '../../../test/pdf-tools';
import { AppError } from '../errors';
import { countPdfPages, mergePdfParts, preparePdf } from './pdf-merge';
import { renderPdf, typstPreamble, typstText } from './typst';

const metadata = {
  title: 'Økonomiudvalget 12. marts 2024 – dagsorden',
  author: 'Aarhus Kommune',
  subject: 'Mødepakke',
  language: 'da',
};
const footer = (page: number, pages: number) => `side ${page} / ${pages}`;

/** A Typst PDF with one page per text; `page` sets the page up (e.g. landscape). */
function typstPdf(texts: string[], page = ''): Uint8Array {
  const body = texts.map((text) => typstText(text)).join('\n#pagebreak()\n');
  const source = `${typstPreamble({ title: 'Kilde', author: null })}${page}\n${body}`;
  return renderPdf(source, { standard: 'a-2b' });
}

/** A page drawn with pdf-lib: the given size, /Rotate and crop box, and one line of text. */
async function pdfLibPdf(
  pages: Array<{
    size: [number, number];
    rotate?: number;
    cropBox?: [number, number, number, number];
    text: string;
    /** Raw content before the text: a transformation it never undoes (no q … Q around it). */
    prefix?: string;
  }>,
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const spec of pages) {
    const page = document.addPage(spec.size);
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    if (spec.cropBox) page.setCropBox(...spec.cropBox);
    if (spec.prefix) {
      const stream = document.context.stream(spec.prefix);
      page.node.set(PDFName.of('Contents'), document.context.register(stream));
    }
    page.drawText(spec.text, { x: 150, y: 300, font, size: 14 });
  }
  return document.save();
}

describe('mergePdfParts', () => {
  it('takes every page in order, with its part’s header and "side k / N" on each page', async () => {
    const header = 'Punkt 4, Bilag 1: Sammen om Opgaven – æøå § ÆØÅ';
    const result = await mergePdfParts(
      [
        { pdf: typstPdf(['Første side', 'Anden side']), header },
        { pdf: typstPdf(['Tredje side'], '#set page(flipped: true)'), header: 'Punkt 5' },
        { pdf: typstPdf(['Fjerde side', 'Femte side', 'Sjette side']) },
      ],
      { footer, metadata },
    );
    expect(result.pageCount).toBe(6);
    expect(result.partStarts).toEqual([0, 2, 3]);
    expect(pdfInfo(result.pdf).Pages).toBe('6');
    const bodies = ['Første', 'Anden', 'Tredje', 'Fjerde', 'Femte', 'Sjette'];
    const headers = [header, header, 'Punkt 5', null, null, null];
    for (const [index, body] of bodies.entries()) {
      const text = pdfPageText(result.pdf, index + 1);
      expect(text).toContain(`${body} side`);
      expect(text).toMatch(new RegExp(`side ${index + 1} / 6$`));
      const expected = headers[index];
      if (expected) expect(text.startsWith(expected)).toBe(true);
      else expect(text).not.toContain('Punkt');
    }
    expect(qpdfCheck(result.pdf)).toContain('No syntax or stream encoding errors');
  });

  it('sets header and footer upright at the top and bottom of the page as it is shown', async () => {
    const pdf = await pdfLibPdf([
      { size: [842, 595], text: 'Liggende' },
      { size: [595, 842], rotate: 90, text: 'Drejet 90' },
      { size: [595, 842], rotate: 180, text: 'Drejet 180' },
      { size: [595, 842], rotate: -90, cropBox: [40, 60, 500, 700], text: 'Drejet 270' },
      { size: [595, 842], prefix: '0.5 0 0 0.5 100 100 cm\n', text: 'Forskudt' },
    ]);
    const result = await mergePdfParts([{ pdf, header: 'Punkt 7, Bilag 2: Kort' }], {
      footer,
      metadata,
    });
    // The size of each page as shown: width and height swap on a quarter turn.
    const shown: Array<[number, number]> = [
      [842, 595],
      [842, 595],
      [595, 842],
      [700, 500],
      [595, 842],
    ];
    for (const [index, [width, height]] of shown.entries()) {
      const words = pdfPageWords(result.pdf, index + 1);
      const word = (text: string) => {
        const found = words.find((candidate) => candidate.text === text);
        if (!found)
          throw new Error(`"${text}" is not on page ${index + 1}: ${JSON.stringify(words)}`);
        return found;
      };
      const header = word('Punkt');
      const side = word('side');
      // Upright: a word is wider than it is tall, and reads left to right.
      expect(header.xMax - header.xMin).toBeGreaterThan(header.yMax - header.yMin);
      expect(side.xMax - side.xMin).toBeGreaterThan(side.yMax - side.yMin);
      expect(word('Kort').xMin).toBeGreaterThan(header.xMax);
      // At the very top left and the very bottom right, inside the page.
      expect(header.yMin).toBeGreaterThan(0);
      expect(header.yMax).toBeLessThan(30);
      expect(header.xMin).toBeCloseTo(Math.min(71, width / 10), 0);
      expect(side.yMin).toBeGreaterThan(height - 30);
      expect(side.yMax).toBeLessThan(height);
      expect(word(`${index + 1}`).xMin).toBeGreaterThan(side.xMax);
      expect(words.at(-1)?.xMax).toBeCloseTo(width - Math.min(71, width / 10), 0);
      expect(pdfPageText(result.pdf, index + 1)).toContain(`side ${index + 1} / 5`);
    }
  });

  it('shrinks a bilag page into the bands, so that header and footer never cover its content', async () => {
    // Text on every edge of the page: a slide or spreadsheet without margins.
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    const specs: Array<{ size: [number, number]; rotate?: number }> = [
      { size: [595, 842] },
      { size: [720, 405] },
      { size: [595, 842], rotate: 90 },
    ];
    for (const spec of specs) {
      const page = document.addPage(spec.size);
      if (spec.rotate) page.setRotation(degrees(spec.rotate));
      const [width, height] = spec.size;
      page.drawText('Kant', { x: width / 2, y: height - 11, font, size: 14 });
      page.drawText('Kant', { x: width / 2, y: 1, font, size: 14 });
      page.drawText('Kant', { x: 1, y: height / 2, font, size: 14 });
      page.drawText('Kant', { x: width - 32, y: height / 2, font, size: 14 });
      // A link over the top line, which must move with it.
      const link = document.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [width / 2, height - 14, width / 2 + 40, height],
        A: { S: 'URI', URI: PDFString.of('https://example.org') },
      });
      page.node.set(PDFName.of('Annots'), document.context.obj([document.context.register(link)]));
    }
    const result = await mergePdfParts(
      [{ pdf: await document.save(), header: 'Punkt 7, Bilag 1: Dias', shrinkIntoBands: true }],
      { footer, metadata },
    );
    const merged = await PDFDocument.load(result.pdf);
    for (const [index, spec] of specs.entries()) {
      const height = spec.rotate ? spec.size[0] : spec.size[1];
      const words = pdfPageWords(result.pdf, index + 1);
      const header = words.find((word) => word.text === 'Punkt')!;
      const side = words.find((word) => word.text === 'side')!;
      const edges = words.filter((word) => word.text === 'Kant');
      // Still text, all four lines, each clear of the header above and the footer below.
      expect(edges).toHaveLength(4);
      for (const word of edges) {
        expect(word.yMin).toBeGreaterThan(header.yMax + 2);
        expect(word.yMax).toBeLessThan(side.yMin - 2);
        expect(word.yMax).toBeLessThan(height);
      }
      const [annotation] = merged.getPages()[index]!.node.Annots()!.asArray();
      const rect = (merged.context.lookup(annotation) as PDFDict)
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((value) => Number(value.toString()));
      if (!spec.rotate) expect(rect[3]).toBeLessThanOrEqual(height - 28);
    }
    expect(qpdfCheck(result.pdf)).toContain('No syntax or stream encoding errors');
  });

  it('cuts a header too wide for the page short and shows characters the font lacks as �', async () => {
    const pdf = await pdfLibPdf([{ size: [298, 420], text: 'A6' }]);
    const title = 'Punkt 12, Bilag 3: Redegørelse for den kommunale indsats på ældreområdet 2023';
    const result = await mergePdfParts(
      [
        { pdf, header: title },
        { pdf, header: 'Bilag\u00ad med 😀 og 中\tfaner' },
      ],
      { metadata },
    );
    const first = pdfPageText(result.pdf, 1);
    expect(first).toMatch(/^Punkt 12, Bilag 3: .*[^ ]…/);
    expect(first).not.toContain('2023');
    expect(pdfPageText(result.pdf, 2)).toContain('Bilag med � og � faner');
  });

  it('writes the bookmarks as a nested outline pointing at the merged pages', async () => {
    const result = await mergePdfParts(
      [
        { pdf: typstPdf(['Forside']), bookmarks: [{ title: 'Dagsorden', level: 0, page: 0 }] },
        {
          pdf: typstPdf(['Punkt 1', 'Bilag 1.1']),
          bookmarks: [
            { title: 'Punkt 1: Godkendelse af dagsorden – æøå', level: 0, page: 0 },
            { title: 'Bilag 1.1', level: 1, page: 1 },
          ],
        },
        {
          pdf: typstPdf(['Bilag 1.2, side 1', 'Bilag 1.2, side 2']),
          bookmarks: [{ title: 'Bilag 1.2: Sammen om Opgaven', level: 1, page: 0 }],
        },
        { pdf: typstPdf(['Punkt 2']), bookmarks: [{ title: 'Punkt 2', level: 0, page: 0 }] },
      ],
      { footer, metadata },
    );
    expect(pdfOutline(result.pdf)).toEqual([
      { title: 'Dagsorden', page: 1, kids: [] },
      {
        title: 'Punkt 1: Godkendelse af dagsorden – æøå',
        page: 2,
        kids: [
          { title: 'Bilag 1.1', page: 3, kids: [] },
          { title: 'Bilag 1.2: Sammen om Opgaven', page: 4, kids: [] },
        ],
      },
      { title: 'Punkt 2', page: 6, kids: [] },
    ]);
    const { catalog } = await PDFDocument.load(result.pdf);
    expect(catalog.lookup(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
    expect(qpdfCheck(result.pdf)).toContain('No syntax or stream encoding errors');
  });

  it('refuses a bookmark to a page its part does not have', async () => {
    const parts = [
      { pdf: typstPdf(['Eneste side']), bookmarks: [{ title: 'X', level: 0 as const, page: 1 }] },
    ];
    await expect(mergePdfParts(parts, { metadata })).rejects.toThrow(/page 1 of PDF part 0/);
  });

  it('sets title, author, subject, producer, the language and the title bar', async () => {
    const result = await mergePdfParts([{ pdf: typstPdf(['Side']) }], { metadata });
    const info = pdfInfo(result.pdf);
    expect(info.Title).toBe(metadata.title);
    expect(info.Author).toBe('Aarhus Kommune');
    expect(info.Subject).toBe('Mødepakke');
    expect(info.Producer).toBe('Dagsorden');
    expect(info.Creator).toBe('Dagsorden');
    const { catalog } = await PDFDocument.load(result.pdf);
    expect(catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('da');
    const preferences = catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(preferences.lookup(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    expect(catalog.lookup(PDFName.of('Outlines'))).toBeUndefined();
  });

  it('gives the same bytes for the same parts (files are stored by their hash)', async () => {
    const parts = [{ pdf: typstPdf(['Side']), header: 'Punkt 1' }];
    const first = await mergePdfParts(parts, { footer, metadata });
    const second = await mergePdfParts(parts, { footer, metadata });
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
  });

  it('merges a prepared source again and again as if from its bytes (rebuilds reuse it)', async () => {
    // An internal link and an outline: the parts of a source that preparing rewrites.
    const linked = renderPdf(
      `${typstPreamble({ title: 'Med henvisning', author: null })}
#link(<maal>)[Gå til side to]
#pagebreak()
= Målet <maal>
Side to.`,
      { standard: 'ua-1' },
    );
    const raw = [
      { pdf: typstPdf(['Forside']), header: 'Punkt 1' },
      { pdf: linked, header: 'Punkt 2, Bilag 1: Henvisning' },
    ];
    const fromBytes = await mergePdfParts(raw, { footer, metadata });
    const prepared = await Promise.all(raw.map((part) => preparePdf(part.pdf)));
    const reused = raw.map((part, index) => ({ ...part, prepared: prepared[index] }));
    const first = await mergePdfParts(reused, { footer, metadata });
    const second = await mergePdfParts(reused, { footer, metadata });
    expect(Buffer.from(first.pdf).equals(Buffer.from(fromBytes.pdf))).toBe(true);
    expect(Buffer.from(second.pdf).equals(Buffer.from(fromBytes.pdf))).toBe(true);
  });

  it('drops the sources’ metadata, outlines, forms, scripts and files, and keeps their links', async () => {
    // Typst writes XMP metadata, an outline of the headings and a structure tree.
    const typst = renderPdf(
      `${typstPreamble({ title: 'Lukket punkt', author: 'Skjult Forfatter' })}
= Overskrift i kilden
Synlig tekst.
#pagebreak()
Side to.`,
      { standard: 'ua-1' },
    );
    const source = await PDFDocument.load(typst);
    const { context, catalog } = source;
    const [first, second] = source.getPages();
    if (!first || !second) throw new Error('two pages expected');
    const script = (marker: string) =>
      context.obj({ S: 'JavaScript', JS: PDFString.of(`app.alert('${marker}')`) });
    catalog.set(PDFName.of('OpenAction'), script('HEMMELIG-open'));
    await source.attach(Buffer.from('HEMMELIG-vedhaeftning'), 'skjult.txt', {
      mimeType: 'text/plain',
    });
    first.node.set(PDFName.of('AA'), context.obj({ O: script('HEMMELIG-side') }));
    first.node.set(
      PDFName.of('PieceInfo'),
      context.obj({ Illustrator: { Private: PDFString.of('HEMMELIG-pieceinfo') } }),
    );
    const file = context.register(
      context.flateStream('HEMMELIG-annotationsfil', { Type: 'EmbeddedFile' }),
    );
    const link = (rect: number[], entries: Record<string, PDFObject>) => {
      const annotation = context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: rect,
        Border: [0, 0, 0],
      });
      for (const [key, value] of Object.entries(entries)) annotation.set(PDFName.of(key), value);
      return context.register(annotation);
    };
    const annotations = [
      link([50, 50, 100, 70], { A: script('HEMMELIG-link') }),
      link([50, 80, 100, 100], {
        A: context.obj({ S: 'URI', URI: PDFString.of('https://aarhus.dk/') }),
      }),
      link([50, 110, 100, 130], {
        Dest: context.obj([second.ref, 'XYZ', null, null, null]),
        P: first.ref,
      }),
      // A named destination, as Word writes for its table of contents.
      link([50, 170, 100, 190], { A: context.obj({ S: 'GoTo', D: PDFString.of('_Toc2') }) }),
      context.register(
        context.obj({
          Type: 'Annot',
          Subtype: 'FileAttachment',
          Rect: [50, 140, 70, 160],
          FS: { Type: 'Filespec', F: PDFString.of('x.txt'), EF: { F: file } },
        }),
      ),
    ];
    first.node.set(PDFName.of('Annots'), context.obj(annotations));
    const dests = { Names: [PDFString.of('_Toc2'), [second.ref, 'Fit']] };
    catalog.set(PDFName.of('Names'), context.obj({ Dests: dests }));
    const form = source.getForm();
    form.createTextField('navn').addToPage(first, { x: 300, y: 300 });
    form.getTextField('navn').setText('Feltets værdi');
    const dirty = await source.save();
    expect(pdfInfo(dirty).JavaScript).toBe('yes');

    const result = await mergePdfParts([{ pdf: typstPdf(['Forside']) }, { pdf: dirty }], {
      footer,
      metadata,
    });
    const before = pdfSource(dirty);
    const text = pdfSource(result.pdf);
    const secrets = [
      'HEMMELIG-open',
      'HEMMELIG-side',
      'HEMMELIG-link',
      'HEMMELIG-vedhaeftning',
      'HEMMELIG-annotationsfil',
      'HEMMELIG-pieceinfo',
      'xmpmeta',
      'Skjult Forfatter',
    ];
    const keys = [
      '/JavaScript',
      '/JS',
      '/OpenAction',
      '/AA',
      '/EmbeddedFile',
      '/FileAttachment',
      '/AcroForm',
      '/StructTreeRoot',
      '/Metadata',
      '/PieceInfo',
      '/Outlines',
    ].map((key) => new RegExp(`${key}\\b`));
    for (const secret of secrets) {
      expect(before).toContain(secret);
      expect(text).not.toContain(secret);
    }
    for (const key of keys) {
      expect(before).toMatch(key);
      expect(text).not.toMatch(key);
    }
    expect(pdfOutline(dirty)).toEqual([expect.objectContaining({ title: 'Overskrift i kilden' })]);
    expect(pdfOutline(result.pdf)).toEqual([]);
    const info = pdfInfo(result.pdf);
    expect(info.JavaScript).toBe('no');
    expect(info['Metadata Stream']).toBe('no');
    expect(info.Form).toBe('none');
    expect(pdfText(result.pdf)).toContain('Synlig tekst.');

    // The web link stays; the link within the source now points at its page in the package.
    expect(text).toContain('https://aarhus.dk/');
    const merged = await PDFDocument.load(result.pdf);
    const pages = merged.getPages();
    const copied = (pages[1]?.node.Annots()?.asArray() ?? []).map((ref) =>
      merged.context.lookup(ref, PDFDict),
    );
    // The script link stays as an inert box; the form field keeps its appearance.
    const subtypes = copied.map((annotation) => annotation.lookup(PDFName.of('Subtype')));
    expect(subtypes).toEqual(
      ['Link', 'Link', 'Link', 'Link', 'Widget'].map((name) => PDFName.of(name)),
    );
    for (const inner of [copied[2], copied[3]].map((link) => link?.lookup(PDFName.of('Dest')))) {
      expect(inner instanceof PDFArray && inner.get(0)).toBe(pages[2]?.ref);
    }
    expect(qpdfCheck(result.pdf)).toContain('No syntax or stream encoding errors');
  });

  it('keeps the sources’ layers, with hidden layers still hidden', async () => {
    const source = await PDFDocument.create();
    const font = await source.embedFont(StandardFonts.Helvetica);
    const { context } = source;
    const layer = (name: string) =>
      context.register(context.obj({ Type: 'OCG', Name: PDFString.of(name) }));
    const [shown, hidden] = [layer('Vejnet'), layer('Kladde')];
    source.catalog.set(
      PDFName.of('OCProperties'),
      context.obj({ OCGs: [shown, hidden], D: { Order: [shown, hidden], OFF: [hidden] } }),
    );
    const page = source.addPage([595, 842]);
    page.node.setFontDictionary(PDFName.of('F1'), font.ref);
    page.node
      .normalizedEntries()
      .Resources.set(PDFName.of('Properties'), context.obj({ L1: shown, L2: hidden }));
    const text = (y: number, value: string) => `BT /F1 14 Tf 100 ${y} Td (${value}) Tj ET`;
    const content = `/OC /L1 BDC ${text(700, 'Synligt lag')} EMC /OC /L2 BDC ${text(650, 'Skjult lag')} EMC`;
    page.node.set(PDFName.of('Contents'), context.register(context.stream(content)));
    const layered = await source.save();
    // poppler honours layers: what it extracts is what a reader sees.
    expect(pdfText(layered)).toContain('Synligt lag');
    expect(pdfText(layered)).not.toContain('Skjult lag');

    const result = await mergePdfParts([{ pdf: typstPdf(['Forside']) }, { pdf: layered }], {
      metadata,
    });
    expect(pdfText(result.pdf)).toContain('Synligt lag');
    expect(pdfText(result.pdf)).not.toContain('Skjult lag');
    expect(qpdfCheck(result.pdf)).toContain('No syntax or stream encoding errors');
  });

  it('names the part it cannot read', async () => {
    const good = { pdf: typstPdf(['Side']) };
    await expect(
      mergePdfParts([good, good, { pdf: new TextEncoder().encode('ikke en pdf') }], { metadata }),
    ).rejects.toThrow(/^PDF part 2 \(counting from 0\) could not be read: /);
    await expect(mergePdfParts([{ pdf: new Uint8Array() }, good], { metadata })).rejects.toThrow(
      /^PDF part 0 /,
    );
  });

  it('refuses a part whose object streams unpack to more than 64 MB before pdf-lib inflates them', async () => {
    const bomb = await pdfBomb(70 * 1000 * 1000);
    const refusal = await preparePdf(bomb).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(
      mergePdfParts([{ pdf: typstPdf(['Side']) }, { pdf: bomb }], { metadata }),
    ).rejects.toThrow(/^PDF part 1 \(counting from 0\) could not be read: PDF-filen pakker sig ud/);
    await expect(countPdfPages(bomb)).rejects.toThrow(/objektstrømme/);
  });
});

describe('countPdfPages', () => {
  it('counts the pages', async () => {
    expect(await countPdfPages(typstPdf(['1', '2', '3']))).toBe(3);
  });
});
