/**
 * LIX readability (Björnsson): words per sentence + 100 × long words per word, where a long
 * word has more than six letters. Sentences end at . ! ? : and at paragraph breaks, except
 * after Danish abbreviations ("bl.a.", "jf.", "f.eks.") and ordinals in dates ("d. 19. november").
 */

export type LixBand = 'meget let' | 'let' | 'middel' | 'svær' | 'meget svær';

export type Readability = {
  words: number;
  sentences: number;
  longWords: number;
  /** Rounded to a whole number, as LIX is usually quoted; 0 for a text without words. */
  lix: number;
  band: LixBand;
  /** Sentences of more than 25 words, which readers lose track of. */
  longSentences: Array<{ text: string; words: number }>;
};

export const longSentenceWords = 25;

/** LIX of a few lines says nothing ("Koordineret med" scored 79): shown from this many words. */
const lixMinimumWords = 30;

/** Whether the text is long enough for its LIX to mean something. */
export function hasMeaningfulLix(readability: Pick<Readability, 'words'>): boolean {
  return readability.words >= lixMinimumWords;
}

/** The Danish LIX bands. */
export function lixBand(lix: number): LixBand {
  if (lix <= 24) return 'meget let';
  if (lix <= 34) return 'let';
  if (lix <= 44) return 'middel';
  if (lix <= 54) return 'svær';
  return 'meget svær';
}

/** Abbreviations whose full stop does not end a sentence (compared in lower case). */
const abbreviations = new Set([
  'bl.a.',
  'jf.',
  'f.eks.',
  'stk.',
  'ca.',
  'kr.',
  'pkt.',
  'd.',
  'dvs.',
  'evt.',
  'osv.',
  'mv.',
  'm.v.',
  'm.m.',
  'mm.',
  'nr.',
  'pga.',
  'p.g.a.',
  'mht.',
  'm.h.t.',
  'ift.',
  'i.f.t.',
  'inkl.',
  'ekskl.',
  'vedr.',
  'hhv.',
  'ang.',
  'iht.',
  'i.h.t.',
  'o.l.',
  'el.',
  'etc.',
  'mio.',
  'mia.',
  'min.',
  'kl.',
  'tlf.',
  'ff.',
  'fx.',
  'ifm.',
  'i.f.m.',
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'okt.',
  'nov.',
  'dec.',
  'ndr.',
  'sdr.',
  'st.',
  'tv.',
  'th.',
  'mr.',
  'hr.',
  'fr.',
  'dr.',
  'prof.',
  'adm.',
  'afd.',
  'ekskl.',
  'bek.',
  'lov.',
  'j.nr.',
  'sag.',
  'ø.',
]);

const closingPunctuation = /[)"'»”’\]]+$/u;
const openingPunctuation = /^[("'«“‘[]+/u;
const hasWordCharacter = /[\p{L}\p{N}]/u;
const letter = /\p{L}/gu;

type Token = { raw: string; startsLine: boolean; endsParagraph: boolean };

/** Whitespace-separated tokens, remembering line starts and paragraph breaks. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/);
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n');
    const before = tokens.length;
    for (const line of lines) {
      const parts = line.split(/[\s\u00a0]+/u).filter(Boolean);
      parts.forEach((raw, index) =>
        tokens.push({ raw, startsLine: index === 0, endsParagraph: false }),
      );
    }
    const last = tokens[tokens.length - 1];
    if (tokens.length > before && last) last.endsParagraph = true;
  }
  return tokens;
}

function endsSentence(token: Token, next: Token | undefined): boolean {
  if (token.endsParagraph) return true;
  const trimmed = token.raw.replace(closingPunctuation, '');
  if (/[!?:]$/u.test(trimmed) || trimmed.endsWith('...') || trimmed.endsWith('…')) return true;
  if (!trimmed.endsWith('.')) return false;
  const bare = trimmed.replace(openingPunctuation, '').toLowerCase();
  if (abbreviations.has(bare)) return false;
  if (/^\d+\.$/u.test(bare)) {
    // "1." opening a line is a list number; "19. november" and "2. mio." are ordinals.
    if (token.startsLine) return false;
    const following = next?.raw.replace(openingPunctuation, '') ?? '';
    if (/^[\p{Ll}\p{N}]/u.test(following)) return false;
  }
  return true;
}

function letterCount(word: string): number {
  return word.match(letter)?.length ?? 0;
}

/** The sentences of a plain text, each as the tokens it was written with. */
export function splitSentences(text: string): string[] {
  const tokens = tokenize(text);
  const sentences: string[] = [];
  let current: string[] = [];
  tokens.forEach((token, index) => {
    current.push(token.raw);
    if (endsSentence(token, tokens[index + 1])) {
      if (current.some((raw) => hasWordCharacter.test(raw))) sentences.push(current.join(' '));
      current = [];
    }
  });
  if (current.some((raw) => hasWordCharacter.test(raw))) sentences.push(current.join(' '));
  return sentences;
}

/** The words of a text as LIX counts them (tokens with a letter or digit). */
export function wordsOf(text: string): string[] {
  return text.split(/[\s\u00a0]+/u).filter((token) => hasWordCharacter.test(token));
}

/** LIX and the figures behind it for plain text (paragraphs separated by blank lines). */
export function readability(text: string): Readability {
  const sentences = splitSentences(text).map(wordsOf);
  const words = sentences.flat();
  const longWords = words.filter((word) => letterCount(word) > 6).length;
  const longSentences = sentences
    .filter((sentence) => sentence.length > longSentenceWords)
    .map((sentence) => ({ text: sentence.join(' '), words: sentence.length }));
  const lix =
    words.length === 0
      ? 0
      : Math.round(words.length / sentences.length + (100 * longWords) / words.length);
  return {
    words: words.length,
    sentences: sentences.length,
    longWords,
    lix,
    band: lixBand(lix),
    longSentences,
  };
}
