import { describe, expect, it } from 'vitest';
import { readDemoData } from '../demo/index';
import { draftCover } from './cover-draft';
import { wordsOf } from './readability';
import { richTextToPlain } from './rich-text';

function seedMemoSections() {
  const paper = readDemoData().papers.find((candidate) => candidate.key === 'vinterhjaelp')!;
  return Object.entries(paper.sections).map(([heading, html]) => ({
    heading,
    text: richTextToPlain(html),
  }));
}

describe('draftCover', () => {
  it('drafts a cover for the seed memo from its own sentences', () => {
    const draft = draftCover(seedMemoSections());
    expect(draft.purpose).toBe(
      'Sagen sendes for at orientere rådmanden om vinterhjælp til økonomisk trængte Aarhusianere og beskrive ' +
        'allerede igangsatte initiativer samt vurdere behovet den kommende vinter og eventuelle behov for yderligere tiltag.',
    );
    expect(draft.requestedAction).toBe('droeftelse');
    expect(draft.implications).toBe('Punktet kan eventuelt gentages på et kommende rådmandsmøde');
    expect(draft.keyMessages).toHaveLength(3);
    for (const message of draft.keyMessages) {
      expect(wordsOf(message).length).toBeLessThanOrEqual(30);
      expect(message).not.toMatch(/har til formål/);
    }
    expect(draft.explanation.keyMessages.map((entry) => entry.heading)).not.toContain(
      'INDSTILLING',
    );
    expect(draft.explanation.purpose).toContain('SAGSFREMSTILLING');
    expect(draft.explanation.implications).toBe(
      'Implikationerne er første sætning af VIDERE PROCES.',
    );
  });

  it('is deterministic and ranks sentences that share the memo’s themes first', () => {
    const first = draftCover(seedMemoSections());
    expect(draftCover(seedMemoSections())).toEqual(first);
    const scores = first.explanation.keyMessages.map((entry) => entry.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The memo is about economically pressed citizens: the top sentence says so.
    expect(first.keyMessages[0]).toMatch(/økonomisk træng/);
  });

  it('reads a decision from INDSTILLING and says when there is no statement of purpose', () => {
    const draft = draftCover([
      { heading: 'INDSTILLING', text: 'Det indstilles, at rådmanden godkender planen.' },
      {
        heading: 'SAGSFREMSTILLING',
        text: 'Planen dækker tre bydele og to skoler i perioden. Den koster to mio. kr. om året.',
      },
      {
        heading: 'ØKONOMI',
        text: 'Udgiften afholdes inden for budgettet. Der er ingen merudgifter.',
      },
    ]);
    expect(draft.requestedAction).toBe('beslutning');
    expect(draft.purpose).toBeNull();
    expect(draft.explanation.purpose).toContain('skriv formålet selv');
    expect(draft.implications).toBe('Udgiften afholdes inden for budgettet.');
  });

  it('gives an empty draft for an empty memo', () => {
    const draft = draftCover([{ heading: 'INDSTILLING', text: '' }]);
    expect(draft).toMatchObject({
      purpose: null,
      keyMessages: [],
      implications: null,
      requestedAction: null,
    });
  });
});
