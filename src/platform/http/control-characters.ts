/**
 * Characters no text of ours may hold, shared by the input guard (which refuses them) and the
 * feed writers (which drop them from text stored before the guard existed).
 *
 * Control characters other than tab, line feed and carriage return (C0, DEL and C1): NUL cannot
 * be stored in PostgreSQL text at all; RFC 5545 forbids every control but HTAB in iCalendar
 * TEXT; XML 1.0 forbids the C0 ones; and none is visible to the person who reads the text.
 */
const controlCharacter = /(?![\t\n\r])\p{Cc}/u;

/**
 * Bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). They
 * reorder what follows them as displayed ("gpj.exe" shown as "exe.jpg"), a known spoofing
 * trick. Arabic or Hebrew text needs none of them: the Unicode bidirectional algorithm orders it
 * by itself, and the marks LRM/RLM remain allowed.
 */
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;

export function hasControlCharacter(text: string): boolean {
  return controlCharacter.test(text);
}

export function hasBidiControl(text: string): boolean {
  return bidiControl.test(text);
}

/** The text without either kind: removed, not replaced, as they have no visible form. */
export function withoutControlCharacters(text: string): string {
  return text
    .replace(new RegExp(controlCharacter.source, 'gu'), '')
    .replace(new RegExp(bidiControl.source, 'gu'), '');
}
