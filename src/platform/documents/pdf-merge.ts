import {
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFRef,
  PDFStream,
  PDFString,
  ParseSpeeds,
  beginText,
  concatTransformationMatrix,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rotateAndSkewTextDegreesAndTranslate,
  setFillingGrayscaleColor,
  setFontAndSize,
  showText,
} from 'pdf-lib';
import type { PDFContext, PDFFont, PDFObject, PDFOperator } from 'pdf-lib';
import { checkPdfStreams } from './container-limits';
import { plexSansRegular } from './typst';

/**
 * A source PDF loaded and stripped for merging (see preparePdf). Merging only reads it, so one
 * prepared source can serve many merges: a rebuild need not parse unchanged parts again.
 */
export type PreparedPdf = { document: PDFDocument; hasInnerLinks: boolean };

/** Loads a PDF and strips what must not travel (see mergePdfParts), ready to merge. */
export async function preparePdf(pdf: Uint8Array): Promise<PreparedPdf> {
  const document = await loadPdf(pdf);
  return { document, hasInnerLinks: prepareSource(document) };
}

/** One PDF to merge, with the header its pages get and the bookmarks that point into it. */
export type MergePart = {
  /** A whole PDF; all its pages are taken in order. */
  pdf: Uint8Array;
  /** The same PDF already prepared (from a cache); prepared here when absent. */
  prepared?: PreparedPdf;
  /** Drawn at the top of every page of this part, e.g. "Punkt 4, Bilag 1: Sammen om Opgaven". */
  header?: string;
  /**
   * Scales each page's content down (with its links and form fields) into the space between
   * the header and footer bands, so that neither is ever printed over it: for files that may
   * have no top or bottom margin (slides, spreadsheets, scans). Text stays text.
   */
  shrinkIntoBands?: boolean;
  /** Outline entries pointing into this part: page is 0-based within the part; level 1 nests under the previous level-0 entry. */
  bookmarks?: Array<{ title: string; level: 0 | 1; page: number }>;
};

/** The merged PDF, its page count and where each part begins in it. */
export type MergeResult = {
  pdf: Uint8Array;
  pageCount: number;
  /** 0-based index of each part's first page */
  partStarts: number[];
};

/** Header and footer: small and grey, so they read as furniture and not as the document. */
const textSize = 8;
const textGrey = 0.4;
/**
 * Baselines measured from the visible page's top and bottom edges: outside the header and footer
 * of a typical Word or Typst page (1.25 cm and more), yet clear of a printer's unprintable rim.
 */
const headerBaseline = 20;
const footerBaseline = 16;
/** The left and right inset: Typst's 2.5 cm margin, but at most a tenth of a narrow page. */
const sideInset = 71;
/**
 * The bands a shrunk page keeps clear (see MergePart.shrinkIntoBands): the header line with its
 * descenders and a gap below it, and the footer line with its capitals and a gap above it.
 */
const headerBand = headerBaseline + 8;
const footerBand = footerBaseline + 12;
const plexResourceName = PDFName.of('DagsordenPlex');

/**
 * Annotations that carry files, media or scripts: a public package must not smuggle an
 * attachment's embedded files out with it.
 */
const droppedAnnotations = new Set([
  'FileAttachment',
  'Sound',
  'Movie',
  'Screen',
  'RichMedia',
  '3D',
]);
/**
 * Keys removed from every object of a source: XMP metadata (hidden text: authors, history),
 * private application data (Illustrator keeps a whole editable copy there), associated (embedded)
 * files and additional actions (JavaScript triggers).
 */
const strippedKeys = ['Metadata', 'PieceInfo', 'AF', 'AA'].map((key) => PDFName.of(key));

/**
 * Merges PDFs into one package: every page of every part in order, a header per part, a page
 * footer, an outline and the document's metadata.
 *
 * Only pages are taken from the sources, with what they show: content, resources, link and
 * comment annotations, form fields' appearances. Everything else is dropped: the sources' document
 * info, XMP metadata, outlines, structure tree (tags), named destinations (links to them are
 * resolved to pages first), AcroForm (fields keep their look but no longer work), open actions,
 * JavaScript and embedded files, as well as annotations that carry files or media and links that
 * are not web links or jumps within their own part. Layers (optional content) are kept, with
 * the ones each source hides still hidden.
 */
