import { describe, expect, it } from 'vitest';
import { cleanFeedText } from './feed-text';

describe('cleanFeedText', () => {
  it('removes every C0 control but tab and line breaks, DEL and every C1 control', () => {
    const controls = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code))
      .filter((char) => char < ' ' || char >= '\u007f')
      .join('');
    expect(cleanFeedText(`a${controls}b`)).toBe('a\t\n\rb');
  });

  it('removes bidi embeddings, overrides and isolates, and keeps other text as it is', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    expect(cleanFeedText(`Budget ${bidi}2027`)).toBe('Budget 2027');
    const text = 'Æblehaven – § 17, stk. 4 «citat» \u200F\u{1F600} עברית';
    expect(cleanFeedText(text)).toBe(text);
  });
});
