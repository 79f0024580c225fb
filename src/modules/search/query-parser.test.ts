import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './query-parser';

describe('parseSearchQuery', () => {
  it('ANDs words and matches each as a prefix', () => {
    expect(parseSearchQuery('Beskæftigelse  bevillinger').tsquery).toBe(
      "'beskæftigelse':* & 'bevillinger':*",
    );
  });

  it('turns "exact phrase" into adjacent words without prefix', () => {
    expect(parseSearchQuery('"Sammen om opgaven" budget').tsquery).toBe(
      "('sammen' <-> 'om' <-> 'opgaven') & 'budget':*",
    );
  });

  it('excludes words and phrases with -', () => {
    expect(parseSearchQuery('skole -lukning -"ny plan"').tsquery).toBe(
      "'skole':* & !'lukning':* & !('ny' <-> 'plan')",
    );
  });

  it('binds OR tighter than AND', () => {
    expect(parseSearchQuery('budget skole OR daginstitution').tsquery).toBe(
      "'budget':* & ('skole':* | 'daginstitution':*)",
    );
    expect(parseSearchQuery('a OR b OR c').tsquery).toBe("('a':* | 'b':* | 'c':*)");
  });

  it('treats a lower-case or dangling OR as nothing special', () => {
    expect(parseSearchQuery('OR skole or').tsquery).toBe("'skole':* & 'or':*");
    expect(parseSearchQuery('skole OR').tsquery).toBe("'skole':*");
  });

  it('keeps tsquery operators and quotes typed by the user out of the query', () => {
    expect(parseSearchQuery("a' | !b:* & (c) <-> \\d").tsquery).toBe(
      "'a':* & 'b':* & 'c':* & 'd':*",
    );
    expect(parseSearchQuery("o'brien").tsquery).toBe("('o' <-> 'brien')");
  });

  it('reads a hyphenated word as a phrase of its parts', () => {
    expect(parseSearchQuery('e-mail').tsquery).toBe("('e' <-> 'mail')");
  });

  it('hands identifiers to PostgreSQL whole, to be split as in the documents', () => {
    expect(parseSearchQuery('EMN-2023-012026').tsquery).toBe("'emn-2023-012026'");
    expect(parseSearchQuery('se 2023-0451.').tsquery).toBe("'se':* & '2023-0451'");
    expect(parseSearchQuery('bilag.pdf -Notat.docx').tsquery).toBe("'bilag.pdf' & !'notat.docx'");
    expect(parseSearchQuery('EMN-2023-012026').indexTsquery).toBe("'emn-2023-012026'");
    expect(parseSearchQuery('EMN-2023-012026').phrases).toEqual([]);
  });

  it('reads "punkt 4" as an agenda item number, also as "pkt. 4", with other words', () => {
    for (const query of ['punkt 4', 'Punkt 4', 'pkt. 4', 'PKT 4', 'punkt 4.']) {
      const parsed = parseSearchQuery(query);
      expect(parsed.itemNumbers, query).toEqual(['4']);
      expect(parsed.itemRestTsquery, query).toBeUndefined();
    }
    expect(parseSearchQuery('punkt 4').tsquery).toBe("('punkt' <-> '4')");
    expect(parseSearchQuery('pkt. 4').phrases).toEqual(['pkt 4']);
    const withWords = parseSearchQuery('punkt 4 budget rådmandsmøde');
    expect(withWords.itemNumbers).toEqual(['4']);
    expect(withWords.tsquery).toBe("('punkt' <-> '4') & 'budget':* & 'rådmandsmøde':*");
    expect(withWords.itemRestTsquery).toBe("'budget':* & 'rådmandsmøde':*");
    expect(withWords.indexTsquery).toBe("('punkt' & '4') & 'budget':* & 'rådmandsmøde':*");
  });

  it('reads sub-item and imported numbers whole, and nothing else as an item number', () => {
    expect(parseSearchQuery('punkt 4.A').itemNumbers).toEqual(['4.a']);
    expect(parseSearchQuery('punkt 4.A').tsquery).toBe("('punkt' <-> '4.a')");
    expect(parseSearchQuery('pkt. 1.1 OR punkt 12 skole').itemNumbers).toEqual(['1.1', '12']);
    expect(parseSearchQuery('pkt. 1.1 OR punkt 12 skole').itemRestTsquery).toBe("'skole':*");
    expect(parseSearchQuery('-punkt 4 -budget').itemNumbers).toEqual([]);
    expect(parseSearchQuery('punkt -4 budget').itemNumbers).toEqual([]);
    expect(parseSearchQuery('"punkt" 4').itemNumbers).toEqual([]);
    expect(parseSearchQuery('punkt 2023-0451').itemNumbers).toEqual([]);
    expect(parseSearchQuery('punkt budget 4').itemNumbers).toEqual([]);
    expect(parseSearchQuery('punkt 4 -budget').itemRestTsquery).toBe("!'budget':*");
  });

  it('has nothing to search for without a positive term', () => {
    expect(parseSearchQuery('').tsquery).toBeUndefined();
    expect(parseSearchQuery('  - "" !!').tsquery).toBeUndefined();
    expect(parseSearchQuery('-skole -"ny plan"').tsquery).toBeUndefined();
  });

  it('lists the phrases every match must contain, for the word-pair index', () => {
    expect(parseSearchQuery('skole "Ny plan" "a b c"').phrases).toEqual(['ny plan', 'a b c']);
    // Excluded, or one of several alternatives: not required, so not a condition.
    expect(parseSearchQuery('skole -"ny plan" "x y" OR by').phrases).toEqual([]);
    expect(parseSearchQuery('e-mail').phrases).toEqual(['e mail']);
  });

  it('widens phrases for the index to their words, never narrowing the match', () => {
    expect(parseSearchQuery('skole "ny plan"').indexTsquery).toBe("'skole':* & ('ny' & 'plan')");
    // An excluded phrase may hold for any document, so the index leaves that group out.
    expect(parseSearchQuery('skole -"ny plan" OR by').indexTsquery).toBe("'skole':*");
    expect(parseSearchQuery('skole -plan').indexTsquery).toBeUndefined();
  });

  it('gives the positive words for fuzzy name matching', () => {
    expect(parseSearchQuery('Jens Rasmusen -Hansen').nameText).toBe('jens rasmusen');
  });

  it('bounds the number of terms and the length of words', () => {
    const parsed = parseSearchQuery(`${'ord '.repeat(100)}${'x'.repeat(500)}`);
    expect(parsed.tsquery!.split('&')).toHaveLength(24);
    expect(parseSearchQuery('y'.repeat(500)).tsquery).toBe(`'${'y'.repeat(60)}':*`);
  });
});
