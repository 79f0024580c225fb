import { describe, expect, it } from 'vitest';
import { newPasswordProblem, personalWords } from './password-policy';

const sofie = { email: 'sofie.hansen@aarhus.dk', name: 'Sofie Hansen' };

describe('new password policy', () => {
  it('accepts long passphrases and random passwords', () => {
    for (const password of [
      'korrekt-hest-batteri-haefteklamme',
      'en-meget-lang-ny-kode',
      'Tq8#vLm2pW9z',
      'gule æbler under månen',
    ])
      expect(newPasswordProblem(password, sofie), password).toBeUndefined();
  });

  it('refuses a password of spaces, however long', () => {
    for (const password of [' '.repeat(12), ' '.repeat(40), '\t'.repeat(3) + ' '.repeat(12)])
      expect(newPasswordProblem(password, sofie)).toBe(
        'Adgangskoden må ikke kun bestå af mellemrum.',
      );
  });

  it('keeps a length minimum, counted in characters rather than UTF-16 units', () => {
    expect(newPasswordProblem('kort', sofie)).toBe('Adgangskoden skal være mindst 12 tegn.');
    // Eleven emoji are 22 UTF-16 units but only 11 characters.
    expect(newPasswordProblem('🐴'.repeat(11), sofie)).toBe(
      'Adgangskoden skal være mindst 12 tegn.',
    );
    expect(newPasswordProblem('x'.repeat(201), sofie)).toBe('Må højst være 200 tegn.');
  });

  it('refuses guessable passwords with a Danish explanation', () => {
    const common = newPasswordProblem('password1234', sofie);
    expect(common).toMatch(/^Adgangskoden er for let at gætte\. /);
    expect(common).toContain('Den ligner en almindeligt brugt adgangskode.');
    expect(newPasswordProblem('aaaaaaaaaaaa', sofie)).toContain('Gentagne tegn som "aaa"');
    expect(newPasswordProblem('qwertyuiop12', sofie)).toMatch(/^Adgangskoden er for let/);
    // Danish words the common dictionaries lack count as words, not as random letters: without
    // them zxcvbn rates this 3 of 4.
    expect(newPasswordProblem('Vinterkodeord', sofie)).toMatch(/^Adgangskoden er for let/);
  });

  it("refuses a password built on the user's own name or e-mail", () => {
    const own = 'Den må ikke bygge på dit navn, din e-mail eller navnet Dagsorden.';
    expect(newPasswordProblem('Sofie Hansen', sofie)).toContain(own);
    expect(newPasswordProblem('sofie.hansen@aarhus.dk', sofie)).toContain(own);
    expect(newPasswordProblem('Dagsorden2024', sofie)).toContain(own);
    // The same password is fine for someone else.
    expect(
      newPasswordProblem('Sofie Hansen', { email: 'lars@aarhus.dk', name: 'Lars Berg' }),
    ).toBeUndefined();
  });

  it('takes the words of the name and the e-mail as personal words', () => {
    expect(personalWords(sofie)).toEqual([
      'sofie.hansen@aarhus.dk',
      'sofie',
      'hansen',
      'aarhus',
      'sofie hansen',
      'dagsorden',
    ]);
  });
});
