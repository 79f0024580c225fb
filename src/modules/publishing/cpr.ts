/**
 * CPR guard: finds CPR-like numbers in public text before it is published.
 *
 * Pure functions, no I/O. Pass plain text (HTML tags stripped, entities decoded); offsets in a
 * finding are UTF-16 indexes into the string that was passed.
 *
 * Rules:
 * - Shape: `DDMMYYSSSS` (10 digits) or `DDMMYY` + one separator + `SSSS`. Separators:
 *   hyphen-minus, en dash (U+2013), non-breaking hyphen (U+2011), space and no-break space
 *   (U+00A0). Exactly one separator character.
 * - Century from the 7th digit (first digit of the serial): 0–3 → 1900s; 4 and 9 → 2000s if
 *   YY ≤ 36, else 1900s; 5–8 → 2000s if YY ≤ 57, else 1800s. The date must exist in that
 *   year (29 February only in leap years). Dates in the future are not rejected: the guard
 *   prefers a false alarm to a miss.
 * - Modulus 11 only adds to the reason: numbers issued since 2007 may fail it, so a clean,
 *   unlabelled number with a valid date is `high` either way.
 * - `high` = valid date, clean boundaries, no identifier label before it; or labelled "CPR"
 *   ("CPR-nr. 010203-1234", "cpr: 0102031234", "personnummer …") with a clean shape, even if
 *   the date is impossible (a mistyped CPR number is still one).
 * - `low` (warns, does not block) = a valid date, but: part of a longer number (more digits,
 *   digits joined by `-–‑./,`, or a redaction mark "X"), letters directly beside it, a letter-code prefix such as
 *   `EMN-`, a case/document/id label just before it ("Sagsnr.:", "Dok.nr.", "id=",
 *   `documentid="`, "bilag nr.", "j.nr." …), or other numbers beside it separated by one space
 *   (a row of figures).
 * - Anything else (an impossible date without a CPR label) is not reported.
 * Findings never overlap; where candidates overlap, `high` wins, then the earlier one.
 */

/** Danish reason texts shown to the secretary (UI text; to move to the i18n catalogue). */
export const cprReasonTexts = {
  cprLabel: 'Mærket som CPR-nummer',
  validDateModulus11: 'Gyldig dato og modulus 11',
  validDateNoModulus11:
    'Gyldig dato; modulus 11 passer ikke, men det kan numre udstedt efter 2007 heller ikke',
  longerNumber: 'Del af et længere tal',
  besideLetters: 'Står direkte op ad bogstaver',
  codePrefix: 'Del af en kode med bogstaver foran (fx EMN-)',
  identifierLabel: 'Mærket som sags-, dokument- eller id-nummer',
  numberRow: 'Står i en række af tal',
  high: 'høj sikkerhed',
  low: 'lav sikkerhed',
  finding: 'Muligt CPR-nummer',
} as const;

export type CprReasonCode = Exclude<keyof typeof cprReasonTexts, 'high' | 'low' | 'finding'>;

export type CprConfidence = 'high' | 'low';

export type CprFinding = {
  /** Index of the first digit. */
  start: number;
  /** Index after the last digit. */
  end: number;
  /** `text.slice(start, end)`, separator included. */
  text: string;
  /** `high` blocks publishing until redacted or cleared; `low` only warns. */
  confidence: CprConfidence;
  reasonCode: CprReasonCode;
  /** Danish, from `cprReasonTexts`. */
  reason: string;
  modulus11: boolean;
  /** ISO date (yyyy-mm-dd) read by the century rule, or null when the date is impossible. */
  birthDate: string | null;
};

const SEPARATORS = new Set(['-', '\u2013', '\u2011', ' ', '\u00A0']);
/** Characters that join digit groups into one longer number ("2012-0102031234", "1234,50"). */
const NUMBER_JOINERS = new Set(['-', '\u2013', '\u2011', '.', '/', ',']);
const SPACES = new Set([' ', '\u00A0']);
const MODULUS_11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;
const LABEL_WINDOW = 40;
const REDACTED_DIGIT = 'X';

