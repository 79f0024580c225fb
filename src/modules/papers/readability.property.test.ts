import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lixBand, readability } from './readability';

const word = fc.stringMatching(/^[a-zæøå]{1,14}$/);
// A sentence ends with a word longer than any abbreviation ("ekskl.", "sept."), so its full
// stop always ends it; the words before are anything.
const lastWord = fc.stringMatching(/^[a-zæøå]{7,14}$/);
const sentence = fc.tuple(fc.array(word, { maxLength: 39 }), lastWord).map(([words, last]) => {
  const text = [...words, `${last}.`].join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
});

describe('LIX properties', () => {
  it('is words per sentence plus the percentage of long words, for generated texts', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 20 }), (sentences) => {
        const text = sentences.join(' ');
        const words = text.split(' ');
        const longWords = words.filter((token) => token.replace('.', '').length > 6).length;
        const result = readability(text);
        expect(result.sentences).toBe(sentences.length);
        expect(result.words).toBe(words.length);
        expect(result.longWords).toBe(longWords);
        expect(result.lix).toBe(
          Math.round(words.length / sentences.length + (100 * longWords) / words.length),
        );
        expect(result.band).toBe(lixBand(result.lix));
      }),
    );
  });

  it('never throws and stays within its bounds for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const result = readability(text);
        expect(result.lix).toBeGreaterThanOrEqual(0);
        expect(result.lix).toBeLessThanOrEqual(Math.max(0, result.words) + 100);
        expect(result.longWords).toBeLessThanOrEqual(result.words);
        expect(result.sentences === 0).toBe(result.words === 0);
      }),
    );
  });

  it('does not change when paragraphs are joined by blank lines instead of spaces', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 10 }), (sentences) => {
        expect(readability(sentences.join('\n\n')).lix).toBe(readability(sentences.join(' ')).lix);
      }),
    );
  });
});
