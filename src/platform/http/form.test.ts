import { describe, expect, it } from 'vitest';
import { summaryMessages } from './form';

describe('summaryMessages', () => {
  it('names the field of each error, so three "Skal udfyldes." are told apart', () => {
    expect(
      summaryMessages(
        {
          title: 'Skal udfyldes.',
          location: 'Skal udfyldes.',
          date: 'Skal være en gyldig dato (ÅÅÅÅ-MM-DD).',
          form: 'Mødet findes ikke.',
        },
        { title: 'Titel', location: 'Mødested', date: 'Dato' },
      ),
    ).toEqual([
      'Titel skal udfyldes.',
      'Mødested skal udfyldes.',
      'Dato: Skal være en gyldig dato (ÅÅÅÅ-MM-DD).',
      'Mødet findes ikke.',
    ]);
  });
});
