import type * as TypstCompiler from '@myriaddreamin/typst-ts-node-compiler';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import type FontEditor from 'fonteditor-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { lazyPackage } from '../lazy-package';

// Loaded with the first document rendered, not at start-up (a native add-on and a font library).
const typstCompiler = lazyPackage<typeof TypstCompiler>('@myriaddreamin/typst-ts-node-compiler');
const fontEditor = lazyPackage<typeof FontEditor>('fonteditor-core');

/** The PDF flavours we write: PDF/UA-1 (accessible, tagged) and PDF/A-2b (archival). */
export type PdfStandard = 'ua-1' | 'a-2b';

/**
 * The faces of IBM Plex Sans that documents use. Not SemiBold: its family name is
 * "IBM Plex Sans SmBld", which Typst keeps apart from "IBM Plex Sans", so it would never be chosen.
 */
const fontFaces = ['Regular', 'Italic', 'Bold', 'BoldItalic'];

/**
 * The compiler sees no files: documents are one source string, so nothing a template does can
 * read from the server's disk. Typst resolves paths against this root, which does not exist.
 */
const sandboxRoot = '/nonexistent/dagsorden-typst';
/** The document, as an in-memory file in that root (so diagnostics carry line numbers). */
const mainPath = `${sandboxRoot}/main.typ`;

/**
 * Typst's memoised results are dropped after every render: keeping the last ten renders' made a
 * warm memo no faster (about 14 ms either way) and the process grew four times as fast.
 */
const cacheMaxAge = 0;

type Fonts = { blobs: Buffer[]; coverage: Set<number> };

let fonts: Fonts | undefined;
let compiler: NodeCompiler | undefined;
/** Counts renders, to mark each source apart (see renderPdf). */
let renders = 0;

/**
 * IBM Plex Sans as TrueType, and the characters all its faces have. The package ships WOFF only,
 * which Typst cannot read, so the faces are unpacked once per process (about 70 ms).
 */
function getFonts(): Fonts {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const directory = join(
    dirname(require.resolve('@ibm/plex-sans/package.json')),
    'fonts/complete/woff',
  );
  const blobs = fontFaces.map((face) => {
    const woff = readFileSync(join(directory, `IBMPlexSans-${face}.woff`));
    const arrayBuffer = woff.buffer.slice(woff.byteOffset, woff.byteOffset + woff.byteLength);
    const ttf = fontEditor().woff2ttf(arrayBuffer, {
      inflate: (data) => Array.from(inflateSync(Buffer.from(data))),
    });
    return Buffer.from(ttf);
  });
  const [first, ...rest] = blobs.map(characterMap);
  const coverage = new Set([...(first ?? [])].filter((code) => rest.every((map) => map.has(code))));
  fonts = { blobs, coverage };
  return fonts;
}

/** IBM Plex Sans Regular as TrueType and the characters all faces have, for drawing on PDFs outside Typst. */
export function plexSansRegular(): { ttf: Uint8Array; coverage: ReadonlySet<number> } {
  const { blobs, coverage } = getFonts();
  const ttf = blobs[fontFaces.indexOf('Regular')];
  if (!ttf) throw new Error('IBM Plex Sans Regular is missing');
  return { ttf, coverage };
}