export async function mergePdfParts(
  parts: readonly MergePart[],
  options: {
    /** e.g. (n, total) => `side ${n} / ${total}`; omitted: no footer */
    footer?: (pageNumber: number, pageCount: number) => string;
    metadata: { title: string; author: string; subject?: string; language: string };
  },
): Promise<MergeResult> {
  if (parts.length === 0) throw new Error('There are no PDFs to merge');
  const output = await PDFDocument.create({ updateMetadata: false });
  const partStarts: number[] = [];
  const partPages: PDFPage[][] = [];
  const layers: Layers = { groups: [], hidden: [] };
  for (const [index, part] of parts.entries()) {
    let pages: PDFPage[];
    try {
      const { document: source, hasInnerLinks } = part.prepared ?? (await preparePdf(part.pdf));
      // What copyPages does, with a copier kept for the layers: one copier maps each source
      // object to one copy, so the layers' settings name the groups the pages use.
      const copier = PDFObjectCopier.for(source.context, output.context);
      pages = source.getPages().map((page) => {
        const node = copier.copy(page.node);
        return PDFPage.of(node, output.context.register(node), output);
      });
      for (const page of pages) output.addPage(page);
      if (hasInnerLinks) linkWithinPart(output, pages);
      copyLayers(source, copier, layers);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new Error(`PDF part ${index} (counting from 0) could not be read: ${reason}`, {
        cause,
      });
    }
    partStarts.push(output.getPageCount() - pages.length);
    partPages.push(pages);
  }
  const pageCount = output.getPageCount();
  writeOutline(output, parts, partPages);
  writeLayers(output, layers);

  const font = await embedFont(output, parts, options.footer !== undefined);
  if (font) {
    for (const [index, pages] of partPages.entries()) {
      const header = parts[index]?.header;
      const headerGlyphs = header ? glyphsOf(header, font) : [];
      // Pages of one size and turn show the same header: one stream serves them all.
      const headerStreams = new Map<string, PDFRef>();
      const shrinkStreams = new Map<string, ShrinkStreams>();
      const start = partStarts[index] ?? 0;
      for (const [offset, page] of pages.entries()) {
        const footer = options.footer?.(start + offset + 1, pageCount);
        const footerGlyphs = footer ? glyphsOf(footer, font) : [];
        if (headerGlyphs.length === 0 && footerGlyphs.length === 0) continue;
        const frame = frameOf(page, font);
        // Before the header and footer are added, so that they stay outside the scaled content.
        if (parts[index]?.shrinkIntoBands) {
          page.node.normalize();
          let shrink = shrinkStreams.get(frame.key);
          if (!shrink) {
            shrink = addShrink(output, frame);
            shrinkStreams.set(frame.key, shrink);
          }
          page.node.wrapContentStreams(shrink.before, shrink.after);
          transformAnnotations(page, shrink.matrix);
        }
        if (headerGlyphs.length > 0) {
          let stream = headerStreams.get(frame.key);
          if (!stream) {
            stream = addLine(output, frame, headerGlyphs, 'header', font);
            headerStreams.set(frame.key, stream);
          }
          page.node.addContentStream(stream);
        }
        if (footerGlyphs.length > 0)
          page.node.addContentStream(addLine(output, frame, footerGlyphs, 'footer', font));
      }
    }
  }

  const { title, author, subject, language } = options.metadata;
  output.setTitle(title, { showInWindowTitleBar: true });
  output.setAuthor(author);
  if (subject) output.setSubject(subject);
  output.setProducer('Dagsorden');
  output.setCreator('Dagsorden');
  output.setLanguage(language);

  // objectsPerTick: pdf-lib yields to the event loop every 50 objects by default, with a
  // setTimeout each time, which more than doubles the time of a large package.
  const pdf = await output.save({ useObjectStreams: true, objectsPerTick: Infinity });
  return { pdf, pageCount, partStarts };
}

