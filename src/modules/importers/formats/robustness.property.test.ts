import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSample, scratchFolder } from '../../../../test/esdh-samples';
import { isAppError } from '../../../platform/errors';
import type { ImportedArchive } from '../archive';
import { readAcadre } from './acadre';
import { readEdoc } from './edoc';
import { readFujitsu } from './fujitsu';
import { readPublication } from './publication';

const options = { maxBytes: 10_000_000 };
const scratch = scratchFolder('robustness-test');
afterAll(() => scratch.remove());

/** Each reader with the sample file to damage; Acadre's damaged file is the content its manifest names. */
const cases = [
  {
    name: 'Publication',
    bytes: readSample('publication-ballerup-2013', 'Publication32.xml'),
    target: 'publication/Publication32.xml',
    read: () => readPublication(`${scratch.path}/publication/Publication32.xml`, options),
  },
  {
    name: 'eDoc',
    bytes: readSample('edoc-ballerup-2012', 'eDocAgendaPublishing.xml'),
    target: 'edoc/eDocAgendaPublishing.xml',
    read: () => readEdoc(`${scratch.path}/edoc/eDocAgendaPublishing.xml`, options),
  },
  {
    name: 'Acadre',
    bytes: readSample('acadre-syddjurs-2013', 'Files_1863_3687982', '3687981.XML'),
    target: 'acadre/Files_1863_3687982/3687981.XML',
    read: () => readAcadre(`${scratch.path}/acadre/XML_1863.xml`, options),
  },
  {
    name: 'Fujitsu',
    bytes: readSample('edoc-fujitsu-test-2017', 'e9117c72-1d79-4fe9-9653-ef7ab6f27187.xml'),
    target: 'fujitsu/agenda.xml',
    read: () => readFujitsu(`${scratch.path}/fujitsu/agenda.xml`, options),
  },
];
scratch.write('acadre/XML_1863.xml', readSample('acadre-syddjurs-2013', 'XML_1863.xml'));

type Outcome = { archive: ImportedArchive } | { code: string };

/** Reads the damaged file; an AppError becomes its code, any other exception fails the property. */
async function outcomeOf(read: () => Promise<ImportedArchive>): Promise<Outcome> {
  try {
    return { archive: await read() };
  } catch (error) {
    if (isAppError(error)) return { code: error.code };
    throw error;
  }
}

function expectWellFormed(archive: ImportedArchive): void {
  expect(archive.meetings.length).toBeGreaterThan(0);
  for (const meeting of archive.meetings) {
    expect(Number.isFinite(meeting.startsAt.getTime())).toBe(true);
    for (const item of meeting.items) {
      expect(item.number).not.toBe('');
      expect(typeof item.title).toBe('string');
    }
  }
}

describe.each(cases)('$name export, damaged', ({ bytes, target, read }) => {
  const lastCloseTag = bytes.lastIndexOf(Buffer.from('</'));

  it('truncated anywhere before its last closing tag is refused as IMPORT_INVALID', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lastCloseTag }), async (length) => {
        scratch.write(target, bytes.subarray(0, length));
        expect(await outcomeOf(read)).toEqual({ code: 'IMPORT_INVALID' });
      }),
      { numRuns: 25 },
    );
  });

  it('with bytes overwritten is refused as IMPORT_INVALID or still reads as a whole archive', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (changes) => {
          const damaged = Buffer.from(bytes);
          for (const { at, byte } of changes) damaged[at % damaged.length] = byte;
          scratch.write(target, damaged);
          const outcome = await outcomeOf(read);
          if ('code' in outcome) expect(outcome.code).toBe('IMPORT_INVALID');
          else expectWellFormed(outcome.archive);
        },
      ),
      { numRuns: 25 },
    );
  });
});
