import { withoutControlCharacters } from './control-characters';

/**
 * Text stored or imported before input was guarded may hold any character; a feed (iCalendar,
 * RSS) that carried control or bidi characters raw would be invalid or misleading, so writers
 * pass every text through this.
 */
export function cleanFeedText(text: string): string {
  return withoutControlCharacters(text);
}