/** The code points a TrueType font maps to a glyph: its Windows Unicode BMP cmap (format 4). */
function characterMap(font: Buffer): Set<number> {
  const u16 = (offset: number) => font.readUInt16BE(offset);
  const tableCount = u16(4);
  let cmap: number | undefined;
  for (let index = 0; index < tableCount; index += 1) {
    const record = 12 + 16 * index;
    if (font.toString('latin1', record, record + 4) === 'cmap')
      cmap = font.readUInt32BE(record + 8);
  }
  let subtable: number | undefined;
  for (let index = 0; cmap !== undefined && index < u16(cmap + 2); index += 1) {
    const record = cmap + 4 + 8 * index;
    const offset = cmap + font.readUInt32BE(record + 4);
    if (u16(record) === 3 && u16(record + 2) === 1 && u16(offset) === 4) subtable = offset;
  }
  if (subtable === undefined) throw new Error('The font has no Unicode (3,1) format 4 cmap');
  const segments = u16(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const codes = new Set<number>();
  for (let segment = 0; segment < segments; segment += 1) {
    const start = u16(starts + 2 * segment);
    const end = u16(ends + 2 * segment);
    const delta = u16(deltas + 2 * segment);
    const rangeOffset = u16(rangeOffsets + 2 * segment);
    for (let code = start; code <= end && code !== 0xffff; code += 1) {
      const indexed =
        rangeOffset === 0
          ? code
          : u16(rangeOffsets + 2 * segment + rangeOffset + 2 * (code - start));
      const glyph = rangeOffset !== 0 && indexed === 0 ? 0 : (indexed + delta) & 0xffff;
      if (glyph !== 0) codes.add(code);
    }
  }
  return codes;
}

function getCompiler(): NodeCompiler {
  compiler ??= typstCompiler().NodeCompiler.create({
    workspace: sandboxRoot,
    fontArgs: [{ fontBlobs: getFonts().blobs }],
  });
  return compiler;
}

/** Compiles a Typst document to PDF; errors are thrown with Typst's messages and the lines they point at. */
export function renderPdf(source: string, options: { standard: PdfStandard }): Uint8Array {
  const typst = getCompiler();
  renders += 1;
  // Typst reparses a changed file incrementally, and its diff (typst-syntax Source::replace)
  // panics, aborting the whole process, when the change starts or ends between bytes of two
  // different multi-byte characters. A new ASCII mark at both ends puts both edges in ASCII.
  const marked = `// ${renders}\n${source}\n// ${renders}\n`;
  typst.mapShadow(mainPath, Buffer.from(marked));
  try {
    // One call compiles and exports: keeping the compiled document between compile() and pdf()
    // costs several times more native memory per render, which evictCache does not give back.
    return typst.pdf({ mainFilePath: mainPath }, { pdfStandard: options.standard });
  } catch (cause) {
    const reason = explain(typst, marked, cause);
    throw new Error(`Typst could not write the PDF (${options.standard}): ${reason}`, { cause });
  } finally {
    typst.unmapShadow(mainPath);
    typst.evictCache(cacheMaxAge);
  }
}

type Diagnostic = {
  message?: unknown;
  range?: { start?: { line?: unknown } } | null;
};

/** Typst's messages for a failed render, with the source line for compile errors. */
function explain(typst: NodeCompiler, source: string, cause: unknown): string {
  // Export errors (a broken PDF/UA rule) arrive as Rust debug text with the messages in it.
  const text =
    cause instanceof Error ? `${cause.message} ${String((cause as { code?: unknown }).code)}` : '';
  const exported = [...text.matchAll(/message: "((?:[^"\\]|\\.)*)"/g)].map((match) =>
    (match[1] ?? '').replace(/\\(.)/g, '$1'),
  );
  if (exported.length > 0) return exported.join('; ');
  // Compile errors arrive without lines; compiling again gives the full diagnostics.
  const error = typst.compile({ mainFilePath: mainPath }).takeDiagnostics();
  if (!error) return text.trim() || 'unknown error';
  const lines = source.split('\n');
  return (typst.fetchDiagnostics(error) as Diagnostic[])
    .map((diagnostic) => {
      // Line numbers count from the first line of the source given, after the mark.
      const line = diagnostic.range?.start?.line;
      const where =
        typeof line === 'number' ? ` (line ${line}: ${lines[line]?.trim().slice(0, 120)})` : '';
      return `${String(diagnostic.message)}${where}`;
    })
    .join('; ');
}

/**
 * The start of every document: metadata (PDF/UA needs the title), A4, IBM Plex Sans in Danish
 * with hyphenation, and list markers the font has (Typst's defaults would pull in another font).
 */
export function typstPreamble(meta: { title: string; author: string | null }): string {
  const author = meta.author ? `, author: ${typstString(printable(meta.author))}` : '';
  return `#set document(title: ${typstString(printable(meta.title))}${author})
#set page(paper: "a4", margin: (x: 2.5cm, top: 2.5cm, bottom: 2.8cm))
#set text(lang: "da", region: "DK", font: "IBM Plex Sans", size: 10.5pt, hyphenate: true)
#set par(leading: 0.7em, spacing: 1.1em)
#set list(marker: ([•], [–]), indent: 0.4em)
#set enum(numbering: "1.a.i.", indent: 0.4em)
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 1): set block(above: 0.8em, below: 1.2em)
#show heading.where(level: 2): set text(size: 12pt)
#show heading.where(level: 2): set block(above: 1.6em, below: 0.8em)
#show heading.where(level: 3): set text(size: 10.5pt)
#set table(stroke: 0.5pt + luma(140), inset: (x: 5pt, y: 4pt))
#show link: underline
`;
}

const escapes: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * A Typst string literal holding `value` exactly. Inside a string nothing is markup or code, so
 * this is the one way user text enters a Typst source. For text that is shown, use `typstText`.
 */
export function typstString(value: string): string {
  const escaped = value
    // A lone surrogate cannot cross into the compiler (UTF-8): show it as the replacement character.
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(
      /[\\"\p{Cc}]/gu,
      (char) => escapes[char] ?? `\\u{${char.codePointAt(0)?.toString(16)}}`,
    );
  return `"${escaped}"`;
}

/**
 * Typst markup that prints `value` literally: a string literal as an embedded expression. The
 * semicolon ends the expression, so whatever markup follows cannot continue it (`.field`, `(…)`).
 */
export function typstText(value: string): string {
  return `#${typstString(printable(value))};`;
}

/**
 * Text as IBM Plex Sans can show it. PDF/UA and PDF/A refuse a document with a character no
 * embedded font has (an emoji, CJK, a control character), so those would make the memo
 * impossible to export: whitespace other than line breaks becomes a space, control and format
 * characters go, and characters the font lacks become U+FFFD (�), so the loss is visible.
 */
function printable(value: string): string {
  const { coverage } = getFonts();
  let result = '';
  for (const char of value) {
    const isSpace = /\s/u.test(char);
    if (char === '\n') result += char;
    // Plex maps U+0000 and U+FEFF, but PDF/UA forbids them; Typst hyphenates without soft hyphens.
    else if (/[\p{Cc}\p{Cf}]/u.test(char)) result += isSpace && char !== '\ufeff' ? ' ' : '';
    else if (coverage.has(char.codePointAt(0) ?? 0)) result += char;
    else result += isSpace ? ' ' : '\uFFFD';
  }
  return result;
}
