/**
 * Web-search syntax → the text of a tsquery for to_tsquery('danish', …). User text never reaches
 * to_tsquery as it is: every lexeme is rebuilt from letters, digits and marks only and quoted, and
 * the operators are ours, so the result is always a valid tsquery.
 *
 *   words           all must match (AND), each also as a prefix ("beskæftigelse" finds
 *                   "beskæftigelsesområdet")
 *   "exact phrase"  the words next to each other (<->), no prefix
 *   -word, -"a b"   must not match (!)
 *   a OR b          either (binds tighter than AND: `x a OR b` is x & (a | b))
 *   EMN-2023-012026, bilag.pdf
 *                   an identifier (a case number, a file name): matched exactly, as PostgreSQL's
 *                   parser splits it in the documents ("-2023" is a signed number there, and
 *                   "bilag.pdf" one word), so it is handed to to_tsquery whole, not in words
 *   punkt 4, pkt. 4.A
 *                   an agenda item by its number: the item numbered so (with the other words in
 *                   its own text or its meeting's title) ranks first; the words also match as the
 *                   phrase "punkt 4" in any text
 */
export type ParsedQuery = {
  /** Undefined when nothing positive is left to search for (empty, only exclusions, only signs). */
  tsquery: string | undefined;
  /** The positive words as typed, for fuzzy name matching (pg_trgm similarity). */
  nameText: string;
  /**
   * A wider tsquery that the GIN index answers without reading the documents: phrases as plain
   * AND, excluded phrases left out. Every match of tsquery matches it too. Undefined when it would
   * be tsquery itself (no phrase).
   */
  indexTsquery?: string;
  /**
   * The phrases every match must contain, as typed: the index finds them by their adjacent word
   * pairs (search_phrase_pairs in SQL), so that only documents with the pairs are read.
   */
  phrases: string[];
  /** The identifiers searched for (not excluded), lower-case: their own record ranks first. */
  identifiers: string[];
  /** The agenda item numbers asked for ("punkt 4"), lower-case ("4", "4.a"): those items rank first. */
  itemNumbers: string[];
  /**
   * What an item with one of itemNumbers must match besides its number, in its own text or its
   * meeting's title: the groups of terms without an item number. Undefined when there are none.
   */
  itemRestTsquery?: string;
};

type Term = {
  negated: boolean;
  words: string[];
  isPhrase: boolean;
  /** The term as typed when it is an identifier: letters, digits and - . / _ only. */
  identifier?: string;
  /** The item number of "punkt 4", lower-case. */
  itemNumber?: string;
};

/** Long enough for any real word; keeps lexemes far below PostgreSQL's 2 kB limit. */
const maxWordLength = 60;
/** Enough for any sensible query; bounds the work a crafted one can cause. */
const maxTerms = 24;

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** Words joined by - . / _ (nothing that is tsquery syntax), with a digit or a file extension. */
const identifierPattern = /^[\p{L}\p{N}\p{M}]+(?:[-./_][\p{L}\p{N}\p{M}]+)+$/u;
const maxIdentifierLength = 120;

function identifierOf(raw: string): string | undefined {
  // Punctuation around it, as in "se EMN-2023-012026.", is not part of it.
  const trimmed = raw.normalize('NFC').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (trimmed.length > maxIdentifierLength || !identifierPattern.test(trimmed)) return undefined;
  const isIdentifier = /\p{N}/u.test(trimmed) || /\.\p{L}{2,5}$/u.test(trimmed);
  return isIdentifier ? trimmed.toLocaleLowerCase('da') : undefined;
}

function wordsOf(text: string): string[] {
  return [...text.normalize('NFC').toLocaleLowerCase('da').matchAll(wordPattern)].map((match) =>
    match[0].slice(0, maxWordLength),
  );
}

type Token = { kind: 'or' } | { kind: 'term'; term: Term };

/** What comes before an item number: "punkt 4", "Pkt. 4". */
const itemWords = new Set(['punkt', 'pkt']);
/** "4", "12", "4.a", "4.1" (an imported agenda's own numbering). */
const itemNumberPattern = /^\p{N}{1,3}(?:\.(?:\p{N}{1,3}|\p{L}{1,2}))?$/u;

/** "punkt" followed by a number becomes one term: the phrase, carrying the item number. */
function itemReference(word: Term, number: Term): Term | undefined {
  if (word.negated || number.negated || word.isPhrase || word.words.length !== 1) return undefined;
  if (!itemWords.has(word.words[0]!)) return undefined;
  const itemNumber = number.identifier ?? (number.words.length === 1 ? number.words[0]! : '');
  if (!itemNumberPattern.test(itemNumber)) return undefined;
  // The number whole, as PostgreSQL reads "4.1" in a text: one word.
  return { negated: false, words: [word.words[0]!, itemNumber], isPhrase: true, itemNumber };
}

