import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { recogniseMeetingText } from './recognise-meeting-text';

/** Lines that steer the recogniser into its branches, mixed with arbitrary text. */
const meaningfulLine = fc.constantFrom(
  'Referat',
  'Dagsorden',
  'Beslutningsprotokol',
  'Mødedato: 27. august 2018',
  'Torsdag den 20. juni 2013, kl. 10:30 – 12.00',
  '04-12-2012',
  'Mødested:',
  'Indholdsfortegnelse',
  '1. Godkendelse af dagsorden ........ 3',
  'Punkt 1: Meddelelser',
  '1.1 Underpunkt',
  '2.',
  '12 Orientering',
  'Lukket punkt',
  'Lukket dagsorden',
  'Beslutning:',
  'Økonomiudvalgets beslutning den 04.12.2012',
  'Sagsnr.: 12/27845',
  'Side 2 af 9',
  '\f',
  '',
);
const arbitraryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(fc.oneof(meaningfulLine, fc.string({ maxLength: 40 })), { maxLength: 60 })
    .map((lines) => lines.join('\n')),
);

const words = [
  'budget',
  'forslag',
  'skole',
  'tilskud',
  'høring',
  'plan',
  'for',
  'og',
  'til',
  'lokalplan',
  'ældre',
  'vej',
];
const title = fc
  .tuple(
    fc.constantFrom('Godkendelse', 'Orientering', 'Budget', 'Ældrepolitik', 'Lokalplan', 'Æ'),
    fc.array(fc.constantFrom(...words), { maxLength: 6 }),
    fc.option(fc.integer({ min: 1, max: 2030 }), { nil: undefined }),
  )
  .map(([first, rest, year]) => [first, ...rest, ...(year ? [String(year)] : [])].join(' '));

type Style = (number: number, title: string) => string;
const styles: Record<string, Style> = {
  dotted: (number, text) => `${number}. ${text}`,
  explicit: (number, text) => `Punkt ${number}: ${text}`,
  numberAlone: (number, text) => `${number}.\n\n${text}`,
};

describe('recogniseMeetingText (properties)', () => {
  it('stays fast on a large text with long lines and thousands of numbered lines', () => {
    const text = [
      'Referat',
      'Byrådet',
      'Mødedato: 1. februar 2020',
      '.'.repeat(200_000),
      `1. ${' '.repeat(100_000)}x`,
      ...Array.from(
        { length: 3000 },
        (_, index) => `${index + 1}. Punkt nummer ${index + 1}\nTekst.`,
      ),
    ].join('\n');
    const started = performance.now();
    const { meeting } = recogniseMeetingText(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(meeting.items).toHaveLength(3000);
  });

  it('never throws anything but IMPORT_INVALID on arbitrary text', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        try {
          const { meeting } = recogniseMeetingText(text);
          expect(Number.isNaN(meeting.startsAt.getTime())).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('IMPORT_INVALID');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('recognises numbered lines made from a list of titles as exactly those items', () => {
    fc.assert(
      fc.property(
        fc.array(title, { minLength: 1, maxLength: 15 }),
        fc.constantFrom(...Object.keys(styles)),
        (titles, style) => {
          const text = [
            'Referat',
            'Økonomiudvalget',
            'Mødedato: 3. marts 2021, kl. 17.00',
            '',
            ...titles.map(
              (text, index) =>
                `${styles[style]!(index + 1, text)}\n\nSagsfremstilling\nTekst om sagen.\n\nBeslutning: Godkendt.\n`,
            ),
          ].join('\n');
          const { meeting, warnings } = recogniseMeetingText(text);
          expect(meeting.items.map((item) => item.title)).toEqual(titles);
          expect(meeting.items.map((item) => item.number)).toEqual(
            titles.map((_, index) => String(index + 1)),
          );
          expect(meeting.items.every((item) => item.decisions.length === 1)).toBe(true);
          expect(warnings).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