const FILLER = `[\\s.:#=\\-\u2013\u2011"'(/]*`;
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
const CPR_LABEL = new RegExp(
  `${NOT_AFTER_WORD}(?:cpr|personnummer|personnr)(?:[.\\-\\s]?(?:nr|nummer|no))?${FILLER}$`,
  'iu',
);
/** Stems that label an identifier on their own ("sag 12", "id=", "dokument …"). */
const LABEL_STEMS_ALONE = [
  'sag',
  'sagen',
  'sags',
  'journal',
  'dok',
  'dokument',
  'document',
  'bilag',
  'bilags',
  'attachment',
  'case',
  'emn',
  'ref',
  'reference',
  'konto',
  'ean',
  'cvr',
  'faktura',
];
/** Stems that label an identifier only with a suffix ("j.nr.", "p-nr", "løbenr"). */
const LABEL_STEMS_WITH_SUFFIX = ['j', 'jr', 'p', 'se', 'løbe', 'ordre', 'akt'];
const LABEL_SUFFIX = '(?:id|nr|nummer|no)';
const IDENTIFIER_LABEL = new RegExp(
  `${NOT_AFTER_WORD}(?:id|jnr|(?:${LABEL_STEMS_ALONE.join('|')})(?:[.\\-\\s]?${LABEL_SUFFIX})?|` +
    `(?:${LABEL_STEMS_WITH_SUFFIX.join('|')})[.\\-\\s]?${LABEL_SUFFIX})\\.?${FILLER}$`,
  'iu',
);
const CODE_PREFIX = /\p{L}[-\u2013\u2011/]$/u;
const LETTER = /\p{L}/u;

type Candidate = {
  start: number;
  end: number;
  digits: string;
  /** More digits belong to the same number. */
  isEmbedded: boolean;
};

