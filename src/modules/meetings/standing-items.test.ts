import { describe, expect, it } from 'vitest';
import { inferPlacement, inferStandingKind, insertionIndex } from './standing-items';

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

describe('inferPlacement', () => {
  it('lets "Evt." and "Eventuelt" close the meeting and everything else open it', () => {
    expect(inferPlacement('Evt.')).toBe('closing');
    expect(inferPlacement(' eventuelt ')).toBe('closing');
    expect(inferPlacement('Evt')).toBe('closing');
    expect(inferPlacement('Evt. byrådshenvist sag: Det vilde problem')).toBe('opening');
    expect(inferPlacement('Godkendelse af dagsorden')).toBe('opening');
  });
});

describe('insertionIndex', () => {
  const items = (...placements: Array<'opening' | 'closing' | null>) =>
    placements.map((placement) => ({ placement }));

  it('puts a new item before the closing items at the end', () => {
    expect(insertionIndex(items('opening', null, 'closing'))).toBe(2);
    expect(insertionIndex(items('opening', 'closing', 'closing'))).toBe(1);
  });

  it('puts it last when nothing closes the meeting, or a closing item was moved up', () => {
    expect(insertionIndex(items('opening', null))).toBe(2);
    expect(insertionIndex(items('closing', null))).toBe(2);
    expect(insertionIndex(items())).toBe(0);
  });
});
