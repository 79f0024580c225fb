import { readability } from './readability';

/** The seed's memo template (Aarhus, Sociale Forhold og Beskæftigelse), used when an organization has none. */
export const defaultSectionHeadings = [
  'INDSTILLING',
  'SAGSFREMSTILLING',
  'HANDLEMULIGHEDER/LØSNINGER',
  'ØKONOMI',
  'KOMMUNIKATION',
  'VIDERE PROCES',
  'KOORDINERET MED',
  'BILAG',
] as const;

/** Limits of the short cover, from the seed's wish for "korte covers" to the alderman. */
export const coverLimits = { maxWords: 200, maxKeyMessages: 3, maxKeyMessageWords: 30 } as const;

/** Case numbers like EMN-2023-012026 (system prefix, year, serial). */
export const caseNumberPattern = /^[A-ZÆØÅ]{2,6}-\d{4}-\d{4,8}$/u;

/** Words as LIX counts them, so the limits and the readability figures agree. */
export function countWords(text: string): number {
  return readability(text).words;
}
