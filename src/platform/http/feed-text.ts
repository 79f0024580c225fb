// C0 controls but tab, line feed and carriage return, DEL, and the C1 controls: RFC 5545 forbids
// every control but HTAB in TEXT (line breaks are written as the \n escape), XML 1.0 forbids the
// C0 ones and discourages the rest.
const controlCharacter = /(?![\t\n\r])\p{Cc}/gu;
// Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): in a feed reader
// or calendar they reorder the rest of the line, which can make a title read as something else.
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Text stored or imported before input was guarded may hold any character; a feed (iCalendar,
 * RSS) that carried them raw would be invalid or misleading, so writers pass every text through
 * this. Removed, not replaced: these characters have no visible form to stand in for.
 */
export function cleanFeedText(text: string): string {
  return text.replace(controlCharacter, '').replace(bidiControl, '');
}
