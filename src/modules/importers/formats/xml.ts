import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SaxesParser } from 'saxes';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import type { ImportWarning } from '../archive';

/** An element of a parsed export: local name (prefix dropped), namespace, attributes, children, text. */
export type XmlElement = {
  name: string;
  namespace: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, not its descendants'. */
  text: string;
};

export type ParsedXml = { root: XmlElement; warnings: ImportWarning[] };

const text = da.importReading;

/**
 * Reads an export file as XML, refusing it before reading when it is larger than maxBytes.
 * Documents with a DTD are refused outright: no entity is ever declared, expanded or fetched,
 * which is what defeats entity-expansion bombs and XXE by construction.
 */
export async function readXmlFile(path: string, options: { maxBytes: number }): Promise<ParsedXml> {
  await assertWithinSize(path, options.maxBytes);
  const bytes = await readFile(path);
  return parseXml(decodeXml(bytes, basename(path)), basename(path));
}

/** Throws PAYLOAD_TOO_LARGE when the file is over the limit; checked before reading it. */
export async function assertWithinSize(path: string, maxBytes: number): Promise<void> {
  const { size } = await stat(path);
  if (size > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: text.tooLarge(basename(path), size, maxBytes),
    });
  }
}

const declaredEncoding = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** Bytes to text: a byte-order mark or the declared encoding decides; invalid bytes are an error. */
export function decodeXml(bytes: Uint8Array, fileName: string): string {
  const [b0, b1, b2] = bytes;
  let encoding = 'utf-8';
  let start = 0;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) start = 3;
  else if (b0 === 0xff && b1 === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (b0 === 0xfe && b1 === 0xff) [encoding, start] = ['utf-16be', 2];
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = declaredEncoding.exec(head)?.[1]?.toLowerCase();
    if (declared && /^(iso-8859-1|latin1|windows-1252|cp1252)$/.test(declared)) {
      encoding = 'windows-1252';
    }
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch (error) {
    throw new AppError('IMPORT_INVALID', { message: text.badEncoding(fileName), cause: error });
  }
}

