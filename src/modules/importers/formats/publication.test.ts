import { afterAll, describe, expect, it } from 'vitest';
import { readSample, samplePath, scratchFolder } from '../../../../test/esdh-samples';
import { readPublication } from './publication';

const options = { maxBytes: 10_000_000 };
const ballerup = samplePath('publication-ballerup-2013', 'Publication32.xml');
const regionh = samplePath('publication-regionh-2012', 'Publication553.xml');
const scratch = scratchFolder('publication-test');
afterAll(() => scratch.remove());

describe('readPublication: Ballerup, KMB IT-udvalget (BOM, CRLF, final agenda)', () => {
  it('reads the meeting, committee and kind', async () => {
    expect(readSample('publication-ballerup-2013', 'Publication32.xml').subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(readSample('publication-ballerup-2013', 'Publication32.xml').toString('utf8')).toContain(
      '\r\n',
    );
    const archive = await readPublication(ballerup, options);
    expect(archive).toMatchObject({ format: 'publication', sourceSystem: 'publication' });
    const [meeting] = archive.meetings;
    expect(meeting).toMatchObject({
      sourceKey: 'publication:meeting:26',
      organization: {
        sourceKey: 'publication:committee:8',
        name: 'KMB IT-udvalget',
        groupName: '§ 17, stk. 4-udvalg',
      },
      title: null,
      place: 'Mødecenter A, Lokale 3 på Ballerup Rådhus',
      documentKind: 'agenda',
      isFinal: true,
    });
    expect(meeting?.startsAt.toISOString()).toBe('2013-05-15T14:30:00.000Z');
    expect(meeting?.endsAt?.toISOString()).toBe('2013-05-15T16:00:00.000Z');
    expect(meeting?.members).toHaveLength(11);
    expect(meeting?.members[0]).toEqual({
      sourceKey: 'publication:member:22',
      name: 'Doris Børger',
      email: 'dbg@balk.dk',
      role: null,
      party: 'A',
      attendance: null,
    });
  });

  it('reads five items with their sections, leaving out empty fields and the empty decision', async () => {
    const [meeting] = (await readPublication(ballerup, options)).meetings;
    expect(meeting?.items.map((item) => [item.number, item.title])).toEqual([
      ['1', 'Meddelelser'],
      ['2', 'Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018'],
      ['3', 'Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)'],
      ['4', 'Regler for indkøb af it-udstyr'],
      ['5', 'Status på eDagsorden'],
    ]);
    const item2 = meeting?.items[1];
    expect(item2?.sourceKey).toBe('publication:item:112');
    expect(item2?.sections.map((section) => section.heading)).toEqual([
      'Tidligere behandling',
      'Sammendrag',
      'Baggrund',
      'Sagsfremstilling',
      'Økonomiske konsekvenser og finansiering',
      'Beslutningen træffes af',
      'Indstilling',
    ]);
    expect(item2?.sections.at(-1)?.html).toContain('<ol>');
    expect(item2?.decisions).toEqual([]);
    expect(meeting?.items.every((item) => item.isPublic && item.neutralTitle === null)).toBe(true);
  });

  it('finds the enclosure through its Windows path Enclosures\\1.pdf', async () => {
    const archive = await readPublication(ballerup, options);
    const item3 = archive.meetings[0]?.items[2];
    expect(item3?.attachments).toEqual([
      {
        sourceKey: 'publication:enclosure:7',
        title: 'Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud',
        isPublic: true,
        fileName: 'Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud.pdf',
        filePath: samplePath('publication-ballerup-2013', 'Enclosures', '1.pdf'),
      },
    ]);
    expect(archive.warnings).toEqual([]);
  });
});

describe('readPublication: Region Hovedstaden, Forretningsudvalget (draft, two decision fields)', () => {
  it('reads a draft agenda with its meeting and items', async () => {
    const archive = await readPublication(regionh, options);
    const [meeting] = archive.meetings;
    expect(meeting).toMatchObject({
      sourceKey: 'publication:meeting:1233',
      organization: { name: 'FORRETNINGSUDVALGET', groupName: 'REGIONSRÅD' },
      title: 'Ekstraordinært forretningsudvalgsmøde',
      place: 'H2',
      documentKind: 'agenda',
      isFinal: false,
    });
    expect(meeting?.startsAt.toISOString()).toBe('2012-09-25T13:30:00.000Z');
    expect(meeting?.items).toHaveLength(4);
  });

  it('takes the feedback fields as decisions, one per body', async () => {
    const [meeting] = (await readPublication(regionh, options)).meetings;
    const [item1, , item3] = meeting?.items ?? [];
    expect(item1?.decisions).toHaveLength(1);
    expect(item1?.decisions[0]?.heading).toBe('FORRETNINGSUDVALGETS BESLUTNING');
    expect(item1?.decisions[0]?.html).toContain(
      'Sagen udsat til behandling på ekstraordinært forretningsudvalgsmøde den 25. september',
    );
    expect(item3?.decisions.map((decision) => decision.heading)).toEqual([
      'FORRETNINGSUDVALGETS BESLUTNING',
      'REGIONSRÅDETS BESLUTNING',
    ]);
    expect(item1?.sections.map((section) => section.heading)).not.toContain(
      'FORRETNINGSUDVALGETS BESLUTNING',
    );
  });

  it('strips the P:\\ paths from enclosure names and reports the PDFs that were not copied', async () => {
    const archive = await readPublication(regionh, options);
    const attachment = archive.meetings[0]?.items[0]?.attachments[3];
    expect(attachment).toMatchObject({
      title: 'Notat om økonomiske rammer for 2013 for de stående udvalg',
      fileName: '1_4 - oversigt over oekonomiske rammer for driftsudvalgene.pdf',
      filePath: null,
    });
    const missing = archive.warnings.filter((warning) => warning.code === 'ATTACHMENT_MISSING');
    expect(missing).toHaveLength(14);
    expect(missing[0]).toMatchObject({
      where: 'punkt 1',
      message: expect.stringContaining('Enclosures\\1.pdf') as string,
    });
  });
});

describe('readPublication: variants', () => {
  const sample = readSample('publication-ballerup-2013', 'Publication32.xml').toString('utf8');

  it('gives a closed item the neutral title and closes its enclosures', async () => {
    const closed = sample.replace(/(<Item ID="113">[\s\S]*?<IsPublic><!\[CDATA\[)True/, '$1False');
    const folder = scratchFolder('publication-closed');
    try {
      const path = folder.write('Publication32.xml', closed);
      folder.write(
        'Enclosures/1.pdf',
        readSample('publication-ballerup-2013', 'Enclosures', '1.pdf'),
      );
      const item3 = (await readPublication(path, options)).meetings[0]?.items[2];
      expect(item3).toMatchObject({
        isPublic: false,
        neutralTitle: 'Lukket punkt',
        title: 'Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)',
      });
      expect(item3?.attachments[0]?.isPublic).toBe(false);
    } finally {
      folder.remove();
    }
  });

  it('finds an enclosure whose folder and file name are stored NFD', async () => {
    const nfcName = 'Bilag æøå – Økonomi.pdf';
    const variant = sample.replaceAll('Enclosures\\1.pdf', `Bilåg\\${nfcName}`);
    const path = scratch.write('nfd/Publication32.xml', variant);
    const pdf = scratch.write(
      `nfd/${'Bilåg'.normalize('NFD')}/${nfcName.normalize('NFD')}`,
      '%PDF-1.4',
    );
    const attachment = (await readPublication(path, options)).meetings[0]?.items[2]?.attachments[0];
    expect(attachment?.filePath).toBe(pdf);
    expect(nfcName.normalize('NFD')).not.toBe(nfcName);
  });

  it('reads items given out of number order sorted by number, "10" after "9" and "2.1" after "2"', async () => {
    const renumbered = sample
      .replace('<Number><![CDATA[1]]></Number>', '<Number><![CDATA[10]]></Number>')
      .replace('<Number><![CDATA[4]]></Number>', '<Number><![CDATA[2.1]]></Number>');
    const path = scratch.write('order/Publication32.xml', renumbered);
    const items = (await readPublication(path, options)).meetings[0]?.items ?? [];
    expect(items.map((item) => item.number)).toEqual(['2', '2.1', '3', '5', '10']);
  });

  it('treats PublicationTypeAsValue 2 as final minutes with the same meeting and item keys', async () => {
    const minutes = sample.replace(
      '<PublicationTypeAsValue><![CDATA[1]]></PublicationTypeAsValue>',
      '<PublicationTypeAsValue><![CDATA[2]]></PublicationTypeAsValue>',
    );
    const path = scratch.write('minutes/Publication32.xml', minutes);
    const [meeting] = (await readPublication(path, options)).meetings;
    expect(meeting).toMatchObject({
      documentKind: 'minutes',
      isFinal: true,
      sourceKey: 'publication:meeting:26',
    });
    expect(meeting?.items[1]?.sourceKey).toBe('publication:item:112');
  });
});
