import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { pdfFonts, pdfInfo, pdfSource, pdfText, qpdfCheck } from '../../../test/pdf-tools';
import { paperToDocx, paperToPdf, type PaperDocument } from './export-document';

/** The seed's memo "Orientering om vinterhjælp til økonomisk trængte", shortened. */
function vinterhjaelp(overrides: Partial<PaperDocument> = {}): PaperDocument {
  return {
    kindLabel: 'Indstilling',
    title: 'Orientering om vinterhjælp til økonomisk trængte',
    organizationName: 'Rådmandskreds MSB',
    senderUnitName: 'Fagligt Sekretariat',
    addresseeLabel: 'Rådmanden',
    paperDate: '2023-11-19',
    caseNumber: 'EMN-2023-012026',
    caseOfficers: ['Carsten Grønholdt', 'Anne Stolberg'],
    phone: '41854155',
    email: 'cgro@aarhus.dk',
    cover: {
      purpose: 'At orientere rådmanden om vinterhjælp til økonomisk trængte aarhusianere.',
      keyMessages: ['Mange borgere bliver presset økonomisk.', 'MSB har styrket samarbejdet.'],
      implications: null,
      requestedActionLabel: 'Drøftelse',
    },
    sections: [
      {
        heading: 'INDSTILLING',
        html: '<p>Det indstilles,</p><ol><li>At den aktuelle situation for de økonomisk trængte aarhusianere drøftes.</li></ol>',
      },
      {
        heading: 'SAGSFREMSTILLING',
        html: '<p>Denne indstilling har til formål at orientere rådmanden om <strong>vinterhjælp</strong>. <em>Bilag 1</em> giver en dybere gennemgang.</p>',
      },
      {
        heading: 'HANDLEMULIGHEDER/LØSNINGER',
        html:
          '<ul><li>Afsætte ekstra midler via §18 til foreninger.</li><li>Samle civilsamfundsorganisationerne.</li></ul>' +
          '<table><thead><tr><th>År</th><th>Pulje</th></tr></thead><tbody><tr><td>2022</td><td>500.000 kr.</td></tr></tbody></table>',
      },
      { heading: 'ØKONOMI', html: '' },
      {
        heading: 'KOMMUNIKATION',
        html: '<p>Se <a href="https://socialkompasset.dk">Socialkompasset.dk</a>.</p>',
      },
      { heading: 'VIDERE PROCES', html: '<p>&nbsp;</p>' },
      { heading: 'BILAG', html: '' },
    ],
    attachments: [{ number: 1, title: 'Status ift. økonomisk trængte borgere' }],
    ...overrides,
  };
}

/** Each string occurs, in this order. */
function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const index = text.indexOf(part, from);
    expect(index, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = index + part.length;
  }
}

async function readDocx(buffer: Buffer) {
  const parts = unzipSync(new Uint8Array(buffer));
  const part = (name: string) => strFromU8(parts[name] ?? new Uint8Array());
  const { value: html } = await mammoth.convertToHtml({ buffer });
  return { html, core: part('docProps/core.xml'), styles: part('word/styles.xml') };
}