// XML 1.0's Char production, negated: raw control characters, lone surrogates, U+FFFE/U+FFFF.
const forbiddenCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Character references, whose code points are checked against the same production (&#xC;, &#0;).
const characterReference = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Removes characters XML 1.0 forbids; real exports contain them (eDoc writes &#xC; for page breaks). */
export function removeForbiddenCharacters(source: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = source
    .replace(forbiddenCharacter, () => {
      removed += 1;
      return '';
    })
    .replace(characterReference, (reference, hex?: string, dec?: string) => {
      const code = hex === undefined ? Number(dec) : parseInt(hex, 16);
      if (isXmlChar(code)) return reference;
      removed += 1;
      return '';
    });
  return { text: cleaned, removed };
}

/**
 * The deepest element nesting accepted. Real exports nest at most 10 levels (the Fujitsu sample;
 * the others 4 to 9) because their rich text travels as CDATA or escaped text, not as elements;
 * 256 leaves a margin of 25 times that for schemas we have not seen, while a file nested deeper
 * is an attack or a broken generator, and refusing it early bounds the work per element.
 */
export const maxXmlDepth = 256;

const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';

type NamespaceScope = {
  /** Binds an element's xmlns declarations; returns the prefixes it bound, to release on close. */
  declare(attributes: Record<string, string>): string[];
  /** The namespace a prefix ('' for the default) is bound to, or undefined when unbound. */
  resolve(prefix: string): string | undefined;
  release(prefixes: string[]): void;
};

/** Prefix bindings as a stack per prefix, so resolving is one lookup however deep the element is. */
function namespaceScope(): NamespaceScope {
  const bindings = new Map<string, string[]>([['xml', [xmlNamespace]]]);
  return {
    declare(attributes) {
      const declared: string[] = [];
      for (const [name, value] of Object.entries(attributes)) {
        const prefix = name === 'xmlns' ? '' : name.startsWith('xmlns:') ? name.slice(6) : null;
        if (prefix === null) continue;
        const uris = bindings.get(prefix);
        if (uris) uris.push(value);
        else bindings.set(prefix, [value]);
        declared.push(prefix);
      }
      return declared;
    },
    resolve(prefix) {
      const uri = bindings.get(prefix)?.at(-1);
      // xmlns="" undeclares the default namespace; a prefix cannot be undeclared in XML 1.0.
      if (uri === '' && prefix !== '') return undefined;
      return uri ?? (prefix === '' ? '' : undefined);
    },
    release(prefixes) {
      for (const prefix of prefixes) bindings.get(prefix)?.pop();
    },
  };
}

/** Parses XML text into an element tree; the warnings say what was repaired. */
export function parseXml(source: string, fileName: string): ParsedXml {
  const warnings: ImportWarning[] = [];
  const { text: cleaned, removed } = removeForbiddenCharacters(
    source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'),
  );
  if (removed > 0) {
    warnings.push({
      code: 'XML_CHARACTER_REMOVED',
      message: text.charactersRemoved(removed),
      where: fileName,
    });
  }
  if (!cleaned.trimStart().startsWith('<')) {
    throw new AppError('IMPORT_INVALID', { message: text.notXml(fileName) });
  }

  // Namespaces are resolved here, not by saxes: its resolution (xmlns: true) walks every open
  // element for every name, which is quadratic in depth (20,000 levels took 4 s, 300,000 froze
  // the server for minutes) and still 6x slower than plain parsing at a depth of a few hundred.
  const parser = new SaxesParser({ xmlns: false });
  const namespaces = namespaceScope();
  const stack: { element: XmlElement; declared: string[] }[] = [];
  let root: XmlElement | null = null;
  const refuse = (reason: string, cause?: unknown): never => {
    const [line, column] = [parser.line, parser.column + 1];
    throw new AppError('IMPORT_INVALID', {
      message: text.malformed(fileName, line, column),
      details: [{ field: `${fileName}:${line}:${column}`, message: reason }],
      cause,
    });
  };
  const splitName = (qualified: string): { prefix: string; local: string } => {
    const colon = qualified.indexOf(':');
    if (colon === -1) return { prefix: '', local: qualified };
    const [prefix, local] = [qualified.slice(0, colon), qualified.slice(colon + 1)];
    if (prefix === '' || local === '' || local.includes(':')) {
      return refuse(`malformed name: ${qualified}.`);
    }
    return { prefix, local };
  };
  parser.on('doctype', (doctype) => {
    throw new AppError('IMPORT_INVALID', {
      message: /<!ENTITY/i.test(doctype)
        ? text.entityRefused(fileName)
        : text.doctypeRefused(fileName),
    });
  });
  parser.on('opentag', (tag) => {
    // Checked as each element opens, so a deeply nested file is refused after maxXmlDepth
    // elements instead of being read to the end first.
    if (stack.length === maxXmlDepth) {
      throw new AppError('IMPORT_INVALID', {
        message: text.tooDeep(fileName, maxXmlDepth, parser.line, parser.column + 1),
      });
    }
    const declared = namespaces.declare(tag.attributes);
    const { prefix, local } = splitName(tag.name);
    if (prefix === 'xmlns') refuse('tags may not have "xmlns" as prefix.');
    const namespace = namespaces.resolve(prefix);
    if (namespace === undefined) refuse(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      const attribute = splitName(name);
      const isBound =
        attribute.prefix === '' ||
        attribute.prefix === 'xmlns' ||
        namespaces.resolve(attribute.prefix) !== undefined;
      if (!isBound) refuse(`unbound namespace prefix: ${JSON.stringify(attribute.prefix)}.`);
      attributes[attribute.local] = value;
    }
    const element: XmlElement = {
      name: local,
      namespace: namespace ?? '',
      attributes,
      children: [],
      text: '',
    };
    const parent = stack.at(-1)?.element;
    if (parent) parent.children.push(element);
    else root = element;
    stack.push({ element, declared });
  });
  parser.on('closetag', () => {
    const closed = stack.pop();
    if (closed) namespaces.release(closed.declared);
  });
  const appendText = (value: string): void => {
    const current = stack.at(-1)?.element;
    if (current) current.text += value;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('error', (error) => refuse(error.message.replace(/^\d+:\d+: /, ''), error));
  parser.write(cleaned).close();
  if (!root) throw new AppError('IMPORT_INVALID', { message: text.notXml(fileName) });
  return { root, warnings };
}

/** The first child with this local name, following a path like "Meeting/Members". */
export function child(element: XmlElement | null, path: string): XmlElement | null {
  let current = element;
  for (const name of path.split('/')) {
    current = current?.children.find((candidate) => candidate.name === name) ?? null;
  }
  return current;
}

/**
 * Every element at the end of a path ("Items/Item"); an absent container or a single element is
 * the same list as many, which is the list normalisation every reader needs.
 */
export function children(element: XmlElement | null, path: string): XmlElement[] {
  const names = path.split('/');
  const last = names.pop() ?? '';
  const parent = names.length ? child(element, names.join('/')) : element;
  return parent?.children.filter((candidate) => candidate.name === last) ?? [];
}

/** The trimmed text at a path, or null when it is absent or empty. */
export function textOf(element: XmlElement | null, path?: string): string | null {
  const target = path === undefined ? element : child(element, path);
  const value = target?.text.trim() ?? '';
  return value === '' ? null : value;
}

/** The text at a path, or IMPORT_INVALID naming what is missing. */
export function requiredText(element: XmlElement | null, path: string, fileName: string): string {
  const value = textOf(element, path);
  if (value === null) {
    throw new AppError('IMPORT_INVALID', { message: text.missingField(fileName, path) });
  }
  return value;
}

/** "True"/"true"/"1" → true, "False"/"false"/"0" → false, else the fallback. */
export function booleanOf(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  if (/^(true|1|ja)$/i.test(value)) return true;
  if (/^(false|0|nej)$/i.test(value)) return false;
  return fallback;
}

/** An attribute that must be there ("Meeting@ID"), or IMPORT_INVALID naming it. */
export function requiredAttribute(
  element: XmlElement | null,
  attribute: string,
  label: string,
  fileName: string,
): string {
  const value = element?.attributes[attribute]?.trim() ?? '';
  if (value === '') {
    throw new AppError('IMPORT_INVALID', { message: text.missingField(fileName, label) });
  }
  return value;
}