/** Pages of a PDF without copying it (for planning a table of contents). */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  return (await loadPdf(pdf)).getPageCount();
}

/**
 * A PDF as pdf-lib reads it, untouched: by default it would stamp its own producer and dates on
 * it, and pause every 100 objects, which only slows a merge down. Its object streams are checked
 * first (container-limits), since pdf-lib inflates them in full.
 */
async function loadPdf(pdf: Uint8Array): Promise<PDFDocument> {
  checkPdfStreams(pdf);
  return PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** A character as drawn: its glyph in the embedded font (hex, as a text operator shows it) and width. */
type Glyph = { char: string; hex: string; width: number };
/** IBM Plex Sans in the output, with each character's glyph looked up once. */
type PlexFont = { font: PDFFont; coverage: ReadonlySet<number>; glyphs: Map<string, Glyph> };

/** IBM Plex Sans, embedded once and subset to the characters drawn; none when nothing is drawn. */
async function embedFont(
  output: PDFDocument,
  parts: readonly MergePart[],
  hasFooter: boolean,
): Promise<PlexFont | undefined> {
  if (!hasFooter && !parts.some((part) => part.header)) return undefined;
  const { ttf, coverage } = plexSansRegular();
  // fontkit is big and only needed here: loaded on first use, not at start-up.
  output.registerFontkit((await import('@pdf-lib/fontkit')).default);
  // A subset's name carries a six-letter tag; pdf-lib would add a number instead.
  const font = await output.embedFont(ttf, { subset: true, customName: 'DAGSDN+IBMPlexSans' });
  return { font, coverage, glyphs: new Map() };
}

/**
 * The glyphs of one line of text. pdf-lib's drawText shapes every string with fontkit, which
 * took most of the merge time (0.15 ms a line); a header or footer needs no shaping, only one
 * glyph per character. A character the font lacks would be drawn as an empty box and extracted
 * as nothing, so it becomes U+FFFD (visibly lost); control and format characters go.
 */
function glyphsOf(text: string, plex: PlexFont): Glyph[] {
  const glyphs: Glyph[] = [];
  for (const char of text.trim().replace(/\s+/gu, ' ')) {
    if (/[\p{Cc}\p{Cf}]/u.test(char)) continue;
    glyphs.push(glyphOf(plex.coverage.has(char.codePointAt(0) ?? 0) ? char : '\uFFFD', plex));
  }
  return glyphs;
}

function glyphOf(char: string, { font, glyphs }: PlexFont): Glyph {
  let glyph = glyphs.get(char);
  if (!glyph) {
    // Encoding also adds the glyph to the font's subset.
    glyph = {
      char,
      hex: font.encodeText(char).asString(),
      width: font.widthOfTextAtSize(char, textSize),
    };
    glyphs.set(char, glyph);
  }
  return glyph;
}

/** Where a page is shown: its crop box turned by /Rotate (quarter turns clockwise). */
type Frame = {
  box: { x: number; y: number; width: number; height: number };
  quarterTurns: number;
  fontKey: PDFName;
  /** Pages with the same key show a line at the same place. */
  key: string;
};

function frameOf(page: PDFPage, plex: PlexFont): Frame {
  const box = page.getCropBox();
  const quarterTurns = ((Math.round(page.getRotation().angle / 90) % 4) + 4) % 4;
  const fontKey = fontKeyOn(page, plex.font);
  const key = [box.x, box.y, box.width, box.height, quarterTurns, fontKey.decodeText()].join(' ');
  return { box, quarterTurns, fontKey, key };
}

/**
 * A stream drawing one line upright on the page as it is shown: the header at the top left, the
 * footer at the bottom right. A line wider than the page is cut short.
 */
function addLine(
  output: PDFDocument,
  { box, quarterTurns, fontKey }: Frame,
  line: Glyph[],
  place: 'header' | 'footer',
  plex: PlexFont,
): PDFRef {
  const isTurned = quarterTurns % 2 === 1;
  const shownWidth = isTurned ? box.height : box.width;
  const shownHeight = isTurned ? box.width : box.height;
  const inset = Math.min(sideInset, shownWidth / 10);
  const glyphs = fitWidth(line, shownWidth - 2 * inset, plex);
  const width = glyphs.reduce((sum, glyph) => sum + glyph.width, 0);
  // (u, v): the start of the baseline on the shown page, from its bottom-left corner.
  const u = place === 'header' ? inset : shownWidth - inset - width;
  const v = place === 'header' ? shownHeight - headerBaseline : footerBaseline;
  const [x, y] = [
    [u, v],
    [box.width - v, u],
    [box.width - u, box.height - v],
    [v, box.height - u],
  ][quarterTurns] as [number, number];
  const operators = [
    pushGraphicsState(),
    setFillingGrayscaleColor(textGrey),
    beginText(),
    setFontAndSize(fontKey, textSize),
    rotateAndSkewTextDegreesAndTranslate(
      quarterTurns * 90,
      0,
      0,
      round(box.x + x),
      round(box.y + y),
    ),
    showText(PDFHexString.of(glyphs.map((glyph) => glyph.hex).join(''))),
    endText(),
    popGraphicsState(),
  ];
  // Left uncompressed: a few dozen bytes, where setting up deflate for each page took a tenth of
  // the merge. Adding a stream to a page makes pdf-lib wrap the page's own content in q … Q
  // first, so a transformation that content leaves behind cannot move the line.
  return output.context.register(PDFContentStream.of(output.context.obj({}), operators, false));
}

/** The affine map [a b c d e f] of a PDF `cm` operator; here always a scale and a shift. */
type Matrix = [number, number, number, number, number, number];
type ShrinkStreams = { before: PDFRef; after: PDFRef; matrix: Matrix };

/**
 * Streams that scale a page's content uniformly into the shown page less its header and footer
 * bands, centred across: `q <matrix> cm` before the content and `Q` after it. The scale is
 * worked out on the page as shown (turned by /Rotate) and mapped back to the page's own space,
 * where a uniform scale looks the same whatever the turn, and only the shift differs.
 */
function addShrink(output: PDFDocument, { box, quarterTurns }: Frame): ShrinkStreams {
  const isTurned = quarterTurns % 2 === 1;
  const shownWidth = isTurned ? box.height : box.width;
  const shownHeight = isTurned ? box.width : box.height;
  const scale = Math.max(0.1, (shownHeight - headerBand - footerBand) / shownHeight);
  // The shift on the shown page, from its bottom-left corner.
  const [du, dv] = [((1 - scale) * shownWidth) / 2, footerBand];
  // Where the shown page's origin lies in the box, and the shift turned into the box's axes.
  const [cx, cy] = [
    [0, 0],
    [box.width, 0],
    [box.width, box.height],
    [0, box.height],
  ][quarterTurns] as [number, number];
  const [rx, ry] = [
    [du, dv],
    [-dv, du],
    [-du, -dv],
    [dv, -du],
  ][quarterTurns] as [number, number];
  const matrix: Matrix = [
    scale,
    0,
    0,
    scale,
    round((1 - scale) * (box.x + cx) + rx),
    round((1 - scale) * (box.y + cy) + ry),
  ];
  const stream = (operators: PDFOperator[]) =>
    output.context.register(PDFContentStream.of(output.context.obj({}), operators, false));
  return {
    before: stream([pushGraphicsState(), concatTransformationMatrix(...matrix)]),
    after: stream([popGraphicsState()]),
    matrix,
  };
}

/** Moves a shrunk page's links, comments and fields along with its content. */
function transformAnnotations(page: PDFPage, [scale, , , , e, f]: Matrix): void {
  const { context } = page.doc;
  for (const entry of page.node.Annots()?.asArray() ?? []) {
    const annotation = context.lookup(entry);
    if (!(annotation instanceof PDFDict)) continue;
    for (const key of ['Rect', 'QuadPoints']) {
      const points = annotation.lookup(PDFName.of(key));
      if (!(points instanceof PDFArray)) continue;
      const moved = points
        .asArray()
        .map((value, index) =>
          value instanceof PDFNumber
            ? PDFNumber.of(round(value.asNumber() * scale + (index % 2 === 0 ? e : f)))
            : value,
        );
      annotation.set(PDFName.of(key), context.obj(moved));
    }
  }
}

/** A coordinate to a hundredth of a point, which is plenty and keeps the stream short. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The page's resource name for the font. A fixed name, set once, lets pages share one header
 * stream (pdf-lib would pick a new random name per page); a source that already uses it for
 * another font gets a random one.
 */
function fontKeyOn(page: PDFPage, font: PDFFont): PDFName {
  const fonts = page.node.normalizedEntries().Font;
  const present = fonts.get(plexResourceName);
  if (present === undefined) fonts.set(plexResourceName, font.ref);
  else if (present !== font.ref) return page.node.newFontDictionary('DagsordenPlex', font.ref);
  return plexResourceName;
}

/** The line, or as much of it as fits the width followed by an ellipsis. */
function fitWidth(glyphs: Glyph[], maxWidth: number, plex: PlexFont): Glyph[] {
  if (glyphs.reduce((sum, glyph) => sum + glyph.width, 0) <= maxWidth) return glyphs;
  const ellipsis = glyphOf('…', plex);
  let end = 0;
  let width = ellipsis.width;
  while (end < glyphs.length && width + glyphs[end]!.width <= maxWidth) {
    width += glyphs[end]!.width;
    end += 1;
  }
  while (end > 0 && glyphs[end - 1]!.char === ' ') end -= 1;
  return [...glyphs.slice(0, end), ellipsis];
}

/**
 * Strips what must not travel from a loaded source (see mergePdfParts) before its pages are
 * copied; links that jump within it get the target page's index in place of the page (see
 * linkTarget). Returns whether there are such links.
 */
function prepareSource(source: PDFDocument): boolean {
  const { context } = source;
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object;
    if (dict instanceof PDFDict) for (const key of strippedKeys) dict.delete(key);
  }
  const pages = source.getPages();
  const pageIndices = new Map(pages.map((page, index) => [page.ref, index]));
  const destinations = namedDestinations(source);
  let hasInnerLinks = false;
  for (const page of pages) {
    page.node.delete(PDFName.of('B'));
    const annotations = page.node.Annots();
    if (!annotations) continue;
    const kept = PDFArray.withContext(context);
    for (const entry of annotations.asArray()) {
      const annotation = context.lookup(entry);
      if (!(annotation instanceof PDFDict)) continue;
      const subtype = annotation.lookup(PDFName.of('Subtype'));
      const kind = subtype instanceof PDFName ? subtype.decodeText() : '';
      if (droppedAnnotations.has(kind)) continue;
      for (const key of ['P', 'AA']) annotation.delete(PDFName.of(key));
      if (kind === 'Link') {
        const target = linkTarget(context, annotation, destinations, pageIndices);
        annotation.delete(PDFName.of('A'));
        annotation.delete(PDFName.of('Dest'));
        if (target instanceof PDFDict) annotation.set(PDFName.of('A'), target);
        else if (target) {
          annotation.set(PDFName.of('Dest'), target);
          hasInnerLinks = true;
        }
      } else {
        annotation.delete(PDFName.of('A'));
        // A form field's parent holds the field tree, whose actions and other widgets (each
        // with its page) would all be copied along; the widget alone keeps its appearance.
        if (kind === 'Widget') annotation.delete(PDFName.of('Parent'));
      }
      kept.push(entry);
    }
    page.node.set(PDFName.of('Annots'), kept);
  }
  return hasInnerLinks;
}