describe('paperToPdf', () => {
  it('prints the letterhead, title, cover, sections and attachments in order', () => {
    const text = pdfText(paperToPdf(vinterhjaelp()));
    // The addressee (left) and the letterhead (right) share lines.
    expect(text).toMatch(/Til .*Rådmanden .*Rådmandskreds MSB/);
    expectInOrder(text, [
      'Fagligt Sekretariat',
      'Dato 19. november 2023',
      'Sagsnummer EMN-2023-012026',
      'Sagsbehandlere Carsten Grønholdt/Anne Stolberg',
      'Tlf. 41854155',
      'E-post cgro@aarhus.dk',
      'Indstilling',
      'Orientering om vinterhjælp til økonomisk trængte',
      'Kort cover',
      'Formål',
      'At orientere rådmanden om vinterhjælp',
      'Hovedbudskaber',
      '1. Mange borgere bliver presset økonomisk.',
      '2. MSB har styrket samarbejdet.',
      'Ønsket handling',
      'Drøftelse',
      'INDSTILLING',
      'Det indstilles,',
      '1. At den aktuelle situation',
      'SAGSFREMSTILLING',
      'orientere rådmanden om vinterhjælp. Bilag 1 giver',
      'HANDLEMULIGHEDER/LØSNINGER',
      '• Afsætte ekstra midler via §18 til foreninger.',
      '• Samle civilsamfundsorganisationerne.',
      'År Pulje 2022 500.000 kr.',
      'KOMMUNIKATION',
      'Se Socialkompasset.dk.',
      'BILAG',
      'Bilag 1: Status ift. økonomisk trængte borgere',
    ]);
    expect(text).toMatch(/Side 1 af \d/);
    // Empty sections are left out; the cover has no implications.
    expect(text).not.toContain('ØKONOMI');
    expect(text).not.toContain('VIDERE PROCES');
    expect(text).not.toContain('konsekvenser');
  });

  it('is a valid, tagged PDF/UA-1 in Danish with the title, the sender as author and IBM Plex', () => {
    const pdf = paperToPdf(vinterhjaelp());
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Orientering om vinterhjælp til økonomisk trængte');
    expect(info.Author).toBe('Fagligt Sekretariat');
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toContain('(A4)');
    expect(pdfFonts(pdf)).toEqual(expect.arrayContaining(['IBMPlexSans', 'IBMPlexSans-Bold']));
    expect(pdfFonts(pdf).every((font) => font.startsWith('IBMPlexSans'))).toBe(true);
    expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors');
    const source = pdfSource(pdf);
    expect(source).toContain('pdfuaid:part>1<');
    expect(source).toContain('/Lang (da-DK)');
    expect(source).toContain('/URI (https://socialkompasset.dk)');
  });

  it('prints an empty INDSTILLING, one officer in the singular, and a Bilag section of its own', () => {
    const text = pdfText(
      paperToPdf(
        vinterhjaelp({
          caseOfficers: ['Anne Stolberg'],
          phone: null,
          cover: null,
          sections: [
            { heading: 'INDSTILLING', html: '' },
            { heading: 'SAGSFREMSTILLING', html: '<p>Tekst.</p>' },
          ],
          attachments: [
            { number: 1, title: 'Status' },
            { number: 2, title: 'Økonomi' },
          ],
        }),
      ),
    );
    expectInOrder(text, [
      'Sagsbehandler Anne Stolberg',
      'INDSTILLING',
      'SAGSFREMSTILLING',
      'Tekst.',
      'Bilag',
      'Bilag 1: Status',
      'Bilag 2: Økonomi',
    ]);
    expect(text).not.toContain('Tlf.');
    expect(text).not.toContain('Kort cover');
  });

  it('prints user text literally, whatever Typst would make of it', () => {
    const hostile = '#panic("x") ] [ *bold* _em_ $x$ @ref <label> \\ " `raw` // #{1} = h';
    const pdf = paperToPdf(
      vinterhjaelp({
        title: `Titel ${hostile}`,
        senderUnitName: `Enhed ${hostile}`,
        caseNumber: hostile,
        caseOfficers: [hostile],
        cover: {
          purpose: hostile,
          keyMessages: [hostile],
          implications: hostile,
          requestedActionLabel: hostile,
        },
        sections: [
          { heading: `AFSNIT ${hostile}`, html: `<p>${hostile.replace(/</g, '&lt;')}</p>` },
        ],
        attachments: [{ number: 1, title: hostile }],
      }),
    );
    const text = pdfText(pdf);
    for (const expected of [
      `Titel ${hostile}`,
      `AFSNIT ${hostile}`,
      `Bilag 1: ${hostile}`,
      `1. ${hostile}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.split(hostile).length - 1).toBeGreaterThanOrEqual(11);
    expect(pdfInfo(pdf).Title).toBe(`Titel ${hostile}`);
    expect(pdfInfo(pdf).Author).toBe(`Enhed ${hostile}`);
  });

  it('sanitises section HTML again before printing', () => {
    const text = pdfText(
      paperToPdf(
        vinterhjaelp({
          sections: [
            {
              heading: 'SAGSFREMSTILLING',
              html: '<p>Synlig</p><script>skjult()</script><style>p{}</style><a href="javascript:alert(1)">link</a>',
            },
          ],
        }),
      ),
    );
    expect(text).toContain('Synlig');
    expect(text).not.toContain('skjult');
    expect(text).not.toContain('p{}');
  });

  it('refuses a date that is not yyyy-mm-dd', () => {
    expect(() => paperToPdf(vinterhjaelp({ paperDate: '19.11.2023' }))).toThrow(/yyyy-mm-dd/);
  });
});

describe('paperToDocx', () => {
  it('writes Word headings, lists, tables, links and the letterhead', async () => {
    const { html } = await readDocx(await paperToDocx(vinterhjaelp()));
    expectInOrder(html, [
      '<strong>Fagligt Sekretariat</strong>',
      '<strong>Dato: </strong>19. november 2023',
      '<strong>Sagsnummer: </strong>EMN-2023-012026',
      '<strong>Sagsbehandlere: </strong>Carsten Grønholdt/Anne Stolberg',
      '<strong>Tlf.: </strong>41854155',
      '<strong>E-post: </strong>cgro@aarhus.dk',
      '<strong>Til: </strong>Rådmanden, Rådmandskreds MSB',
      'Indstilling',
      '<h1>Orientering om vinterhjælp til økonomisk trængte</h1>',
      '<h2>Kort cover</h2>',
      '<h3>Formål</h3>',
      '<h3>Hovedbudskaber</h3>',
      '<ol><li>Mange borgere bliver presset økonomisk.</li><li>MSB har styrket samarbejdet.</li></ol>',
      '<h3>Ønsket handling</h3>',
      '<h2>INDSTILLING</h2>',
      '<ol><li>At den aktuelle situation',
      '<h2>SAGSFREMSTILLING</h2>',
      '<strong>vinterhjælp</strong>',
      '<em>Bilag 1</em>',
      '<h2>HANDLEMULIGHEDER/LØSNINGER</h2>',
      '<ul><li>Afsætte ekstra midler via §18 til foreninger.</li>',
      '<table>',
      '<td><p>500.000 kr.</p></td>',
      '<h2>KOMMUNIKATION</h2>',
      '<a href="https://socialkompasset.dk">Socialkompasset.dk</a>',
      '<h2>BILAG</h2>',
      '<p>Bilag 1: Status ift. økonomisk trængte borgere</p>',
    ]);
    expect(html).not.toContain('ØKONOMI');
    expect(html).not.toContain('VIDERE PROCES');
  });

  it('sets the title, the sender as creator and Danish as the language', async () => {
    const { core, styles } = await readDocx(await paperToDocx(vinterhjaelp()));
    expect(core).toContain('<dc:title>Orientering om vinterhjælp til økonomisk trængte</dc:title>');
    expect(core).toContain('<dc:creator>Fagligt Sekretariat</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Fagligt Sekretariat</cp:lastModifiedBy>');
    expect(styles).toContain('<w:lang w:val="da-DK"/>');
  });

  it('keeps markup-like text and survives characters XML cannot hold', async () => {
    const title = 'Titel <w:p> & ]]> "x" #panic()\u0001';
    const { html, core } = await readDocx(
      await paperToDocx(
        vinterhjaelp({
          title,
          sections: [{ heading: 'AFSNIT </w:t>', html: '<p>&lt;/w:t&gt;\u0000</p>' }],
        }),
      ),
    );
    expect(html).toContain('<h1>Titel &lt;w:p&gt; &amp; ]]&gt; "x" #panic()</h1>');
    expect(html).toContain('<h2>AFSNIT &lt;/w:t&gt;</h2><p>&lt;/w:t&gt;</p>');
    expect(core).toContain(
      '<dc:title>Titel &lt;w:p&gt; &amp; ]]&gt; &quot;x&quot; #panic()</dc:title>',
    );
  });
});
