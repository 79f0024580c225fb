import { describe, expect, it } from 'vitest';
import { lixBand, readability } from './readability';

describe('readability (LIX)', () => {
  it('scores a passage of the seed memo as counted by hand', () => {
    // SAGSFREMSTILLING of "Orientering om vinterhjælp til økonomisk trængte", first paragraph.
    // Sentence 1: 31 words, 16 of more than six letters; sentence 2: 14 words ("1" counts), 4 long.
    const text =
      'Denne indstilling har til formål at orientere rådmanden om vinterhjælp til økonomisk ' +
      'trængte Aarhusianere og beskrive allerede igangsatte initiativer samt vurdere behovet den ' +
      'kommende vinter og eventuelle behov for yderligere tiltag. Bilag 1 giver en dybere ' +
      'gennemgang af de forskellige initiativer og muligheder for hjælp.';
    const result = readability(text);
    expect(result).toMatchObject({ words: 45, sentences: 2, longWords: 20 });
    // 45/2 + 100 × 20/45 = 22.5 + 44.4 = 66.9
    expect(result.lix).toBe(67);
    expect(result.band).toBe('meget svær');
    expect(result.longSentences).toHaveLength(1);
    expect(result.longSentences[0]!.words).toBe(31);
    expect(result.longSentences[0]!.text).toMatch(/^Denne indstilling .* tiltag\.$/);
  });

  it('does not end sentences at Danish abbreviations or in dates', () => {
    // 13 + 5 words in 2 sentences; long: "Fristen", "november".
    const result = readability(
      'Der er bl.a. afsat ca. 2 mio. kr. til puljen jf. stk. 2. Fristen er d. 19. november.',
    );
    expect(result).toMatchObject({ words: 18, sentences: 2, longWords: 2 });
    expect(result.lix).toBe(20); // 9 + 11.1
    expect(result.band).toBe('meget let');
  });

  it('reads f.eks., pkt. and ordinals before lower-case words as part of the sentence', () => {
    const result = readability('Se f.eks. pkt. 3 og den 1. oktober. Det er alt.');
    expect(result.sentences).toBe(2);
    expect(result.words).toBe(11);
  });

  it('ends sentences at ! ? : and at paragraph breaks, and counts an unterminated last sentence', () => {
    expect(readability('Kom nu! Hvad så? Det indstilles: at sagen drøftes').sentences).toBe(4);
    expect(readability('Overskrift uden punktum\n\nEn sætning her.').sentences).toBe(2);
    // A single line break is a wrapped line, not a new sentence.
    expect(readability('En sætning der\nfortsætter her.').sentences).toBe(1);
  });

  it('treats a number opening a line as a list number, not a sentence end', () => {
    const result = readability(
      'Det indstilles,\n1. At den aktuelle situation for de økonomisk trængte Aarhusianere drøftes.',
    );
    expect(result.sentences).toBe(1);
    expect(result.words).toBe(13);
  });

  it('ends a sentence after a number when the next word starts a new sentence', () => {
    expect(readability('Puljen blev øget i 2023. Det hjalp.').sentences).toBe(2);
  });

  it('ignores punctuation-only tokens and counts letters, not digits or hyphens, for long words', () => {
    const result = readability('Budget – 2024 – rådighedsbeløb: 1.000.000 kr.');
    expect(result.words).toBe(5);
    expect(result.longWords).toBe(1);
  });

  it('gives 0 for an empty text', () => {
    expect(readability('')).toMatchObject({ words: 0, sentences: 0, lix: 0, band: 'meget let' });
    expect(readability('  \n\n – ')).toMatchObject({ words: 0, sentences: 0, lix: 0 });
  });

  it('maps LIX values to the Danish bands at their edges', () => {
    expect([24, 25, 34, 35, 44, 45, 54, 55].map(lixBand)).toEqual([
      'meget let',
      'let',
      'let',
      'middel',
      'middel',
      'svær',
      'svær',
      'meget svær',
    ]);
  });
});