function joinItemReferences(tokens: readonly Token[]): Token[] {
  const joined: Token[] = [];
  for (const token of tokens) {
    const previous = joined.at(-1);
    const reference =
      token.kind === 'term' && previous?.kind === 'term'
        ? itemReference(previous.term, token.term)
        : undefined;
    if (reference) joined[joined.length - 1] = { kind: 'term', term: reference };
    else joined.push(token);
  }
  return joined;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < input.length && tokens.length < maxTerms * 2) {
    const char = input[at]!;
    if (/\s/u.test(char)) {
      at++;
      continue;
    }
    let negated = false;
    if (char === '-' && at + 1 < input.length && !/\s/u.test(input[at + 1]!)) {
      negated = true;
      at++;
    }
    if (input[at] === '"') {
      const end = input.indexOf('"', at + 1);
      const stop = end === -1 ? input.length : end;
      const words = wordsOf(input.slice(at + 1, stop));
      at = stop + 1;
      if (words.length > 0) tokens.push({ kind: 'term', term: { negated, words, isPhrase: true } });
      continue;
    }
    let end = at;
    while (end < input.length && !/\s/u.test(input[end]!) && input[end] !== '"') end++;
    const raw = input.slice(at, end);
    at = end;
    if (raw === 'OR' && !negated) {
      tokens.push({ kind: 'or' });
      continue;
    }
    const words = wordsOf(raw);
    const identifier = identifierOf(raw);
    // "e-mail" is one term of several words, matched as a phrase like PostgreSQL's own.
    if (words.length > 0) {
      const term: Term = { negated, words, isPhrase: words.length > 1 };
      tokens.push({ kind: 'term', term: identifier ? { ...term, identifier } : term });
    }
  }
  return tokens;
}

function termQuery(term: Term): string {
  if (term.identifier !== undefined) {
    const body = `'${term.identifier}'`;
    return term.negated ? `!${body}` : body;
  }
  const lexemes = term.words.map((word) => `'${word}'`);
  const body =
    term.isPhrase || lexemes.length > 1 ? `(${lexemes.join(' <-> ')})` : `${lexemes[0]!}:*`;
  return term.negated ? `!${body}` : body;
}

/** A term's part of indexTsquery; undefined where only reading the document can decide. */
function indexTermQuery(term: Term): string | undefined {
  // An identifier's parts are rare: the index answers its phrase with a cheap recheck.
  if (term.words.length === 1 || term.identifier !== undefined) return termQuery(term);
  if (term.negated) return undefined;
  return `(${term.words.map((word) => `'${word}'`).join(' & ')})`;
}

function indexQuery(groups: readonly Term[][]): string | undefined {
  const parts: string[] = [];
  for (const group of groups) {
    const terms = group.map(indexTermQuery);
    // A group with an undecidable term may be true for any document, so it narrows nothing.
    if (terms.every((term) => term !== undefined)) {
      parts.push(terms.length === 1 ? terms[0]! : `(${terms.join(' | ')})`);
    }
  }
  return parts.length > 0 ? parts.join(' & ') : undefined;
}

/** Parses what the user typed into a safe tsquery text and the words for name matching. */
export function parseSearchQuery(input: string): ParsedQuery {
  // Groups of terms joined by OR; the groups are AND-ed.
  const groups: Term[][] = [];
  let joinNext = false;
  let termCount = 0;
  for (const token of joinItemReferences(tokenize(input))) {
    if (token.kind === 'or') {
      joinNext = groups.length > 0;
      continue;
    }
    if (termCount >= maxTerms) break;
    termCount++;
    const last = groups.at(-1);
    if (joinNext && last) last.push(token.term);
    else groups.push([token.term]);
    joinNext = false;
  }
  // A group that is all exclusions is kept; but something must be searched for positively, or
  // the query would match (and scan) nearly everything.
  const hasPositive = groups.some((group) => group.every((term) => !term.negated));
  const positiveWords = groups.flatMap((group) =>
    group.filter((term) => !term.negated).flatMap((term) => term.words),
  );
  if (!hasPositive) {
    return { tsquery: undefined, nameText: '', phrases: [], identifiers: [], itemNumbers: [] };
  }
  const groupQuery = (group: readonly Term[]) =>
    group.length === 1 ? termQuery(group[0]!) : `(${group.map(termQuery).join(' | ')})`;
  const tsquery = groups.map(groupQuery).join(' & ');
  const hasPhrase = groups.some((group) => group.some((term) => term.words.length > 1));
  const indexTsquery = hasPhrase ? indexQuery(groups) : undefined;
  const phrases = groups.flatMap(([term, ...others]) =>
    term !== undefined &&
    others.length === 0 &&
    !term.negated &&
    term.identifier === undefined &&
    term.words.length > 1
      ? [term.words.join(' ')]
      : [],
  );
  const identifiers = groups.flatMap((group) =>
    group.flatMap((term) => (!term.negated && term.identifier ? [term.identifier] : [])),
  );
  const itemNumbers = [
    ...new Set(
      groups.flatMap((group) =>
        group.flatMap((term) => (term.itemNumber === undefined ? [] : [term.itemNumber])),
      ),
    ),
  ];
  const restGroups = groups.filter((group) => group.every((term) => term.itemNumber === undefined));
  const itemRestTsquery =
    itemNumbers.length > 0 && restGroups.length > 0
      ? restGroups.map(groupQuery).join(' & ')
      : undefined;
  return {
    tsquery,
    nameText: positiveWords.join(' '),
    phrases,
    identifiers,
    itemNumbers,
    ...(indexTsquery === undefined ? {} : { indexTsquery }),
    ...(itemRestTsquery === undefined ? {} : { itemRestTsquery }),
  };
}
