import { afterAll, describe, expect, it } from 'vitest';
import { readSample, samplePath, scratchFolder } from '../../../../test/esdh-samples';
import type { ImportedArchive } from '../archive';
import { readEdoc, splitFullText } from './edoc';

const options = { maxBytes: 10_000_000 };
const sample = samplePath('edoc-ballerup-2012', 'eDocAgendaPublishing.xml');
const source = readSample('edoc-ballerup-2012', 'eDocAgendaPublishing.xml').toString('utf8');
const scratch = scratchFolder('edoc-test');
afterAll(() => scratch.remove());

describe('readEdoc: Ballerup, Sundheds- og Forebyggelsesudvalget 4 December 2012', () => {
  it('reads the meeting from the header and the cover text', async () => {
    const [meeting] = (await readEdoc(sample, options)).meetings;
    expect(meeting).toMatchObject({
      sourceKey: 'edoc:meeting:Sundheds- og Forebyggelsesudvalget:2012-12-04T12:00:00.000Z',
      organization: { name: 'Sundheds- og Forebyggelsesudvalget' },
      place: 'Mødecenter C, Lokale 32 på Ballerup Rådhus',
      documentKind: 'minutes',
      isFinal: true,
    });
    expect(meeting?.startsAt.toISOString()).toBe('2012-12-04T12:00:00.000Z');
    expect(meeting?.members).toHaveLength(7);
    expect(meeting?.members[0]).toMatchObject({
      name: 'Lolan Ottesen',
      party: 'A',
      role: 'formand',
      attendance: 'attending',
    });
  });

  it('sorts the items the file lists as 2, 4, 5, 6, 3, 1, 7, 8', async () => {
    expect(
      [
        ...source.matchAll(/<MeetingAgendaItem>\s*<AgendaItemNumber>(\d+)<\/AgendaItemNumber>/g),
      ].map((match) => match[1]),
    ).toEqual(['2', '4', '5', '6', '3', '1', '7', '8']);
    const items = (await readEdoc(sample, options)).meetings[0]?.items ?? [];
    expect(items.map((item) => item.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(items[3]).toMatchObject({
      sourceKey: 'edoc:item:2003024292',
      title: 'Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013',
      neutralTitle: 'Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013',
      isPublic: true,
      caseNumber: '2012-31673',
    });
  });

  it('splits the plain text at its heading lines and takes the committee decision', async () => {
    const item4 = (await readEdoc(sample, options)).meetings[0]?.items[3];
    expect(item4?.sections.map((section) => section.heading)).toEqual([
      '',
      'Sammendrag',
      'Baggrund',
      'Sagsfremstilling',
      'Økonomiske konsekvenser og finansiering',
      'Bilag',
      'Beslutningen træffes af',
      'Indstilling',
    ]);
    expect(item4?.sections[0]?.html).toBe(
      '<p>Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7</p>',
    );
    expect(item4?.sections[1]?.html).toMatch(
      /^<p>I forbindelse med Kommunalbestyrelsens budgetseminar/,
    );
    expect(item4?.decisions).toEqual([
      {
        heading: 'Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 4',
        html: '<p>Indstillingen godkendt</p><p>Følgende deltog ikke i behandlingen af punktet:</p>',
      },
    ]);
  });

  it("finds item 2's PDF and reports the attachment PDFs that are not in the export", async () => {
    const archive = await readEdoc(sample, options);
    const item2 = archive.meetings[0]?.items[1];
    expect(
      item2?.attachments.map((attachment) => [attachment.fileName, attachment.filePath]),
    ).toEqual([
      ['1552823.PDF', samplePath('edoc-ballerup-2012', '1552823.PDF')],
      ['1537646.PDF', null],
    ]);
    expect(item2?.attachments[1]?.title).toBe('Bygningsliste og prioriteringssystem');
    expect(archive.warnings).toContainEqual({
      code: 'ATTACHMENT_MISSING',
      message:
        'Bilaget "Bygningsliste og prioriteringssystem" (1537646.PDF) findes ikke i eksporten og importeres uden fil.',
      where: 'punkt 2',
    });
  });

  it('removes the two &#xC; references XML 1.0 forbids, with a warning', async () => {
    expect(source.match(/&#xC;/g)).toHaveLength(2);
    const archive = await readEdoc(sample, options);
    expect(archive.warnings[0]).toEqual({
      code: 'XML_CHARACTER_REMOVED',
      message: '2 tegn, som XML ikke tillader (fx sideskift), er fjernet.',
      where: 'eDocAgendaPublishing.xml',
    });
  });
});

describe('readEdoc: variants', () => {
  const withoutFilePaths = (archive: ImportedArchive): unknown =>
    JSON.parse(
      JSON.stringify(archive, (key, value: unknown) => (key === 'filePath' ? null : value)),
    );

  it('reads the file with CR-only line endings exactly as with CRLF', async () => {
    const crOnly = source.replace(/\r\n|\n/g, '\r');
    expect(crOnly).not.toContain('\n');
    const path = scratch.write('cr/eDocAgendaPublishing.xml', crOnly);
    scratch.write('cr/1552823.PDF', readSample('edoc-ballerup-2012', '1552823.PDF'));
    expect(withoutFilePaths(await readEdoc(path, options))).toEqual(
      withoutFilePaths(await readEdoc(sample, options)),
    );
  });

  it('closes the items of a closed agenda type and shows their neutral title', async () => {
    const closed = source
      .replace(
        '<AgendaType>Åben dagsorden</AgendaType>',
        '<AgendaType>Lukket dagsorden</AgendaType>',
      )
      .replace(
        '<NeutralTitle>Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013</NeutralTitle>',
        '<NeutralTitle>Takster for et aflastningstilbud</NeutralTitle>',
      )
      .replace('<NeutralTitle>Meddelelser</NeutralTitle>', '<NeutralTitle></NeutralTitle>');
    const path = scratch.write('closed/eDocAgendaPublishing.xml', closed);
    const items = (await readEdoc(path, options)).meetings[0]?.items ?? [];
    expect(items.every((item) => !item.isPublic)).toBe(true);
    expect(items[3]?.neutralTitle).toBe('Takster for et aflastningstilbud');
    expect(items[0]?.neutralTitle).toBe('Lukket punkt');
    expect(items[3]?.attachments.every((attachment) => !attachment.isPublic)).toBe(true);
  });

  it('reads a draft agenda state as a draft agenda', async () => {
    const draft = source.replace(
      '<MeetingState>Referat endeligt godkendt</MeetingState>',
      '<MeetingState>Dagsorden under udarbejdelse</MeetingState>',
    );
    const path = scratch.write('draft/eDocAgendaPublishing.xml', draft);
    expect((await readEdoc(path, options)).meetings[0]).toMatchObject({
      documentKind: 'agenda',
      isFinal: false,
    });
  });
});

describe('splitFullText', () => {
  it('needs a heading to stand alone on its line, followed by text', () => {
    const result = splitFullText(
      '3.\tTitel\n\nSagsnr.: 2020-1\nDok.nr.: 2020-2\n\nBaggrund\nTekst om baggrund, der nævner Indstilling.\n\nIndstilling\n\nØkonomi og organisatoriske konsekvenser\nIngen.\n\nBeslutning\nGodkendt.\n',
    );
    expect(result).toEqual({
      caseNumber: '2020-1',
      sections: [
        {
          heading: 'Baggrund',
          html: '<p>Tekst om baggrund, der nævner Indstilling.</p><p>Indstilling</p>',
        },
        { heading: 'Økonomi og organisatoriske konsekvenser', html: '<p>Ingen.</p>' },
      ],
      decisions: [{ heading: 'Beslutning', html: '<p>Godkendt.</p>' }],
    });
  });
});
