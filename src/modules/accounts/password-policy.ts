import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type { TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import { da } from '../../platform/i18n/da';
import { lazyPackage } from '../../platform/lazy-package';

// Loaded with the first password checked, not at start-up (the dictionaries are large).
const zxcvbnCore = lazyPackage<typeof ZxcvbnCore>('@zxcvbn-ts/core');
const zxcvbnCommon = lazyPackage<typeof ZxcvbnCommon>('@zxcvbn-ts/language-common');

/**
 * What a password a person chooses must be: long enough, not only spaces, and hard to guess as
 * zxcvbn estimates it (score 3 of 4: about 10^8 guesses, safe behind the login throttle and a
 * slow hash), counting the person's own name and e-mail as easy guesses.
 */
export const passwordRules = {
  minLength: 12,
  maxLength: 200,
  minScore: 3,
  /**
   * zxcvbn's work grows with the length; past this many characters it looks only at the start.
   * A long password's start is rarely weaker than the whole, and 100 characters take tens of ms.
   */
  checkedLength: 100,
} as const;

/**
 * Danish words people build passwords from that zxcvbn's common dictionaries lack (there is no
 * Danish language pack), most common first, so "Sommer2024!" counts as a word and a year.
 */
const danishWords = [
  'kodeord',
  'adgangskode',
  'password',
  'sommer',
  'vinter',
  'forår',
  'efterår',
  'danmark',
  'dansk',
  'kommune',
  'kommunen',
  'byråd',
  'udvalg',
  'velkommen',
  'hemmelig',
  'hemmeligt',
  'elsker',
  'kærlighed',
  'hejsa',
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
  'mandag',
  'tirsdag',
  'onsdag',
  'torsdag',
  'fredag',
  'lørdag',
  'søndag',
  'københavn',
  'aarhus',
  'odense',
  'aalborg',
  'esbjerg',
  'jylland',
  'sjælland',
  'hund',
  'kat',
  'hest',
  'fodbold',
  'sekretariat',
  'borger',
  'medarbejder',
  // The same words as written on keyboards without æ, ø and å.
  'foraar',
  'efteraar',
  'byraad',
  'kaerlighed',
  'loerdag',
  'soendag',
  'koebenhavn',
  'sjaelland',
];

// Built once, on first use: ranking the dictionaries takes tens of milliseconds.
let checker: ZxcvbnFactory | undefined;

function strengthChecker(): ZxcvbnFactory {
  const { dictionary, adjacencyGraphs } = zxcvbnCommon();
  checker ??= new (zxcvbnCore().ZxcvbnFactory)({
    dictionary: { ...dictionary, danish: danishWords },
    graphs: adjacencyGraphs,
    maxLength: passwordRules.checkedLength,
  });
  return checker;
}

type WarningKey = keyof TranslationKeys['warnings'];
type SuggestionKey = keyof TranslationKeys['suggestions'];

// Typed here so the catalogue must have a Danish text for every key zxcvbn can give.
const warnings: Record<WarningKey, string> = da.auth.passwordFeedback.warnings;
const suggestions: Record<SuggestionKey, string> = da.auth.passwordFeedback.suggestions;

const isKnownKey = <K extends string>(table: Record<K, string>, key: string): key is K =>
  Object.hasOwn(table, key);

/** The words of a person's name and e-mail, which a guesser targeting them tries first. */
export function personalWords(person: { email: string; name: string }): string[] {
  const words = [
    person.email,
    ...person.email.split(/[@._+-]/),
    person.name,
    ...person.name.split(/\s+/),
    da.appName,
  ].map((word) => word.trim().toLowerCase());
  return [...new Set(words.filter((word) => word.length >= 3))];
}

/** What is wrong with a new password, as one Danish message, or undefined when it will do. */
export function newPasswordProblem(
  password: string,
  person: { email: string; name: string },
): string | undefined {
  const t = da.auth.passwordFeedback;
  if (password.trim() === '') return t.blank;
  const length = [...password].length;
  if (length < passwordRules.minLength) return da.validation.passwordLength;
  if (length > passwordRules.maxLength) return da.validation.tooLong(passwordRules.maxLength);
  const result = strengthChecker().check(password, personalWords(person));
  if (result.score >= passwordRules.minScore) return undefined;
  const { warning, suggestions: keys } = result.feedback;
  const hints = [
    warning && isKnownKey(warnings, warning) ? warnings[warning] : undefined,
    ...keys.map((key) => (isKnownKey(suggestions, key) ? suggestions[key] : undefined)),
  ].filter((hint) => hint !== undefined);
  return [t.tooWeak, ...(hints.length > 0 ? hints : [t.generalHint])].join(' ');
}
