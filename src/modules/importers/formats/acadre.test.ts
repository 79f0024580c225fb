import { afterAll, describe, expect, it } from 'vitest';
import { readSample, samplePath, scratchFolder } from '../../../../test/esdh-samples';
import { readAcadre } from './acadre';

const options = { maxBytes: 10_000_000 };
const manifest = samplePath('acadre-syddjurs-2013', 'XML_1863.xml');
const manifestText = readSample('acadre-syddjurs-2013', 'XML_1863.xml').toString('utf8');
const contentText = readSample(
  'acadre-syddjurs-2013',
  'Files_1863_3687982',
  '3687981.XML',
).toString('utf8');
const scratch = scratchFolder('acadre-test');
afterAll(() => scratch.remove());

describe('readAcadre: Syddjurs, Ekstraordinært PUK 20 June 2013 (minutes)', () => {
  it('follows the manifest to the content file, whose name differs in case (.xml vs .XML)', async () => {
    expect(manifestText).toContain('xmlfilename="3687981.xml"');
    const archive = await readAcadre(manifest, options);
    expect(archive.meetings).toHaveLength(1);
    const [meeting] = archive.meetings;
    expect(meeting).toMatchObject({
      sourceKey: 'acadre:meeting:1721',
      organization: {
        sourceKey: 'acadre:committee:57',
        name: 'Udvalget for plan, udvikling og kultur (PUK)',
      },
      title: 'Ekstraordinært PUK',
      place: 'Kaløvig Kursuscenter, Præstekravevej 46, Følle Strand, 8410 Rønde',
      documentKind: 'minutes',
      isFinal: true,
    });
    expect(meeting?.startsAt.toISOString()).toBe('2013-06-20T08:30:00.000Z');
    expect(meeting?.endsAt?.toISOString()).toBe('2013-06-20T11:00:00.000Z');
    expect(meeting?.members).toHaveLength(5);
    expect(meeting?.members[0]).toEqual({
      sourceKey: 'acadre:member:590',
      name: 'Jesper Mathiesen',
      email: 'jesma@syddjurs.dk',
      role: 'Medlem',
      party: 'A',
      attendance: 'attending',
    });
  });

  it('reports the agenda the manifest names but the export does not hold', async () => {
    const archive = await readAcadre(manifest, options);
    expect(archive.warnings).toContainEqual({
      code: 'ACADRE_CONTENT_MISSING',
      message: expect.stringContaining('3686423.xml') as string,
      where: 'XML_1863.xml',
    });
  });

  it('turns bullets into sections and every "Beslutning i …" bullet into a decision', async () => {
    const [item] = (await readAcadre(manifest, options)).meetings[0]?.items ?? [];
    expect(item).toMatchObject({
      sourceKey: 'acadre:item:15684',
      number: '1',
      title: 'Kulturkommune 2017. Politiske fokusområder',
      isPublic: true,
      neutralTitle: null,
      caseNumber: '12/27845',
    });
    expect(item?.sections.map((section) => section.heading)).toEqual([
      'Resumé',
      'Sagsfremstilling',
      'Økonomi og organisatoriske konsekvenser',
      'Indstilling',
      'Supplerende Sagsfremstilling',
    ]);
    expect(item?.decisions.map((decision) => decision.heading)).toEqual([
      'Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013',
      'Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 24-04-2013',
      'Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013',
    ]);
    expect(item?.decisions[2]?.html).toMatch(/^<p>Punktet\s+blev drøftet\.<\/p>/);
  });

  it('reports the enclosures whose files were not exported', async () => {
    const archive = await readAcadre(manifest, options);
    const attachments = archive.meetings[0]?.items[0]?.attachments ?? [];
    expect(attachments.map((attachment) => [attachment.fileName, attachment.filePath])).toEqual([
      ['3525829E1.DOCX', null],
      ['2531342E2.DOC', null],
      ['3629343E3.DOCX', null],
    ]);
    expect(attachments[0]?.title).toBe('Opsamlingsnotat. Temamøde 20.09.2012');
    expect(
      archive.warnings.filter((warning) => warning.code === 'ATTACHMENT_MISSING'),
    ).toHaveLength(3);
  });
});

describe('readAcadre: variants', () => {
  it('reads the agenda and the minutes of one meeting under the same keys, agenda first', async () => {
    scratch.write('both/XML_1863.xml', manifestText);
    scratch.write('both/3686423.xml', contentText);
    scratch.write('both/Files_1863_3687982/3687981.XML', contentText);
    scratch.write('both/Files_1863_3687982/3525829E1.DOCX', 'PK');
    const archive = await readAcadre(`${scratch.path}/both/XML_1863.xml`, options);
    expect(
      archive.meetings.map((meeting) => [meeting.documentKind, meeting.isFinal, meeting.sourceKey]),
    ).toEqual([
      ['agenda', false, 'acadre:meeting:1721'],
      ['minutes', true, 'acadre:meeting:1721'],
    ]);
    expect(archive.meetings[1]?.items[0]?.sourceKey).toBe(archive.meetings[0]?.items[0]?.sourceKey);
    expect(archive.meetings[1]?.items[0]?.attachments[0]?.filePath).toBe(
      `${scratch.path}/both/Files_1863_3687982/3525829E1.DOCX`,
    );
  });

  it('closes an item whose accessname is Lukket and gives it the neutral title', async () => {
    scratch.write('closed/XML_1863.xml', manifestText);
    scratch.write(
      'closed/Files_1863_3687982/3687981.XML',
      contentText.replace(/(name="caseno"[\s\S]*?<field name="accessname">)Åben/, '$1Lukket'),
    );
    const [item] =
      (await readAcadre(`${scratch.path}/closed/XML_1863.xml`, options)).meetings[0]?.items ?? [];
    expect(item).toMatchObject({ isPublic: false, neutralTitle: 'Lukket punkt' });
    expect(item?.attachments.every((attachment) => !attachment.isPublic)).toBe(true);
  });
});
