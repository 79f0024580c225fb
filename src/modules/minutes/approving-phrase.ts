/**
 * How a decision is recognised as approving the previous meeting's minutes: the organization marks
 * one of its standard phrases as approving ("Referatet blev godkendt." in the default list), and
 * a decision on the "Referat" item that is that phrase, or begins with it ("Referatet blev
 * godkendt med den rettelse, at …"), approves. Case, spacing and the final full stop do not
 * matter; anything else before the phrase ("Referatet blev ikke godkendt.") does not approve.
 */
export function isApprovingDecision(
  decision: string | null,
  approvingPhrase: string | null,
): boolean {
  if (!decision || !approvingPhrase) return false;
  const phrase = normalize(approvingPhrase).replace(/[.!]+$/u, '');
  if (phrase === '') return false;
  const text = normalize(decision);
  if (!text.startsWith(phrase)) return false;
  const next = text.charAt(phrase.length);
  return next === '' || /[\s.,;:!]/u.test(next);
}

const normalize = (text: string) => text.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('da');
