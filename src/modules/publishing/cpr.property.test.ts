import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCprNumbers, redactCprNumbers } from './cpr';

// Written apart from cpr.ts on purpose: the century table from the CPR rules.
function yearOf(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

const two = (value: number) => String(value).padStart(2, '0');

/** A CPR number with a real date in the century its 7th digit gives, and an ISO birth date. */
const validCpr = fc
  .record({
    yy: fc.integer({ min: 0, max: 99 }),
    seventhDigit: fc.integer({ min: 0, max: 9 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    rest: fc.integer({ min: 0, max: 999 }),
    separator: fc.constantFrom('', '-', '\u2013', '\u2011', ' ', '\u00A0'),
  })
  .map(({ yy, seventhDigit, month, day, rest, separator }) => {
    const year = yearOf(yy, seventhDigit);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const realDay = Math.min(day, lastDay);
    const serial = `${seventhDigit}${String(rest).padStart(3, '0')}`;
    return {
      text: `${two(realDay)}${two(month)}${two(yy)}${separator}${serial}`,
      birthDate: `${year}-${two(month)}-${two(realDay)}`,
    };
  });

const danishWords = fc.constantFrom(
  'Udvalget',
  'besluttede',
  'at',
  'godkende',
  'ansøgningen',
  'fra',
  'borgeren',
  'på',
  'mødet',
  'i',
  'Ballerup,',
  'økonomi.',
  'Ærø',
  'blev',
  'behandlet',
  'og',
  'født',
  '(bilag)',
  'Indstilling:',
);
const words = fc.array(danishWords, { maxLength: 6 }).map((list) => list.join(' '));
const digits = (maxLength: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { maxLength }).map((list) => list.join(''));

describe('findCprNumbers properties', () => {
  it('finds any valid CPR number between Danish words as high', () => {
    fc.assert(
      fc.property(words, validCpr, words, (before, cpr, after) => {
        const prefix = before ? `${before} ` : '';
        const text = `${prefix}${cpr.text}${after ? ` ${after}` : ''}`;
        const findings = findCprNumbers(text);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({
          start: prefix.length,
          end: prefix.length + cpr.text.length,
          text: cpr.text,
          confidence: 'high',
          birthDate: cpr.birthDate,
        });
      }),
    );
  });

  it('never rates a number inside a longer digit run high', () => {
    fc.assert(
      fc.property(
        words,
        digits(5),
        validCpr,
        digits(5),
        words,
        (before, head, cpr, tail, after) => {
          fc.pre(head.length + tail.length > 0);
          const text = `${before} ${head}${cpr.text}${tail} ${after}`;
          const findings = findCprNumbers(text);
          expect(findings.every((finding) => finding.confidence === 'low')).toBe(true);
        },
      ),
    );
  });

  it('redaction leaves no finding behind and changes nothing but their digits', () => {
    const piece = fc.oneof(
      danishWords,
      validCpr.map((cpr) => cpr.text),
      digits(12),
      fc.constantFrom('CPR-nr.', 'Sagsnr.:', 'id=', 'EMN-', 'X', '2012-'),
      fc.string({ maxLength: 4 }),
    );
    const text = fc
      .array(fc.tuple(piece, fc.constantFrom(' ', '', '-', ', ', '.', '\n')), { maxLength: 12 })
      .map((parts) => parts.map(([part, joiner]) => part + joiner).join(''));
    fc.assert(
      fc.property(text, (original) => {
        const findings = findCprNumbers(original);
        const redacted = redactCprNumbers(original, findings);
        expect(findCprNumbers(redacted)).toEqual([]);
        expect(redacted).toHaveLength(original.length);
        const inFinding = (index: number) =>
          findings.some((finding) => index >= finding.start && index < finding.end);
        for (let index = 0; index < original.length; index += 1) {
          const expected = inFinding(index) && /\d/.test(original[index]!) ? 'X' : original[index];
          expect(redacted[index]).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
