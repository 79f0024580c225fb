import { escapeUTF8 } from 'entities';
import { matchStart, matchStop } from './repository';

/** A piece of a snippet: matched words are marked. */
export type SnippetPart = { text: string; isMatch: boolean };

/**
 * Splits ts_headline's output at its markers. The markers were stripped from the indexed text
 * before highlighting, so every one here is ts_headline's own; an unpaired one is dropped.
 */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let isMatch = false;
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text, isMatch });
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
