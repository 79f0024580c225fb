import { render } from 'dom-serializer';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { strFromU8 } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { openZip } from '../../platform/documents/container-limits';
import { findExcessNesting, richTextNesting } from '../../platform/documents/rich-text-tree';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { richTextToPlain, sanitizeRichText } from './rich-text';
import { caseNumberPattern } from './rules';

/** A memo read from Word: the template's sections filled in, and whatever fitted none of them. */
export type WordImport = {
  /** From the Word Title style, or the first heading when it comes before any template heading. */
  title: string | null;
  /** A case number such as EMN-2023-012026 found in the letterhead before the first section. */
  caseNumber: string | null;
  /** Exactly the template headings, in template order; html '' when nothing mapped. Html is sanitised. */
  sections: Array<{ heading: string; html: string }>;
  /**
   * Blocks that matched no template heading, in document order (heading null = text before the
   * first heading). Headings here and the title are plain text, to be escaped when shown.
   */
  unmapped: Array<{ heading: string | null; html: string }>;
  /** Danish, deduplicated: what the conversion left out that the user should know of. */
  warnings: string[];
};

const wordImportMessages = da.wordImport;

/**
 * Word's English style names come with mammoth's default map; these add the Danish names
 * that documents made outside Word's built-in styles carry. Mammoth compares names
 * case-insensitively. The title gets a class so it can be told from an ordinary h1.
 */
const baseStyleMap = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Titel'] => h1.title:fresh",
  ...[1, 2, 3, 4, 5, 6].map((level) => `p[style-name='Overskrift ${level}'] => h${level}:fresh`),
];

/** The start of an OLE compound file: a password-protected .docx or an old binary .doc. */
const compoundFileSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An encrypted .docx keeps its encryption parameters in this stream; a .doc has none. */
const encryptionInfoStream = Buffer.from('EncryptionInfo', 'utf16le');

/** Elements mammoth reports as ignored that carry no text, so losing them is not worth a warning. */
const harmlessIgnoredElements = new Set(['w:permStart', 'w:permEnd', 'w:ptab', 'w:cr']);

type ParsedHeading = {
  text: string;
  /** The heading's inline HTML, kept when the heading becomes a bold line inside a block. */
  html: string;
  /** 0 for the Word title, 1–6 for h1–h6 and bold-only lines. */
  level: number;
  isTitle: boolean;
  /** A paragraph of bold text only: a heading if it names a template section, else content. */
  isBoldLine: boolean;
};

/** A heading that opens a block; section indexes the template headings (null: none matched). */
type Heading = ParsedHeading & { section: number | null };

type Block = { heading: Heading | null; html: string[] };