/**
 * Where a link goes: a fresh action for a web link, or the destination within the part with the
 * page's index in place of its reference, restored by linkWithinPart (a reference would make
 * pdf-lib copy the target page once more, as an orphan the link then points to). Anything else
 * is dropped: other files, scripts, form submissions, named viewer actions.
 */
function linkTarget(
  context: PDFContext,
  annotation: PDFDict,
  destinations: () => Map<string, PDFObject>,
  pageIndices: Map<PDFRef, number>,
): PDFDict | PDFArray | undefined {
  const action = annotation.lookup(PDFName.of('A'));
  let destination = annotation.lookup(PDFName.of('Dest'));
  if (action instanceof PDFDict) {
    const kind = action.lookup(PDFName.of('S'));
    const uri = action.lookup(PDFName.of('URI'));
    if (kind === PDFName.of('URI') && (uri instanceof PDFString || uri instanceof PDFHexString))
      return context.obj({ S: 'URI', URI: uri });
    if (kind !== PDFName.of('GoTo')) return undefined;
    destination = action.lookup(PDFName.of('D'));
  }
  if (destination instanceof PDFName) destination = destinations().get(destination.decodeText());
  else if (destination instanceof PDFString || destination instanceof PDFHexString)
    destination = destinations().get(destination.decodeText());
  if (destination instanceof PDFDict) destination = destination.lookup(PDFName.of('D'));
  if (!(destination instanceof PDFArray)) return undefined;
  const page = destination.get(0);
  const pageIndex = page instanceof PDFRef ? pageIndices.get(page) : undefined;
  if (pageIndex === undefined) return undefined;
  const copy = PDFArray.withContext(context);
  copy.push(PDFNumber.of(pageIndex));
  for (const item of destination.asArray().slice(1)) copy.push(item);
  return copy;
}

