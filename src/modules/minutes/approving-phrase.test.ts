import { describe, expect, it } from 'vitest';
import { isApprovingDecision } from './approving-phrase';

const phrase = 'Referatet blev godkendt.';

describe('isApprovingDecision', () => {
  it('recognises the approving phrase as chosen or typed', () => {
    expect(isApprovingDecision('Referatet blev godkendt.', phrase)).toBe(true);
    expect(isApprovingDecision('  referatet  blev godkendt ', phrase)).toBe(true);
    expect(isApprovingDecision('Referatet blev godkendt!', phrase)).toBe(true);
  });

  it('recognises a decision that begins with the phrase and adds to it', () => {
    expect(
      isApprovingDecision('Referatet blev godkendt med den rettelse, at punkt 3 udgår.', phrase),
    ).toBe(true);
    expect(isApprovingDecision('Referatet blev godkendt, dog uden bilag 2.', phrase)).toBe(true);
  });

  it('does not approve on other decisions', () => {
    expect(isApprovingDecision('Referatet blev ikke godkendt.', phrase)).toBe(false);
    expect(isApprovingDecision('Referatet blev godkendte', phrase)).toBe(false);
    expect(isApprovingDecision('Dagsordenen blev godkendt.', phrase)).toBe(false);
    expect(isApprovingDecision('', phrase)).toBe(false);
    expect(isApprovingDecision(null, phrase)).toBe(false);
  });

  it('approves on nothing when the organization marks no phrase', () => {
    expect(isApprovingDecision('Referatet blev godkendt.', null)).toBe(false);
    expect(isApprovingDecision('Referatet blev godkendt.', ' . ')).toBe(false);
  });
});
