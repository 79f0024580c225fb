import { escapeUTF8 } from 'entities';
import { matchStart, matchStop } from './repository';

/** A piece of a snippet: matched words are marked. */
export type SnippetPart = { text: string; isMatch: boolean };

/**
 * Splits ts_headline's output at its markers. The markers were stripped from the indexed text
 * before highlighting, so every one here is ts_headline's own; an unpaired one is dropped.
 * White space is collapsed.
 */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let isMatch = false;
  let text = '';
  const flush = () => {
    // Tags stripped from memo HTML leave runs of white space.
    const tidy = text.replace(/\s+/gu, ' ');
    if (tidy !== '' && !(parts.length === 0 && tidy === ' ')) parts.push({ text: tidy, isMatch });
    text = '';
  };
  for (const char of headline) {
    if (char === matchStart || char === matchStop) {
      flush();
      isMatch = char === matchStart;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

/** The snippet as HTML: every piece of text escaped, matches in <mark>. */
export function snippetHtml(parts: readonly SnippetPart[]): string {
  return parts
    .map((part) => (part.isMatch ? `<mark>${escapeUTF8(part.text)}</mark>` : escapeUTF8(part.text)))
    .join('');
}
