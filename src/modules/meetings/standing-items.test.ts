import { describe, expect, it } from 'vitest';
import { inferStandingKind } from './standing-items';

describe('inferStandingKind', () => {
  it('recognises the seed’s standing items by their titles', () => {
    expect(inferStandingKind('Godkendelse af dagsorden')).toBe('agenda_approval');
    expect(inferStandingKind('Dagsorden')).toBe('agenda_approval');
    expect(inferStandingKind('Referat')).toBe('minutes_approval');
    expect(inferStandingKind('Referat fra udvalgets møde den 1. november 2023')).toBe(
      'minutes_approval',
    );
    expect(inferStandingKind('Opfølgning på udvalgsmødet den 1. november 2023')).toBe('follow_ups');
    expect(inferStandingKind('Sager på vej til byrådet')).toBe('cases_to_council');
    expect(inferStandingKind('Kurser og konferencer samt sager på vej til byrådet')).toBe(
      'cases_to_council',
    );
  });

  it('leaves ordinary items without a kind', () => {
    expect(inferStandingKind('Dagsorden til mødet i udvalget den 15. november')).toBeNull();
    expect(inferStandingKind('Orientering om vinterhjælp til økonomisk trængte')).toBeNull();
    expect(inferStandingKind('Bordrunde')).toBeNull();
  });
});
