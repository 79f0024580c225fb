import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type IPropertiesOptions,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxBomb } from '../../../test/bomb-factories';
import { AppError } from '../../platform/errors';
import { defaultSectionHeadings } from './rules';
import { da } from '../../platform/i18n/da';
import { importWordPaper } from './word-import';

const wordImportMessages = da.wordImport;

type Block = Paragraph | Table;

/** A .docx built the way Word would save it, from paragraphs and tables. */
async function docx(
  children: Block[],
  options: Omit<IPropertiesOptions, 'sections'> = {},
): Promise<Buffer> {
  return Packer.toBuffer(new Document({ ...options, sections: [{ children }] }));
}

const heading = (
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
): Paragraph => new Paragraph({ text, heading: level });
const bold = (text: string): Paragraph =>
  new Paragraph({ children: [new TextRun({ text, bold: true })] });
const text = (value: string): Paragraph => new Paragraph(value);

const numbering: IPropertiesOptions['numbering'] = {
  config: [
    {
      reference: 'indstilling',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
      ],
    },
  ],
};

/** A one-pixel PNG. */
const pixel = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function sectionsOf(result: { sections: Array<{ heading: string; html: string }> }) {
  return Object.fromEntries(result.sections.map((section) => [section.heading, section.html]));
}

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('importWordPaper', () => {
  it('maps Heading 1 sections to the template, keeping formatting, lists, tables and links', async () => {
    const bytes = await docx(
      [
        heading('Orientering om vinterhjælp til økonomisk trængte', HeadingLevel.TITLE),
        // Right after the title, and matched by its first word only.
        heading('Indstilling til rådmanden'),
        text('Det indstilles,'),
        new Paragraph({
          text: 'At den aktuelle situation for de økonomisk trængte Aarhusianere drøftes.',
          numbering: { reference: 'indstilling', level: 0 },
        }),
        heading('Sagsfremstilling'),
        new Paragraph({
          children: [
            new TextRun('Denne indstilling har til formål at '),
            new TextRun({ text: 'orientere', bold: true }),
            new TextRun(' rådmanden om '),
            new TextRun({ text: 'vinterhjælp', italics: true }),
            new TextRun('. Se '),
            new ExternalHyperlink({
              link: 'https://www.socialkompasset.dk',
              children: [new TextRun('Socialkompasset')],
            }),
            new TextRun('.'),
          ],
        }),
        new Paragraph({ text: 'julehjælp', bullet: { level: 0 } }),
        new Paragraph({ text: 'tøjhjælp', bullet: { level: 0 } }),
        heading('Handlemuligheder'),
        text('MSB har styrket samarbejdet med civilorganisationer.'),
        heading('1. Økonomi:'),
        new Table({
          rows: [
            new TableRow({
              children: [
                new TableCell({ children: [text('År')] }),
                new TableCell({ children: [text('Beløb')] }),
              ],
            }),
            new TableRow({
              children: [
                new TableCell({ children: [text('2023')] }),
                new TableCell({ children: [text('1 mio. kr.')] }),
              ],
            }),
          ],
        }),
        heading('VIDERE PROCES'),
        text('Punktet kan eventuelt gentages på et kommende rådmandsmøde.'),
      ],
      { numbering },
    );

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(result.title).toBe('Orientering om vinterhjælp til økonomisk trængte');
    expect(result.sections.map((section) => section.heading)).toEqual([...defaultSectionHeadings]);
    expect(sectionsOf(result)).toEqual({
      INDSTILLING:
        '<p>Det indstilles,</p><ol><li>At den aktuelle situation for de økonomisk trængte Aarhusianere drøftes.</li></ol>',
      SAGSFREMSTILLING:
        '<p>Denne indstilling har til formål at <strong>orientere</strong> rådmanden om <em>vinterhjælp</em>. Se ' +
        '<a href="https://www.socialkompasset.dk" rel="noopener noreferrer">Socialkompasset</a>.</p>' +
        '<ul><li>julehjælp</li><li>tøjhjælp</li></ul>',
      'HANDLEMULIGHEDER/LØSNINGER': '<p>MSB har styrket samarbejdet med civilorganisationer.</p>',
      ØKONOMI:
        '<table><tr><td><p>År</p></td><td><p>Beløb</p></td></tr><tr><td><p>2023</p></td><td><p>1 mio. kr.</p></td></tr></table>',
      KOMMUNIKATION: '',
      'VIDERE PROCES': '<p>Punktet kan eventuelt gentages på et kommende rådmandsmøde.</p>',
      'KOORDINERET MED': '',
      BILAG: '',
    });
    expect(result.unmapped).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('reads bold-only lines naming a section as headings, and finds the case number in the letterhead', async () => {
    const bytes = await docx([
      text('Sociale Forhold og Beskæftigelse, Fagligt Sekretariat'),
      text('Sag: EMN-2023-012026'),
      bold('INDSTILLING'),
      text('Det indstilles, at den aktuelle situation drøftes.'),
      bold('SAGSFREMSTILLING'),
      text('Det er vanskeligt at forudsige behovet for støtte den kommende vintersæson.'),
      bold('ØKONOMI'),
      text('-'),
      bold('BILAG'),
      bold('Bilag 1: Status ift. økonomisk trængte borgere'),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(result.caseNumber).toBe('EMN-2023-012026');
    expect(result.title).toBeNull();
    const sections = sectionsOf(result);
    expect(sections.INDSTILLING).toBe('<p>Det indstilles, at den aktuelle situation drøftes.</p>');
    expect(sections.SAGSFREMSTILLING).toBe(
      '<p>Det er vanskeligt at forudsige behovet for støtte den kommende vintersæson.</p>',
    );
    expect(sections.ØKONOMI).toBe('<p>-</p>');
    // A bold line that only starts like a section is content of the section it is in.
    expect(sections.BILAG).toBe(
      '<p><strong>Bilag 1: Status ift. økonomisk trængte borgere</strong></p>',
    );
    expect(result.unmapped).toEqual([
      {
        heading: null,
        html: '<p>Sociale Forhold og Beskæftigelse, Fagligt Sekretariat</p><p>Sag: EMN-2023-012026</p>',
      },
    ]);
  });

  it('keeps text before the first heading and unknown headings as unmapped, in document order', async () => {
    const bytes = await docx([
      text('Fagligt Sekretariat, 30.10.2024'),
      heading('INDSTILLING'),
      text('Det indstilles, at sagen drøftes.'),
      heading('Baggrund'),
      text('I 2022 og vinteren 2023 var der høj inflation.'),
      heading('Sagsfremstilling'),
      text('Status på hjælpen.'),
      heading('Kommunale muligheder', HeadingLevel.HEADING_2),
      text('Hjælp i særlige tilfælde.'),
      heading('Kommunikation med borgerne', HeadingLevel.HEADING_2),
      text('Via Socialkompasset.'),
      heading('Resumé'),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(result.title).toBeNull();
    expect(result.caseNumber).toBeNull();
    expect(result.unmapped).toEqual([
      { heading: null, html: '<p>Fagligt Sekretariat, 30.10.2024</p>' },
      { heading: 'Baggrund', html: '<p>I 2022 og vinteren 2023 var der høj inflation.</p>' },
      { heading: 'Resumé', html: '' },
    ]);
    // Inside a section, a deeper heading that names no section exactly is a sub-heading of it.
    expect(sectionsOf(result).SAGSFREMSTILLING).toBe(
      '<p>Status på hjælpen.</p><p><strong>Kommunale muligheder</strong></p><p>Hjælp i særlige tilfælde.</p>' +
        '<p><strong>Kommunikation med borgerne</strong></p><p>Via Socialkompasset.</p>',
    );
  });

  it('takes the first heading as title when it comes before any template heading', async () => {
    const bytes = await docx([
      heading('Orientering om vinterhjælp'),
      text('Sagsnr. EMN-2023-012026'),
      heading('Indstilling', HeadingLevel.HEADING_2),
      text('Det indstilles, at sagen drøftes.'),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(result.title).toBe('Orientering om vinterhjælp');
    expect(result.caseNumber).toBe('EMN-2023-012026');
    expect(sectionsOf(result).INDSTILLING).toBe('<p>Det indstilles, at sagen drøftes.</p>');
    expect(result.unmapped).toEqual([
      { heading: 'Orientering om vinterhjælp', html: '<p>Sagsnr. EMN-2023-012026</p>' },
    ]);
  });

  it('takes bold text for emphasis, not for headings, when the sections have heading styles', async () => {
    // The shape of the app's own Word export: a letterhead with bold labels, then the memo.
    const bytes = await docx([
      bold('Fagligt Sekretariat'),
      new Paragraph({
        children: [
          new TextRun({ text: 'Sagsnummer: ', bold: true }),
          new TextRun('EMN-2023-012026'),
        ],
      }),
      bold('Indstilling'),
      heading('Orientering om vinterhjælp til økonomisk trængte'),
      heading('INDSTILLING', HeadingLevel.HEADING_2),
      text('Det indstilles, at sagen drøftes.'),
      heading('ØKONOMI', HeadingLevel.HEADING_2),
      bold('KOMMUNIKATION'),
      text('Ingen udgifter.'),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(result.title).toBe('Orientering om vinterhjælp til økonomisk trængte');
    expect(result.caseNumber).toBe('EMN-2023-012026');
    expect(sectionsOf(result).INDSTILLING).toBe('<p>Det indstilles, at sagen drøftes.</p>');
    expect(sectionsOf(result).ØKONOMI).toBe(
      '<p><strong>KOMMUNIKATION</strong></p><p>Ingen udgifter.</p>',
    );
    expect(sectionsOf(result).KOMMUNIKATION).toBe('');
    expect(result.unmapped).toEqual([
      {
        heading: null,
        html:
          '<p><strong>Fagligt Sekretariat</strong></p><p><strong>Sagsnummer: </strong>EMN-2023-012026</p>' +
          '<p><strong>Indstilling</strong></p>',
      },
    ]);
  });

  it('reads Danish style names and house styles with an outline level as headings', async () => {
    const bytes = await docx(
      [
        new Paragraph({ text: 'Kort cover til rådmanden', style: 'Titel' }),
        new Paragraph({ text: 'Indstilling', style: 'Overskrift1' }),
        text('Det indstilles, at sagen godkendes.'),
        new Paragraph({ text: 'Kommunikation', style: 'Sagsoverskrift' }),
        text('Rådmanden kan bidrage via SoMe.'),
      ],
      {
        styles: {
          paragraphStyles: [
            { id: 'Titel', name: 'Titel', basedOn: 'Normal' },
            { id: 'Overskrift1', name: 'Overskrift 1', basedOn: 'Normal', run: { bold: true } },
            { id: 'AakOverskrift', name: 'AAK overskrift', paragraph: { outlineLevel: 0 } },
            // Inherits its outline level from the style it is based on.
            { id: 'Sagsoverskrift', name: 'Sagsoverskrift', basedOn: 'AakOverskrift' },
          ],
        },
      },
    );

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(result.title).toBe('Kort cover til rådmanden');
    expect(sectionsOf(result).INDSTILLING).toBe('<p>Det indstilles, at sagen godkendes.</p>');
    expect(sectionsOf(result).KOMMUNIKATION).toBe('<p>Rådmanden kan bidrage via SoMe.</p>');
    expect(result.unmapped).toEqual([]);
  });

  it('matches headings regardless of case, numbering, colon and "/" spacing, and joins repeats', async () => {
    const bytes = await docx([
      heading('2) handlemuligheder / løsninger:'),
      text('Første.'),
      heading('Koordineret med'),
      text('Familiecentret.'),
      heading('Handlemuligheder'),
      text('Anden.'),
      // Shares only the first word's beginning with "BILAG", so it is not BILAG.
      heading('Bilagsoversigt'),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(sectionsOf(result)['HANDLEMULIGHEDER/LØSNINGER']).toBe(
      '<p>Første.</p><p><strong>Handlemuligheder</strong></p><p>Anden.</p>',
    );
    expect(sectionsOf(result)['KOORDINERET MED']).toBe('<p>Familiecentret.</p>');
    expect(result.title).toBeNull();
    expect(result.unmapped).toEqual([{ heading: 'Bilagsoversigt', html: '' }]);
  });

  it('matches a first word only when one template heading starts with it', async () => {
    const bytes = await docx([heading('Beslutning om tilskud'), text('Tekst.')]);

    const result = await importWordPaper(bytes, ['Beslutning i udvalget', 'Beslutning i byrådet']);

    expect(result.sections.every((section) => section.html === '')).toBe(true);
    expect(result.unmapped).toEqual([{ heading: 'Beslutning om tilskud', html: '<p>Tekst.</p>' }]);
  });

  it('keeps script-like text as escaped text', async () => {
    const bytes = await docx([
      heading('SAGSFREMSTILLING'),
      new Paragraph({
        children: [
          new TextRun('Før '),
          new TextRun('<script>alert(1)</script>'),
          new TextRun(' efter'),
        ],
      }),
      heading('<img src=x onerror=alert(1)>'),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(sectionsOf(result).SAGSFREMSTILLING).toBe(
      '<p>Før &lt;script&gt;alert(1)&lt;/script&gt; efter</p>',
    );
    expect(result.unmapped).toEqual([{ heading: '<img src=x onerror=alert(1)>', html: '' }]);
    const html = [...result.sections, ...result.unmapped].map((block) => block.html).join('');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('drops images with a Danish warning, once', async () => {
    const image = () =>
      new ImageRun({ type: 'png', data: pixel, transformation: { width: 10, height: 10 } });
    const bytes = await docx([
      heading('SAGSFREMSTILLING'),
      new Paragraph({ children: [new TextRun('Se figuren: '), image()] }),
      new Paragraph({ children: [image()] }),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(sectionsOf(result).SAGSFREMSTILLING).toBe('<p>Se figuren: </p>');
    expect(result.warnings).toEqual([
      'Billeder i Word-filen er ikke taget med; vedhæft dem som bilag.',
    ]);
  });

  it('warns when Word content could not be read', async () => {
    const bytes = await docx([
      heading('SAGSFREMSTILLING'),
      new Paragraph({
        children: [
          new TextRun('Sagsnummer: '),
          new SimpleField('DOCPROPERTY Sagsnr', 'EMN-2023-012026'),
        ],
      }),
    ]);

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(sectionsOf(result).SAGSFREMSTILLING).toBe('<p>Sagsnummer: </p>');
    expect(result.warnings).toEqual([wordImportMessages.contentSkipped]);
  });

  it('puts footnotes in an unmapped block of their own and keeps the marker as text', async () => {
    const bytes = await docx(
      [
        heading('ØKONOMI'),
        new Paragraph({
          children: [new TextRun('Merforbrug på ca. 1 mio. kr.'), new FootnoteReferenceRun(1)],
        }),
        heading('BILAG'),
        text('Bilag 1'),
      ],
      { footnotes: { 1: { children: [text('Forventet regnskab 2023.')] } } },
    );

    const result = await importWordPaper(bytes, defaultSectionHeadings);

    expect(sectionsOf(result).ØKONOMI).toBe('<p>Merforbrug på ca. 1 mio. kr.[1]</p>');
    expect(sectionsOf(result).BILAG).toBe('<p>Bilag 1</p>');
    expect(result.unmapped).toEqual([
      { heading: 'Noter', html: '<ol><li><p>Forventet regnskab 2023.</p></li></ol>' },
    ]);
  });

  it('refuses a memo nested deeper than a section may be, saying how deep it may go', async () => {
    const nestedTables = (depth: number): Table =>
      new Table({
        rows: [
          new TableRow({
            children: [
              new TableCell({
                children: depth === 1 ? [text('Bund')] : [nestedTables(depth - 1), text('')],
              }),
            ],
          }),
        ],
      });
    const deep = await docx([heading('SAGSFREMSTILLING'), nestedTables(11)]);
    const error = await rejectionOf(importWordPaper(deep, defaultSectionHeadings));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { field: 'file', message: wordImportMessages.tooDeeplyNested.structure(10) },
    ]);
    expect(error.details[0]?.message).toMatch(
      /^Word-filen er indlejret for dybt: højst 10 niveauer/,
    );

    const allowed = await importWordPaper(
      await docx([heading('SAGSFREMSTILLING'), nestedTables(10)]),
      defaultSectionHeadings,
    );
    expect(sectionsOf(allowed).SAGSFREMSTILLING).toContain('Bund');
  });

  describe('refuses Word files that unpack to too much, with 413 on the file field', () => {
    it('a document.xml that unpacks 1,000 times over', async () => {
      const error = await rejectionOf(
        importWordPaper(await docxBomb(12 * 1000 * 1000), defaultSectionHeadings),
      );
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toMatch(/^Filen pakker sig ud til mere end 100 gange sin størrelse/);
      expect(error.details).toEqual([{ field: 'file', message: error.message }]);
    });

    it('a document.xml that unpacks to more than it declares', async () => {
      const error = await rejectionOf(
        importWordPaper(await docxBomb(12 * 1000 * 1000, 1000), defaultSectionHeadings),
      );
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toContain('pakker sig ud til mere end den selv oplyser');
    });
  });

  describe('rejects files that are not .docx', () => {
    const cases: Array<[string, Buffer, string]> = [
      [
        'random bytes',
        Buffer.from('Dette er ikke en Word-fil', 'utf8'),
        wordImportMessages.notDocx,
      ],
      [
        'a zip without word/document.xml',
        Buffer.from(zipSync({ 'notes.txt': strToU8('hej') })),
        wordImportMessages.notWordDocument,
      ],
      [
        'a broken zip',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]),
        wordImportMessages.notDocx,
      ],
      [
        'an old binary .doc',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]),
        wordImportMessages.legacyWord,
      ],
      [
        'a password-protected .docx',
        Buffer.concat([
          Buffer.from('d0cf11e0a1b11ae1', 'hex'),
          Buffer.alloc(512),
          Buffer.from('EncryptionInfo', 'utf16le'),
        ]),
        wordImportMessages.encrypted,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      it(name, async () => {
        const error = await rejectionOf(importWordPaper(bytes, defaultSectionHeadings));
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.details).toEqual([{ field: 'file', message }]);
      });
    }

    it('a zip whose document.xml is not Word XML', async () => {
      const bytes = Buffer.from(
        zipSync({
          '[Content_Types].xml': strToU8('<Types/>'),
          'word/document.xml': strToU8('ikke xml <<<'),
        }),
      );
      const error = await rejectionOf(importWordPaper(bytes, defaultSectionHeadings));
      expect(error.details).toEqual([{ field: 'file', message: wordImportMessages.unreadable }]);
    });
  });
});