/**
 * Points the copied part's inner links at their pages in the output. Only links that
 * prepareSource rewrote have a page index where a destination's page belongs.
 */
function linkWithinPart(output: PDFDocument, pages: readonly PDFPage[]): void {
  for (const page of pages) {
    for (const entry of page.node.Annots()?.asArray() ?? []) {
      const annotation = output.context.lookup(entry);
      const destination =
        annotation instanceof PDFDict ? annotation.lookup(PDFName.of('Dest')) : undefined;
      const target = destination instanceof PDFArray ? destination.get(0) : undefined;
      const targetPage = target instanceof PDFNumber ? pages[target.asNumber()] : undefined;
      if (destination instanceof PDFArray && targetPage) destination.set(0, targetPage.ref);
    }
  }
}

/**
 * A source's named destinations (the catalog's /Dests and the /Names /Dests name tree), read
 * only when a link uses one.
 */
function namedDestinations(source: PDFDocument): () => Map<string, PDFObject> {
  let map: Map<string, PDFObject> | undefined;
  return () => {
    if (map) return map;
    map = new Map();
    const found = map;
    const { catalog } = source;
    const dests = catalog.lookup(PDFName.of('Dests'));
    if (dests instanceof PDFDict)
      for (const [name] of dests.entries()) {
        const destination = dests.lookup(name);
        if (destination) found.set(name.decodeText(), destination);
      }
    const names = catalog.lookup(PDFName.of('Names'));
    const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
    const seen = new Set<PDFDict>();
    const walk = (node: unknown): void => {
      if (!(node instanceof PDFDict) || seen.has(node)) return;
      seen.add(node);
      const pairs = node.lookup(PDFName.of('Names'));
      if (pairs instanceof PDFArray)
        for (let index = 0; index + 1 < pairs.size(); index += 2) {
          const key = pairs.lookup(index);
          const destination = pairs.lookup(index + 1);
          if ((key instanceof PDFString || key instanceof PDFHexString) && destination)
            found.set(key.decodeText(), destination);
        }
      const kids = node.lookup(PDFName.of('Kids'));
      if (kids instanceof PDFArray)
        for (const kid of kids.asArray()) walk(source.context.lookup(kid));
    };
    walk(tree);
    return found;
  };
}