/** Reads a .docx memo and distributes its text over the template's sections. */
export async function importWordPaper(
  bytes: Buffer,
  templateHeadings: readonly string[],
): Promise<WordImport> {
  const wordPackage = readWordPackage(bytes);
  // Loaded with the first import, not at start-up (cold start).
  const { default: mammoth } = await import('mammoth');
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: wordPackage.checkedZip },
      {
        styleMap: [...baseStyleMap, ...outlineStyleMap(wordPackage.stylesXml)],
        // A style map embedded in the upload would let the file decide how it is read.
        includeEmbeddedStyleMap: false,
        // The bytes are never read: images are dropped (bilag belong beside the memo, not in it).
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
  } catch (error) {
    throw invalidFile(wordImportMessages.unreadable, error);
  }

  // A memo nested deeper than a section may be could only be refused when it is saved.
  const excess = findExcessNesting(result.value);
  if (excess !== null) {
    throw invalidFile(wordImportMessages.tooDeeplyNested[excess](richTextNesting[excess]));
  }
  const document = parseDocument(result.value);
  const warnings = new Set(result.messages.flatMap(warningFor));
  if (DomUtils.getElementsByTagName('img', document).length > 0) {
    warnings.add(wordImportMessages.imagesDropped);
  }
  if (wordPackage.hasCharts) warnings.add(wordImportMessages.chartsDropped);
  unwrapInternalLinks(document.children);

  const match = headingMatcher(templateHeadings);
  const { blocks, notes } = splitIntoBlocks(document.children, match);
  const firstHeading = blocks.find((block) => block.heading !== null)?.heading ?? null;
  const titleHeading =
    blocks.find((block) => block.heading?.isTitle)?.heading ??
    (firstHeading?.section === null ? firstHeading : null);

  const sectionParts = templateHeadings.map((): string[] => []);
  const unmapped: WordImport['unmapped'] = [];
  for (const block of blocks) {
    const html = sanitizeRichText(block.html.join(''));
    const section = block.heading?.section ?? null;
    const parts = section === null ? undefined : sectionParts[section];
    if (parts && block.heading) {
      // A block joining a section with text keeps its heading, so the seam and its wording show.
      const hasText = parts.join('') !== '';
      parts.push(hasText ? `<p><strong>${block.heading.html}</strong></p>${html}` : html);
    } else if (html !== '' || (block.heading !== null && block.heading !== titleHeading)) {
      // A heading is text from the document too; only the one taken as the title is not repeated.
      unmapped.push({ heading: block.heading?.text ?? null, html });
    }
  }

  if (notes !== '') unmapped.push({ heading: wordImportMessages.notesHeading, html: notes });

  const firstSection = blocks.findIndex((block) => (block.heading?.section ?? null) !== null);
  const letterhead = blocks.slice(0, firstSection === -1 ? blocks.length : firstSection);

  return {
    title: titleHeading?.text ?? null,
    caseNumber: findCaseNumber(letterhead.map((block) => block.html.join('')).join('')),
    sections: templateHeadings.map((heading, index) => ({
      heading,
      html: sanitizeRichText((sectionParts[index] ?? []).join('')),
    })),
    unmapped,
    warnings: [...warnings],
  };
}

type WordPackage = {
  /** The file rewritten from parts proven to unpack within the limits: all mammoth may read. */
  checkedZip: Buffer;
  stylesXml: string | null;
  hasCharts: boolean;
};

/** Checks that the bytes are a readable Word document, within the container limits, before mammoth sees them. */
function readWordPackage(bytes: Buffer): WordPackage {
  if (bytes.subarray(0, compoundFileSignature.length).equals(compoundFileSignature)) {
    throw invalidFile(
      bytes.includes(encryptionInfoStream)
        ? wordImportMessages.encrypted
        : wordImportMessages.legacyWord,
    );
  }
  if (!bytes.subarray(0, zipSignature.length).equals(zipSignature)) {
    throw invalidFile(wordImportMessages.notDocx);
  }
  try {
    const zip = openZip(bytes);
    const names = zip.parts.map((part) => part.name);
    // Some editors number the main part (document2.xml); mammoth follows the package relations.
    if (!names.some((name) => /^word\/document\d*\.xml$/u.test(name))) {
      throw invalidFile(wordImportMessages.notWordDocument);
    }
    const styles = zip.read('word/styles.xml');
    const checked = zip.asZip();
    return {
      checkedZip: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength),
      stylesXml: styles ? strFromU8(styles) : null,
      hasCharts: names.some((name) => /^word\/(charts|diagrams)\//u.test(name)),
    };
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'FILE_UNREADABLE') {
      throw invalidFile(wordImportMessages.notDocx, error);
    }
    if (error.code !== 'PAYLOAD_TOO_LARGE') throw error;
    // Over a container limit: 413 with the limit's own message, on the file field.
    throw new AppError(error.code, {
      message: error.message,
      details: [{ field: 'file', message: error.message }],
    });
  }
}

function invalidFile(message: string, cause?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ field: 'file', message }], cause });
}

/**
 * Style-map rules for paragraph styles with an outline level (their own or inherited), so a
 * house style such as "Sagsoverskrift" reads as the heading Word shows it as in the navigator.
 */
