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

/** Case numbers like EMN-2023-012026 (system prefix, year, serial); the default pattern. */
export const defaultCaseNumberPattern = '[A-ZÆØÅ]{2,6}-\\d{4}-\\d{4,8}';

/** An organization's rules for papers sent to it (administrators change them per organization). */
export type PaperRules = {
  coverMaxWords: number;
  keyMessageMaxWords: number;
  /** Papers must carry a short cover before they are submitted. */
  coverRequired: boolean;
  /** A regular expression the whole case number must match. */
  caseNumberPattern: string;
  /** A case number that matches, shown to users as the expected form. */
  caseNumberExample: string;
  submissionDeadlineWorkingDays: number;
};

/** The seed asks for short covers to the alderman's circle and the directors. */
const coverRequiredByDefault = new Set(['raadmandskreds', 'direktion']);

/** The rules of an organization that has not set its own. */
export function defaultPaperRules(classification: string): PaperRules {
  return {
    coverMaxWords: coverLimits.maxWords,
    keyMessageMaxWords: coverLimits.maxKeyMessageWords,
    coverRequired: coverRequiredByDefault.has(classification),
    caseNumberPattern: defaultCaseNumberPattern,
    caseNumberExample: 'EMN-2023-012026',
    submissionDeadlineWorkingDays: 5,
  };
}

/** The pattern as an anchored regular expression, or undefined when it does not compile. */
export function caseNumberRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

/** Words as LIX counts them, so the limits and the readability figures agree. */
export function countWords(text: string): number {
  return readability(text).words;
}

/** The default pattern, compiled: finds case numbers in imported text. */
export const caseNumberPattern = caseNumberRegExp(defaultCaseNumberPattern)!;