/** The layers (optional content groups) of all parts, as copied, and those hidden at first. */
type Layers = { groups: PDFRef[]; hidden: PDFRef[] };

/**
 * Collects a source's layers and which of them its default view hides. Without the catalog's
 * /OCProperties a viewer shows every layer: a map would show all its layers at once, and text
 * on a hidden layer would appear.
 */
function copyLayers(source: PDFDocument, copier: PDFObjectCopier, layers: Layers): void {
  const properties = source.catalog.lookup(PDFName.of('OCProperties'));
  const groups = properties instanceof PDFDict ? properties.lookup(PDFName.of('OCGs')) : undefined;
  const view = properties instanceof PDFDict ? properties.lookup(PDFName.of('D')) : undefined;
  if (!(groups instanceof PDFArray)) return;
  const listed = (key: string) => {
    const list = view instanceof PDFDict ? view.lookup(PDFName.of(key)) : undefined;
    return new Set(list instanceof PDFArray ? list.asArray() : []);
  };
  const isHiddenByDefault =
    view instanceof PDFDict && view.lookup(PDFName.of('BaseState')) === PDFName.of('OFF');
  const [shown, hidden] = [listed('ON'), listed('OFF')];
  for (const group of groups.asArray()) {
    if (!(group instanceof PDFRef)) continue;
    const copy = copier.copy(group);
    layers.groups.push(copy);
    if (isHiddenByDefault ? !shown.has(group) : hidden.has(group)) layers.hidden.push(copy);
  }
}