/** Finds CPR-like numbers in plain text, each marked `high` (blocks) or `low` (warns). */
export function findCprNumbers(text: string): CprFinding[] {
  const findings: CprFinding[] = [];
  for (const candidate of listCandidates(text)) {
    const finding = assessCandidate(text, candidate);
    if (finding) findings.push(finding);
  }
  findings.sort(
    (a, b) => rankConfidence(b.confidence) - rankConfidence(a.confidence) || a.start - b.start,
  );
  // Marks taken characters instead of comparing every pair: attachment text can be long.
  const isTaken = new Uint8Array(text.length);
  const chosen: CprFinding[] = [];
  for (const finding of findings) {
    if (isTaken.subarray(finding.start, finding.end).some((taken) => taken === 1)) continue;
    isTaken.fill(1, finding.start, finding.end);
    chosen.push(finding);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Replaces the digits of each finding with "X", keeping separators and the text's length
 * ("010203-1234" → "XXXXXX-XXXX", "0102031234" → "XXXXXXXXXX"), so other offsets stay valid.
 * Without `findings` every finding, high and low, is redacted; pass
 * `findCprNumbers(text).filter((f) => f.confidence === 'high')` to redact only the blocking ones.
 * Throws if a finding does not match the text (it was found in another version of it).
 */
export function redactCprNumbers(text: string, findings?: readonly CprFinding[]): string {
  const chars = text.split('');
  for (const finding of findings ?? findCprNumbers(text)) {
    if (text.slice(finding.start, finding.end) !== finding.text) {
      throw new Error(`CPR finding at ${finding.start}–${finding.end} does not match the text`);
    }
    for (let index = finding.start; index < finding.end; index += 1) {
      if (isDigit(chars[index])) chars[index] = REDACTED_DIGIT;
    }
  }
  return chars.join('');
}

/** The finding as it may be shown: the serial masked ("010203-XXXX"). */
export function maskCprFinding(finding: CprFinding): string {
  return finding.text.slice(0, 6) + finding.text.slice(6).replace(/\d/g, 'X');
}

/** One Danish line for the secretary or the audit log; the serial is masked ("010203-XXXX"). */
export function describeCprFinding(finding: CprFinding): string {
  const masked = maskCprFinding(finding);
  const confidence = finding.confidence === 'high' ? cprReasonTexts.high : cprReasonTexts.low;
  return `${cprReasonTexts.finding} ${masked} (${confidence}): ${finding.reason}`;
}

/** Whether a 10-digit CPR number passes the (pre-2007) modulus 11 check. */
export function hasValidModulus11(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 10; index += 1) {
    sum += Number(digits[index]) * MODULUS_11_WEIGHTS[index]!;
  }
  return sum % 11 === 0;
}

/** The birth date a 10-digit CPR number encodes (century from the 7th digit), or null. */
export function readCprBirthDate(digits: string): string | null {
  if (!/^\d{10}$/.test(digits)) return null;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const year = centuryOf(Number(digits[6]), yy) + yy;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return isLeap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isRedactedDigit(char: string | undefined): boolean {
  return char === REDACTED_DIGIT;
}

function isDigitOrRedacted(char: string | undefined): boolean {
  return isDigit(char) || isRedactedDigit(char);
}

function rankConfidence(confidence: CprConfidence): number {
  return confidence === 'high' ? 1 : 0;
}

/** Every 10-digit window of a digit run, and every "6+ digits, separator, 4+ digits" joint. */
function listCandidates(text: string): Candidate[] {
  const runs = [...text.matchAll(/\d+/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const candidates: Candidate[] = [];
  runs.forEach((run, index) => {
    const length = run.end - run.start;
    for (let start = run.start; start + 10 <= run.end; start += 1) {
      candidates.push({
        start,
        end: start + 10,
        digits: text.slice(start, start + 10),
        isEmbedded: length > 10,
      });
    }
    const next = runs[index + 1];
    if (
      next &&
      length >= 6 &&
      next.start === run.end + 1 &&
      SEPARATORS.has(text[run.end]!) &&
      next.end - next.start >= 4
    ) {
      candidates.push({
        start: run.end - 6,
        end: next.start + 4,
        digits: text.slice(run.end - 6, run.end) + text.slice(next.start, next.start + 4),
        isEmbedded: length > 6 || next.end - next.start > 4,
      });
    }
  });
  return candidates;
}

function assessCandidate(text: string, candidate: Candidate): CprFinding | null {
  const { start, end, digits } = candidate;
  const before = text.slice(Math.max(0, start - LABEL_WINDOW), start);
  const birthDate = readCprBirthDate(digits);
  const modulus11 = hasValidModulus11(digits);
  // A redacted "X" still counts as a digit here, so redacting one number never turns the
  // digits left beside it into a new, separate finding.
  const isEmbedded =
    candidate.isEmbedded ||
    isRedactedDigit(text[start - 1]) ||
    isRedactedDigit(text[end]) ||
    (NUMBER_JOINERS.has(text[start - 1] ?? '') && isDigitOrRedacted(text[start - 2])) ||
    (NUMBER_JOINERS.has(text[end] ?? '') && isDigitOrRedacted(text[end + 1]));

  const make = (confidence: CprConfidence, reasonCode: CprReasonCode): CprFinding => ({
    start,
    end,
    text: text.slice(start, end),
    confidence,
    reasonCode,
    reason: cprReasonTexts[reasonCode],
    modulus11,
    birthDate,
  });

  if (isEmbedded) return birthDate ? make('low', 'longerNumber') : null;
  if (CPR_LABEL.test(before)) return make('high', 'cprLabel');
  if (!birthDate) return null;
  if (LETTER.test(text[start - 1] ?? '') || LETTER.test(text[end] ?? '')) {
    return make('low', 'besideLetters');
  }
  if (CODE_PREFIX.test(before)) return make('low', 'codePrefix');
  if (IDENTIFIER_LABEL.test(before)) return make('low', 'identifierLabel');
  if (
    (SPACES.has(text[start - 1] ?? '') && isDigit(text[start - 2])) ||
    (SPACES.has(text[end] ?? '') && isDigit(text[end + 1]))
  ) {
    return make('low', 'numberRow');
  }
  return make('high', modulus11 ? 'validDateModulus11' : 'validDateNoModulus11');
}