function outlineStyleMap(stylesXml: string | null): string[] {
  if (stylesXml === null) return [];
  const styles = new Map<
    string,
    { name: string | null; basedOn: string | null; level: string | null }
  >();
  for (const style of DomUtils.getElementsByTagName(
    'w:style',
    parseDocument(stylesXml, { xmlMode: true }),
  )) {
    const id = style.attribs['w:styleId'];
    if (style.attribs['w:type'] !== 'paragraph' || !id) continue;
    const value = (tag: string): string | null =>
      DomUtils.getElementsByTagName(tag, style, true, 1)[0]?.attribs['w:val'] ?? null;
    styles.set(id, {
      name: value('w:name'),
      basedOn: value('w:basedOn'),
      level: value('w:outlineLvl'),
    });
  }
  const levelOf = (id: string, seen: Set<string>): number | null => {
    const style = styles.get(id);
    if (!style || seen.has(id)) return null;
    if (style.level !== null) return Number.parseInt(style.level, 10);
    seen.add(id);
    return style.basedOn === null ? null : levelOf(style.basedOn, seen);
  };
  const rules: string[] = [];
  for (const [id, style] of styles) {
    const level = levelOf(id, new Set());
    // Word has nine outline levels (0–8); 9 means body text.
    if (style.name === null || level === null || !(level >= 0 && level <= 8)) continue;
    const name = style.name.replace(/[\\']/gu, '\\$&');
    rules.push(`p[style-name='${name}'] => h${Math.min(level + 1, 6)}:fresh`);
  }
  return rules;
}

/** Mammoth's messages that mean content was lost, in Danish; the rest is conversion noise. */
function warningFor(message: { type: string; message: string }): string[] {
  if (message.type === 'error') return [wordImportMessages.contentSkipped];
  const ignored = /^An unrecognised element was ignored: (.+)$/u.exec(message.message)?.[1];
  if (ignored !== undefined) {
    return harmlessIgnoredElements.has(ignored) ? [] : [wordImportMessages.contentSkipped];
  }
  if (message.message.includes('cell merging may be incorrect')) {
    return [wordImportMessages.mergedCells];
  }
  if (message.message.startsWith('A w:sym element with an unsupported character')) {
    return [wordImportMessages.symbolsSkipped];
  }
  return [];
}

/**
 * Links into the Word file itself (footnote markers, table-of-contents entries, bookmarks)
 * lead nowhere once the text is a web page; their text stays, the link goes.
 */
function unwrapInternalLinks(nodes: ChildNode[]): void {
  for (const link of DomUtils.getElementsByTagName('a', nodes)) {
    const href = link.attribs.href ?? '';
    if (/^#(footnote|endnote)-ref-/u.test(href)) {
      // The " ↑" from a note back to its marker.
      if (link.prev && isText(link.prev)) link.prev.data = link.prev.data.trimEnd();
      DomUtils.removeElement(link);
      continue;
    }
    if (href !== '' && !href.startsWith('#')) continue;
    for (const child of [...link.children]) DomUtils.prepend(link, child);
    DomUtils.removeElement(link);
  }
}

/**
 * Cuts mammoth's flat HTML into blocks, each opened by a heading. Inside a template section, a
 * deeper heading opens a new block only if it names a section exactly; otherwise it is a
 * sub-heading (Sagsfremstilling › Baggrund) and stays in the section as a bold line.
 *
 * A paragraph of bold text only is a heading just when it names a section exactly (a bold
 * "Bilag 1: Status" is content), and only in memos without styled section headings: where
 * the sections have heading styles, bold is emphasis, like a bold "Indstilling" in the
 * letterhead naming the kind of paper.
 */
function splitIntoBlocks(
  nodes: ChildNode[],
  match: HeadingMatcher,
): { blocks: Block[]; notes: string } {
  const blocks: Block[] = [{ heading: null, html: [] }];
  const notes: string[] = [];
  const headings = nodes.map(readHeading);
  const hasStyledSections = headings.some(
    (heading) =>
      heading !== null &&
      !heading.isBoldLine &&
      !heading.isTitle &&
      match(heading.text, 'loose') !== null,
  );
  nodes.forEach((node, index) => {
    const current = blocks[blocks.length - 1] as Block;
    if (isNoteList(node)) {
      // Mammoth puts foot- and endnotes after the last section; they belong to none in particular.
      notes.push(render(node, { encodeEntities: 'utf8' }));
      return;
    }
    const parsed = headings[index] ?? null;
    const heading = parsed?.isBoldLine && hasStyledSections ? null : parsed;
    const isSubheading =
      heading !== null &&
      current.heading !== null &&
      current.heading.section !== null &&
      heading.level > current.heading.level;
    const section =
      heading === null || heading.isTitle
        ? null
        : match(heading.text, isSubheading || heading.isBoldLine ? 'exact' : 'loose');
    if (heading === null || (heading.isBoldLine && section === null)) {
      current.html.push(render(node, { encodeEntities: 'utf8' }));
    } else if (section === null && isSubheading) {
      current.html.push(`<p><strong>${heading.html}</strong></p>`);
    } else {
      blocks.push({ heading: { ...heading, section }, html: [] });
    }
  });
  return { blocks, notes: sanitizeRichText(notes.join('')) };
}

function isNoteList(node: ChildNode): boolean {
  if (!isTag(node) || node.name !== 'ol') return false;
  const first = node.children.find(isTag);
  return /^(footnote|endnote)-/u.test(first?.attribs.id ?? '');
}

/** The heading a node may stand for: h1–h6, the Word title, or a paragraph of bold text only. */
function readHeading(node: ChildNode): ParsedHeading | null {
  if (!isTag(node)) return null;
  const level = /^h([1-6])$/u.exec(node.name)?.[1];
  const isBoldLine = node.name === 'p' && isBoldOnly(node);
  if (level === undefined && !isBoldLine) return null;
  const text = DomUtils.textContent(node).replace(/\s+/gu, ' ').trim();
  if (text === '') return null;
  const isTitle = (node.attribs.class ?? '').split(' ').includes('title');
  return {
    text,
    html: render(node.children, { encodeEntities: 'utf8' }),
    level: isTitle ? 0 : Number(level ?? 1),
    isTitle,
    isBoldLine,
  };
}

/** True when all the text of an element is bold (a colon or spaces outside the bold are allowed). */
function isBoldOnly(element: Element, inBold = false): boolean {
  return element.children.every((child) => {
    if (isText(child)) return inBold || /^[\s:]*$/u.test(child.data);
    return isTag(child) ? isBoldOnly(child, inBold || child.name === 'strong') : true;
  });
}

type HeadingMatcher = (heading: string, mode: 'exact' | 'loose') => number | null;

/**
 * Compares headings after normalising case (Danish), surrounding space, numbering ("1.",
 * "2.1)"), a trailing colon and the spacing around "/". Loose matching then accepts a heading
 * whose first word is the first word of exactly one template heading ("Handlemuligheder" →
 * "HANDLEMULIGHEDER/LØSNINGER"); whole words only, so "Beslutningen træffes af" is not
 * "Beslutning".
 */
function headingMatcher(templateHeadings: readonly string[]): HeadingMatcher {
  const normalised = templateHeadings.map(normaliseHeading);
  const firstWords = normalised.map(firstWord);
  return (heading, mode) => {
    const text = normaliseHeading(heading);
    const exact = normalised.indexOf(text);
    if (exact !== -1 || mode === 'exact') return exact === -1 ? null : exact;
    const word = firstWord(text);
    const candidates = firstWords.flatMap((candidate, index) =>
      candidate === word && word !== '' ? [index] : [],
    );
    return candidates.length === 1 ? (candidates[0] ?? null) : null;
  };
}

function normaliseHeading(heading: string): string {
  return heading
    .toLocaleLowerCase('da-DK')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\(?\d+(?:\.\d+)*[.)]\s*/u, '')
    .replace(/\s*:$/u, '')
    .replace(/\s*\/\s*/gu, '/');
}

function firstWord(normalisedHeading: string): string {
  return normalisedHeading.split(/[\s/]/u)[0] ?? '';
}

/** The first case number in the text, compared token by token with the app's own pattern. */
function findCaseNumber(html: string): string | null {
  const tokens = richTextToPlain(html).split(/[^\p{L}\p{N}-]+/u);
  return tokens.find((token) => caseNumberPattern.test(token)) ?? null;
}