/** The parts' layers as the catalog's /OCProperties, listed in the viewer's layer panel. */
function writeLayers(output: PDFDocument, { groups, hidden }: Layers): void {
  if (groups.length === 0) return;
  const properties = output.context.obj({ OCGs: groups, D: { Order: groups, OFF: hidden } });
  output.catalog.set(PDFName.of('OCProperties'), properties);
}

type OutlineEntry = { title: string; page: PDFRef; children: OutlineEntry[] };

/** The parts' bookmarks as the catalog's /Outlines, all entries open; none without bookmarks. */
function writeOutline(
  output: PDFDocument,
  parts: readonly MergePart[],
  partPages: readonly PDFPage[][],
): void {
  const entries: OutlineEntry[] = [];
  for (const [index, part] of parts.entries()) {
    for (const bookmark of part.bookmarks ?? []) {
      const page = partPages[index]?.[bookmark.page];
      if (!page)
        throw new Error(
          `Bookmark "${bookmark.title}" points to page ${bookmark.page} of PDF part ${index}, which has ${partPages[index]?.length ?? 0} pages (counting from 0)`,
        );
      const entry = {
        title: bookmark.title.replace(/\s+/g, ' ').trim(),
        page: page.ref,
        children: [],
      };
      const parent = entries.at(-1);
      // A level-1 entry before any level-0 entry has nothing to nest under: it stays on top.
      if (bookmark.level === 1 && parent) parent.children.push(entry);
      else entries.push(entry);
    }
  }
  if (entries.length === 0) return;
  const { context } = output;
  const rootRef = context.nextRef();
  const { first, last, count } = writeOutlineLevel(context, entries, rootRef);
  context.assign(
    rootRef,
    context.obj({ Type: 'Outlines', First: first, Last: last, Count: count }),
  );
  output.catalog.set(PDFName.of('Outlines'), rootRef);
  output.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** One level of outline entries under `parent`; `count` is the number of entries shown (all open). */
function writeOutlineLevel(
  context: PDFContext,
  entries: readonly OutlineEntry[],
  parent: PDFRef,
): { first: PDFRef; last: PDFRef; count: number } {
  const refs = entries.map(() => context.nextRef());
  let count = entries.length;
  for (const [index, entry] of entries.entries()) {
    const ref = refs[index] as PDFRef;
    const dict = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: parent,
      Dest: [entry.page, 'XYZ', null, null, null],
    });
    const previous = refs[index - 1];
    const next = refs[index + 1];
    if (previous) dict.set(PDFName.of('Prev'), previous);
    if (next) dict.set(PDFName.of('Next'), next);
    if (entry.children.length > 0) {
      const children = writeOutlineLevel(context, entry.children, ref);
      dict.set(PDFName.of('First'), children.first);
      dict.set(PDFName.of('Last'), children.last);
      dict.set(PDFName.of('Count'), PDFNumber.of(children.count));
      count += children.count;
    }
    context.assign(ref, dict);
  }
  return { first: refs[0] as PDFRef, last: refs.at(-1) as PDFRef, count };
}
