import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBomb } from '../../../../test/bomb-factories';
import { renderPdf, typstPreamble, typstText } from '../../../platform/documents/typst';
import { AppError } from '../../../platform/errors';
import { toLocalDate, toLocalTime } from '../../../platform/i18n/format';
import { richTextToPlain } from '../../papers';
import type { ImportedMeeting } from '../archive';
import { readPdfArchive } from './pdf-archive';

const samples = fileURLToPath(new URL('../../../../../shared/samples/esdh/', import.meta.url));
const edocFull = join(samples, 'edoc-ballerup-2012/1552814.PDF');
const edocItem = join(samples, 'edoc-ballerup-2012/1552823.PDF');
const acadre = join(samples, 'acadre-syddjurs-2013/Files_1863_3687982/Ekstraordinaert_PUK.pdf');
const letter = join(samples, 'publication-ballerup-2013/Enclosures/1.pdf');
const limits = { maxBytes: 10 * 1024 * 1024 };

const plain = (html: string) => richTextToPlain(html).trim();

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function onlyMeeting(path: string): Promise<{
  meeting: ImportedMeeting;
  warnings: string[];
}> {
  const archive = await readPdfArchive(path, limits);
  expect(archive.format).toBe('pdf');
  expect(archive.meetings).toHaveLength(1);
  return { meeting: archive.meetings[0]!, warnings: archive.warnings.map((w) => w.code) };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'pdf-archive-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('readPdfArchive on eDoc minutes (Ballerup, Sundheds- og Forebyggelsesudvalget)', () => {
  it('recognises the meeting, its eight items, their sections and decisions', async () => {
    const { meeting, warnings } = await onlyMeeting(edocFull);
    expect(warnings).toEqual([]);
    expect(meeting.organization.name).toBe('Sundheds- og Forebyggelsesudvalget');
    expect(meeting.documentKind).toBe('minutes');
    expect(toLocalDate(meeting.startsAt)).toBe('2012-12-04');
    expect(toLocalTime(meeting.startsAt)).toBe('13:00');
    expect(meeting.place).toBe('Mødecenter C, Lokale 32 på Ballerup Rådhus');
    expect(meeting.title).toBeNull();
    // "Tilstede" lists seven members; the secretary below them is no member.
    expect(meeting.members).toHaveLength(7);
    expect(meeting.members[0]).toMatchObject({
      name: 'Lolan Ottesen',
      party: 'A',
      role: 'Formand',
      attendance: 'attending',
    });
    expect(meeting.members.map((member) => member.name)).not.toContain('Mie Helene Andresen');
    expect(meeting.sourceKey).toBe('pdf:sundheds-og-forebyggelsesudvalget:2012-12-04');
    expect(meeting.items.map((item) => item.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    // The contents page lists each item too: it must not add items, and its line break is mended.
    expect(meeting.items[5]!.title).toBe(
      'Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre',
    );
    const item2 = meeting.items[1]!;
    expect(item2.sourceKey).toBe('pdf:sundheds-og-forebyggelsesudvalget:2012-12-04:item:2');
    expect(item2.caseNumber).toBe('2012-28504');
    expect(item2.isPublic).toBe(true);
    expect(item2.sections.map((section) => section.heading)).toEqual([
      'Sammendrag',
      'Baggrund',
      'Sagsfremstilling',
      'Økonomiske konsekvenser og finansiering',
      'Bilag',
      'Beslutningen træffes af',
      'Indstilling',
    ]);
    // Running headers ("Dato: 04.12.2012", "Side 5") are not part of the memo.
    expect(item2.sections.map((section) => plain(section.html)).join(' ')).not.toMatch(/Side \d/);
    expect(item2.decisions).toHaveLength(1);
    expect(item2.decisions[0]!.heading).toBe(
      'Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2',
    );
    expect(plain(item2.decisions[0]!.html)).toMatch(/^Indstillingen godkendt/);
    expect(plain(meeting.items[6]!.decisions[0]!.html)).toContain(
      'Gruppen af unge i Ballerup Kommune også får adgang til at bruge lokalerne på Solvej 6.',
    );
    expect(meeting.items.every((item) => item.decisions.length === 1)).toBe(true);
  });

  it('reads the text of an item PDF with broken page content, then refuses it: no meeting heading or date', async () => {
    const error = await rejection(readPdfArchive(edocItem, limits));
    expect(error.code).toBe('IMPORT_INVALID');
    // Reaching the recogniser proves the text was extracted despite the syntax errors.
    expect(error.message).toMatch(/^1552823\.PDF: Der blev ikke genkendt et møde/);
    expect(error.message).toContain('ingen mødedato');
  });
});

describe('readPdfArchive on Acadre minutes (Syddjurs, Ekstraordinært PUK)', () => {
  it('recognises date, time, place, the one item and its three decisions', async () => {
    const { meeting, warnings } = await onlyMeeting(acadre);
    expect(warnings).toEqual([]);
    expect(meeting.organization.name).toBe('Udvalget for plan, udvikling og kultur (PUK)');
    expect(meeting.documentKind).toBe('minutes');
    expect(toLocalDate(meeting.startsAt)).toBe('2013-06-20');
    expect(toLocalTime(meeting.startsAt)).toBe('10:30');
    expect(meeting.place).toBe('Kaløvig Kursuscenter, Præstekravevej 46, Følle Strand, 8410 Rønde');
    expect(meeting.title).toBe('Ekstraordinært PUK');
    // "Medlemmer" is a two-column table: both columns are read.
    expect(meeting.members.map((member) => `${member.name} (${member.party})`)).toEqual([
      'Jesper Mathiesen (A)',
      'Ole Bjerregaard (V)',
      'Ole Bollesen (A)',
      'Steen Fris (C)',
      'Niels Viderø (A)',
    ]);
    expect(meeting.items).toHaveLength(1);
    const item = meeting.items[0]!;
    expect(item.number).toBe('715');
    expect(item.title).toBe('Kulturkommune 2017. Politiske fokusområder');
    expect(item.caseNumber).toBe('12/27845');
    expect(item.sections.map((section) => section.heading)).toContain('Resumé');
    expect(item.sections.map((section) => section.heading)).toContain(
      'Supplerende Sagsfremstilling',
    );
    expect(item.decisions.map((decision) => decision.heading)).toEqual([
      'Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013',
      'Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 24-04-2013',
      'Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013',
    ]);
    expect(plain(item.decisions[2]!.html)).toMatch(/^Punktet blev drøftet\./);
    // The signature page after the item is not part of its last section (Bilag).
    expect(item.sections.at(-1)!.heading).toBe('Bilag');
    expect(plain(item.sections.at(-1)!.html)).toMatch(/^1 Åben Opsamlingsnotat/);
    expect(plain(item.sections.at(-1)!.html)).not.toContain('Underskriftsside');
  });
});

describe('readPdfArchive refuses what is no agenda or minutes', () => {
  it('refuses a letter (a bilag) and says what was missing', async () => {
    const error = await rejection(readPdfArchive(letter, limits));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('»Dagsorden«, »Referat«');
  });

  it('refuses a file that is not a PDF', async () => {
    const fake = join(scratch, 'fake.pdf');
    await writeFile(fake, 'Referat\nØkonomiudvalget\n4. marts 2021\n1. Godkendelse\n');
    const error = await rejection(readPdfArchive(fake, limits));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toBe('fake.pdf er ikke en PDF-fil, der kan læses.');
  });

  it('refuses a folder without PDFs and a path that does not exist', async () => {
    const empty = await mkdtemp(join(scratch, 'empty-'));
    expect((await rejection(readPdfArchive(empty, limits))).code).toBe('IMPORT_INVALID');
    expect((await rejection(readPdfArchive(join(scratch, 'nowhere'), limits))).code).toBe(
      'IMPORT_INVALID',
    );
  });

  it('refuses a PDF whose object streams unpack to more than 64 MB, before pdf.js may read it', async () => {
    const bomb = join(scratch, 'bombe.pdf');
    await writeFile(bomb, await pdfBomb(70 * 1000 * 1000));
    const error = await rejection(readPdfArchive(bomb, limits));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/^PDF-filen pakker sig ud til mere end 64 MB/);
  });

  it('refuses an archive over the size limit, naming the limit', async () => {
    const error = await rejection(readPdfArchive(edocFull, { maxBytes: 50_000 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('Filen er større end grænsen på 50 kB og er ikke importeret.');
  });
});

describe('readPdfArchive without poppler', () => {
  it('falls back to pdf.js (unpdf) and recognises the same meeting', async () => {
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      const { meeting } = await onlyMeeting(edocFull);
      expect(meeting.organization.name).toBe('Sundheds- og Forebyggelsesudvalget');
      expect(toLocalDate(meeting.startsAt)).toBe('2012-12-04');
      expect(meeting.items.map((item) => item.title)).toEqual([
        'Meddelelser',
        'Bygningsvedligeholdelse 2013 - anlægsbevilling',
        'Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013',
        'Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013',
        "KL's opfølgningsproces vedrørende det nære sundhedsvæsen",
        'Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre',
        'Etablering af aktivitetscenter på Solvej 6 i Ballerup',
        'Evaluering af rygestopkurser',
      ]);
      expect(meeting.members).toHaveLength(7);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('readPdfArchive on a PDF without text', () => {
  it('refuses it and says that it needs text recognition', async () => {
    const blank = join(scratch, 'scannet.pdf');
    await writeFile(
      blank,
      renderPdf(`${typstPreamble({ title: 'Tom', author: null })}\n#box(height: 1cm)\n`, {
        standard: 'ua-1',
      }),
    );
    const error = await rejection(readPdfArchive(blank, limits));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toBe(
      'Der er ingen tekst i scannet.pdf. En scannet PDF skal først have tekstgenkendelse (OCR).',
    );
  });
});

describe('readPdfArchive on a folder', () => {
  it('reads every PDF in it as one meeting each', async () => {
    const folder = await mkdtemp(join(scratch, 'archive-'));
    await copyFile(edocFull, join(folder, 'a.PDF'));
    await copyFile(acadre, join(folder, 'b.pdf'));
    await writeFile(join(folder, 'notes.txt'), 'not read');
    const archive = await readPdfArchive(folder, limits);
    expect(archive.meetings.map((meeting) => toLocalDate(meeting.startsAt))).toEqual([
      '2012-12-04',
      '2013-06-20',
    ]);
  });
});

/** A third layout, typeset here: running header, "Mødedato:" labels, "Punkt N:", "Beslutning:". */
function typstMeeting(kind: 'Dagsorden' | 'Referat'): Uint8Array {
  const isMinutes = kind === 'Referat';
  const lines = [
    `= ${typstText(`${kind} – Kultur- og Fritidsudvalget`)}`,
    typstText('Mødedato: Onsdag den 7. februar 2024'),
    typstText('Mødetidspunkt: 16.00 – 18.30'),
    typstText('Mødested: Byrådssalen, Rådhuset'),
    `== ${typstText('Indholdsfortegnelse')}`,
    typstText('Punkt 1: Godkendelse af dagsorden ........ 2'),
    typstText('Punkt 2: Tilskud til foreninger 2024 ........ 2'),
    typstText('Punkt 3: Personalesag ........ 3'),
    '#pagebreak()',
    `== ${typstText('Punkt 1: Godkendelse af dagsorden')}`,
    ...(isMinutes ? [typstText('Beslutning: Dagsordenen blev godkendt.')] : []),
    `== ${typstText('Punkt 2: Tilskud til foreninger 2024')}`,
    typstText('Sagsnr.: 24/1234'),
    typstText('Resumé'),
    typstText('Udvalget skal fordele 2,5 mio. kr. i tilskud til foreninger.'),
    typstText('Indstilling'),
    typstText('Forvaltningen indstiller, at tilskuddene fordeles som foreslået.'),
    ...(isMinutes
      ? [typstText('Beslutning: Godkendt med den ændring, at spejderne får 50.000 kr. mere.')]
      : []),
    '#pagebreak()',
    `== ${typstText('Punkt 3: Personalesag')}`,
    typstText('Lukket punkt'),
  ];
  const source = `${typstPreamble({ title: `${kind} Kultur- og Fritidsudvalget`, author: null })}
#set page(header: align(right, text(size: 9pt)[${typstText('Kultur- og Fritidsudvalget – 7. februar 2024')}]), footer: context align(center, text(size: 9pt)[side #counter(page).display() af #counter(page).final().first()]))
${lines.join('\n\n')}
`;
  return renderPdf(source, { standard: 'ua-1' });
}

describe('readPdfArchive on a PDF typeset by our own Typst pipeline', () => {
  it('maps the agenda and the minutes of one meeting to the same keys; the minutes add decisions', async () => {
    const folder = await mkdtemp(join(scratch, 'typst-'));
    await writeFile(join(folder, 'dagsorden.pdf'), typstMeeting('Dagsorden'));
    await writeFile(join(folder, 'referat.pdf'), typstMeeting('Referat'));
    const archive = await readPdfArchive(folder, limits);
    expect(archive.warnings).toEqual([]);
    const [agenda, minutes] = archive.meetings;
    expect(agenda!.documentKind).toBe('agenda');
    expect(minutes!.documentKind).toBe('minutes');
    expect(agenda!.sourceKey).toBe('pdf:kultur-og-fritidsudvalget:2024-02-07');
    expect(minutes!.sourceKey).toBe(agenda!.sourceKey);
    expect(minutes!.items.map((item) => item.sourceKey)).toEqual(
      agenda!.items.map((item) => item.sourceKey),
    );
    expect(toLocalTime(minutes!.startsAt)).toBe('16:00');
    expect(toLocalTime(minutes!.endsAt!)).toBe('18:30');
    expect(minutes!.place).toBe('Byrådssalen, Rådhuset');
    expect(minutes!.items.map((item) => [item.number, item.title])).toEqual([
      ['1', 'Godkendelse af dagsorden'],
      ['2', 'Tilskud til foreninger 2024'],
      ['3', 'Personalesag'],
    ]);
    const item2 = minutes!.items[1]!;
    expect(item2.caseNumber).toBe('24/1234');
    expect(item2.sections.map((section) => section.heading)).toEqual(['Resumé', 'Indstilling']);
    expect(plain(item2.decisions[0]!.html)).toBe(
      'Godkendt med den ændring, at spejderne får 50.000 kr. mere.',
    );
    expect(agenda!.items.every((item) => item.decisions.length === 0)).toBe(true);
    expect(minutes!.items[2]).toMatchObject({ isPublic: false, neutralTitle: 'Lukket punkt' });
    expect(minutes!.items[0]).toMatchObject({ isPublic: true, neutralTitle: null });
  });
});
