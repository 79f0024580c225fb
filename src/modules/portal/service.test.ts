import { describe, expect, it } from 'vitest';
import { meetingSlugs } from './service';

describe('meetingSlugs', () => {
  it('names a meeting by its Danish day and organization, numbering later ones that day', () => {
    const slugs = meetingSlugs([
      { meetingId: 'b', start: '2023-11-15T18:15:00+01:00', organizationName: 'Økonomiudvalget' },
      // 23.30 UTC on the 14th is already the 15th in Denmark, and earlier than the one above.
      { meetingId: 'a', start: '2023-11-14T23:30:00Z', organizationName: 'Økonomiudvalget' },
      {
        meetingId: 'c',
        start: '2023-11-15T09:00:00+01:00',
        organizationName: 'Børne- og Ungeudvalget',
      },
    ]);
    expect(Object.fromEntries(slugs)).toEqual({
      a: '2023-11-15-oekonomiudvalget',
      b: '2023-11-15-oekonomiudvalget-2',
      c: '2023-11-15-boerne-og-ungeudvalget',
    });
  });
});
