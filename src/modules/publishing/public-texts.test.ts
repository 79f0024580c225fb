import { describe, expect, it } from 'vitest';
import { findCprNumbers } from './cpr';
import { publicTexts, type PublicMeeting } from './public-meeting';

describe('publicTexts: everything the CPR guard reads', () => {
  const meeting: PublicMeeting = {
    meetingId: 'm1',
    kind: 'agenda',
    organization: { id: 'o1', name: 'Socialudvalget' },
    title: 'Møde',
    start: '2026-11-29T09:00:00+01:00',
    end: '2026-11-29T10:00:00+01:00',
    location: null,
    removed: { itemIds: [], paperIds: [], fileIds: [] },
    items: [
      {
        id: 'i1',
        parentId: null,
        number: '1',
        order: 1,
        isPublic: true,
        title: 'Sag',
        start: null,
        end: null,
        purpose: null,
        method: null,
        responsible: [],
        decision: null,
        minutes: null,
        paper: {
          id: 'p1',
          kindLabel: 'Indstilling',
          title: 'Indstilling',
          // A heading is published as it is, so a number in it must be found too.
          sections: [{ heading: 'Borger 070761-4285', html: '<p>Ingen tal her.</p>' }],
        },
        attachments: [],
      },
    ],
  };

  it('includes section headings, so a CPR number there blocks publication', () => {
    const hits = publicTexts(meeting).filter((text) => findCprNumbers(text.text).length > 0);
    expect(hits.map((hit) => hit.where)).toContain('Punkt 1: overskrift');
  });
});
