import { afterAll, describe, expect, it } from 'vitest';
import { readSample, samplePath, scratchFolder } from '../../../../test/esdh-samples';
import { readFujitsu } from './fujitsu';

const options = { maxBytes: 10_000_000 };
const fileName = 'e9117c72-1d79-4fe9-9653-ef7ab6f27187.xml';
const sample = samplePath('edoc-fujitsu-test-2017', fileName);
const source = readSample('edoc-fujitsu-test-2017', fileName).toString('utf8');
const scratch = scratchFolder('fujitsu-test');
afterAll(() => scratch.remove());

describe('readFujitsu: Hennys testudvalg 2 May 2017 (namespaced AgendaWeb XML)', () => {
  it('reads the meeting, its participants and the draft agenda', async () => {
    const archive = await readFujitsu(sample, options);
    const [meeting] = archive.meetings;
    expect(meeting).toMatchObject({
      sourceKey: 'fujitsu:meeting:de29346e-a9b1-4c91-a9d9-ae29cc8046bd',
      organization: {
        sourceKey: 'fujitsu:committee:dff71c16-666f-4b8a-bace-5602d46892dd',
        name: 'Hennys testudvalg',
      },
      place: 'Mødelokale 1, Midtpunkt',
      documentKind: 'agenda',
      isFinal: false,
    });
    expect(meeting?.startsAt.toISOString()).toBe('2017-05-02T08:00:00.000Z');
    expect(meeting?.endsAt?.toISOString()).toBe('2017-05-02T09:00:00.000Z');
    expect(meeting?.members).toHaveLength(7);
    expect(meeting?.members[1]).toMatchObject({
      name: 'Allan Buch',
      role: 'Formand',
      party: 'A',
      attendance: 'attending',
    });
    expect(meeting?.members.find((member) => member.name === 'Niels Bebe')?.attendance).toBe(
      'sent_regrets',
    );
  });

  it('numbers the items by SerialNo and closes the confidential ones under their neutral title', async () => {
    const items = (await readFujitsu(sample, options)).meetings[0]?.items ?? [];
    expect(items.map((item) => [item.number, item.title, item.isPublic])).toEqual([
      ['1', 'test', true],
      ['2', 'test tabel', true],
      ['3', 'Fejloprettet', true],
      ['4', 'Fejloprettet', true],
      ['5', "Anders' møgsag", false],
      ['6', 'Underskriftsblad', false],
    ]);
    expect(items[4]?.neutralTitle).toBe("Anders' møgsag");
    expect(items[5]?.neutralTitle).toBe('Lukket punkt');
    expect(items[2]?.neutralTitle).toBe('Udvalgets indsatser 2010-2013');
    expect(items[2]?.caseNumber).toBe('2013-003869');
  });

  it('takes the case presentations with content as sections, none of them a decision', async () => {
    const items = (await readFujitsu(sample, options)).meetings[0]?.items ?? [];
    expect(items[3]?.sections).toEqual([
      {
        heading: 'Præsentation',
        html: '<p>Anlægsprojekterne ved Børnehuset Nordlys, Båring Børnehus, Brenderup Børnehave og Børnehuset Nørre Aaby er færdiggjorte, og der skal dermed aflægges anlægsregnskab.</p>',
      },
      {
        heading: 'Forvaltningen foreslår',
        html: '<ul><li>At anlægsregnskabet for de fire anlægsprojekter godkendes.</li></ul>',
      },
    ]);
    expect(items.flatMap((item) => item.decisions)).toEqual([]);
  });

  it('reports the \\Attachments\\ files, which the sample does not include, as missing', async () => {
    const archive = await readFujitsu(sample, options);
    const attachments = archive.meetings[0]?.items[0]?.attachments ?? [];
    expect(attachments[1]).toEqual({
      sourceKey: 'fujitsu:attachment:f49a674c-b7a2-4e26-88d0-d773e997c2ad',
      title: 'Nyhedsbrev nr. 1-2017.pdf',
      isPublic: true,
      fileName: '6104646-6648381-1.pdf',
      filePath: null,
    });
    expect(
      archive.warnings.filter((warning) => warning.code === 'ATTACHMENT_MISSING'),
    ).toHaveLength(12);
  });
});

describe('readFujitsu: variants', () => {
  it('resolves a Windows-style \\Attachments\\ link against the export folder', async () => {
    const path = scratch.write(`with-files/${fileName}`, source);
    const pdf = scratch.write('with-files/Attachments/6104646-6648381-1.pdf', '%PDF-1.4');
    const attachments = (await readFujitsu(path, options)).meetings[0]?.items[0]?.attachments ?? [];
    expect(attachments[1]?.filePath).toBe(pdf);
    expect(attachments[0]?.filePath).toBeNull();
  });

  it('takes a case presentation marked IsDecision as the decision, and a Referat as minutes', async () => {
    const variant = source
      .replace(
        /(<edoc:Title>Høring<\/edoc:Title>\s*<edoc:Content><!\[CDATA\[)Sagens indhold([\s\S]*?<edoc:IsDecision>)false/,
        '$1Udvalget godkendte indstillingen. Sagens indhold$2true',
      )
      .replace('<edoc:Type>Dagsorden</edoc:Type>', '<edoc:Type>Referat</edoc:Type>')
      .replace('<edoc:State>Oprettet</edoc:State>', '<edoc:State>Godkendt</edoc:State>');
    const path = scratch.write(`decision/${fileName}`, variant);
    const [meeting] = (await readFujitsu(path, options)).meetings;
    expect(meeting).toMatchObject({ documentKind: 'minutes', isFinal: true });
    const item3 = meeting?.items[2];
    expect(item3?.decisions).toHaveLength(1);
    expect(item3?.decisions[0]).toMatchObject({ heading: 'Høring' });
    expect(item3?.decisions[0]?.html).toContain('Udvalget godkendte indstillingen.');
    expect(item3?.sections.map((section) => section.heading)).not.toContain('Høring');
  });
});
