import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { toLocalDate, toLocalTime } from '../../../platform/i18n/format';
import { richTextToPlain } from '../../papers';
import { recogniseMeetingText } from './recognise-meeting-text';

const shared = new URL('../../../../../shared/', import.meta.url);
const seed = readFileSync(new URL('seed/moedepakke-msb-raadmandsmoede-2023.txt', shared), 'utf8');
const plain = (html: string) => richTextToPlain(html).trim();

function refusal(text: string): AppError {
  try {
    recogniseMeetingText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the text to be refused');
}

describe('recogniseMeetingText on the seed meeting package (rådmandsmøde, Sociale Forhold og Beskæftigelse)', () => {
  it('refuses the text alone: the package never states its own meeting date', () => {
    const error = refusal(seed);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toBe('Der blev ikke genkendt et møde i PDF-filen: ingen mødedato.');
    expect(error.details.map((detail) => detail.field)).toContain('PDF_DATE_MISSING');
  });

  it('takes date and body from an archive path, and picks the minutes out of the package', () => {
    const sourceName = 'Rådmand for Sociale Forhold og Beskæftigelse/2023-11-13 Rådmandsmøde.pdf';
    const { meeting, warnings } = recogniseMeetingText(seed, { sourceName });
    expect(toLocalDate(meeting.startsAt)).toBe('2023-11-13');
    expect(meeting.organization.name).toBe('Rådmand for Sociale Forhold og Beskæftigelse');
    expect(meeting.documentKind).toBe('minutes');
    // The package holds an earlier referat (1, 2, 4, 5, 6), the committee's agenda (1.–10.) and
    // this meeting's referat (Punkt 1–7): the last is the only complete run of "Punkt N:".
    expect(meeting.items.map((item) => `${item.number} ${item.title}`)).toEqual([
      '1 Dagsorden',
      '2 Referat',
      '3 Orientering om vinterhjælp til økonomisk trængte (15 min)',
      '4 Status på Sammen om Opgaven (10 min)',
      '5 Orientering fra Magistraten (5 min)',
      '6 Orientering om udvalgsmødet (5 min)',
      '7 Bordrunde (5 min)',
    ]);
    expect(plain(meeting.items[0]!.sections[0]!.html)).toBe('Dagsordnen blev godkendt.');
    expect(plain(meeting.items[6]!.sections[0]!.html)).toMatch(
      /^De aktuelle opgaver for deltagerne i rådmandskredsen blev vendt\./,
    );
    expect(warnings.map((warning) => warning.code)).toEqual([
      'PDF_DATE_FROM_NAME',
      'PDF_TIME_MISSING',
      'PDF_ORGANIZATION_FROM_NAME',
      'PDF_ITEMS_IGNORED',
    ]);
    expect(warnings.every((warning) => warning.where === sourceName)).toBe(true);
  });
});

describe('recogniseMeetingText on pdftotext without -layout (number and title on separate lines)', () => {
  it('finds the same eight eDoc items and decisions as with -layout', () => {
    const pdf = fileURLToPath(new URL('samples/esdh/edoc-ballerup-2012/1552814.PDF', shared));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-q', pdf, '-'], { encoding: 'utf8' });
    const { meeting } = recogniseMeetingText(text);
    expect(meeting.items).toHaveLength(8);
    expect(meeting.items[2]!.title).toBe(
      'Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013',
    );
    expect(plain(meeting.items[2]!.decisions[0]!.html)).toMatch(/^Indstilles til godkendelse/);
  });
});

describe('recogniseMeetingText on small layouts', () => {
  it('reads sub-items, sorts them, and reports a gap in the numbers', () => {
    const text = [
      'Dagsorden',
      'Byrådet',
      'Mødedato: 27. august 2018',
      'Mødetidspunkt: kl. 19:00',
      'Sted: Byrådssalen',
      '',
      '1. Økonomi',
      '',
      '1.1 Budgetopfølgning',
      'Sagsfremstilling',
      'Bilag og tid for den videre proces fastlægges senere af udvalget',
      'på næste møde.',
      'Det indstilles,',
      '1. At budgetopfølgningen tages til efterretning.',
      '2. At den sendes videre.',
      '',
      '1.2 Anlæg',
      '',
      '3. Eventuelt',
      'Lukket punkt',
      '',
      '2014. Budgettet vedtages i oktober',
    ].join('\n');
    const { meeting, warnings } = recogniseMeetingText(text);
    expect(meeting.documentKind).toBe('agenda');
    expect(meeting.organization.name).toBe('Byrådet');
    expect(toLocalTime(meeting.startsAt)).toBe('19:00');
    expect(meeting.endsAt).toBeNull();
    expect(meeting.place).toBe('Byrådssalen');
    expect(meeting.items.map((item) => item.number)).toEqual(['1', '1.1', '1.2', '3']);
    // A line of text that starts like a heading ("Bilag …") is no heading.
    expect(meeting.items[1]!.sections.map((section) => section.heading)).toEqual([
      'Sagsfremstilling',
    ]);
    expect(plain(meeting.items[1]!.sections[0]!.html)).toContain(
      '1. At budgetopfølgningen tages til efterretning.',
    );
    expect(meeting.items[3]).toMatchObject({ isPublic: false, neutralTitle: 'Lukket punkt' });
    // A year opening a line is no item 2014, but it is reported as a numbered line left out.
    expect(warnings.map((warning) => warning.code)).toEqual([
      'PDF_ITEMS_IGNORED',
      'PDF_ITEM_NUMBER_GAP',
    ]);
    expect(warnings[1]!.message).toBe(
      'Punkt 1.2 efterfølges af punkt 3; punkterne imellem blev ikke fundet.',
    );
  });

  it('reads "Torsdag den 20. juni 2013", bare numbers ("12 Orientering") and a closed agenda part', () => {
    const text = [
      'Beslutningsprotokol',
      'Økonomiudvalget',
      'Torsdag den 20. juni 2013 kl. 8.30 - 10.00',
      'i Mødelokale 2',
      '\f11 Regnskab 2012',
      'Sagsnr.:',
      '13/27845',
      'Indstilling',
      'Forvaltningen indstiller, at regnskabet godkendes.',
      'Økonomiudvalgets beslutning',
      'Godkendt.',
      'Lukket dagsorden',
      '12 Orientering',
      'Sagen drøftes.',
    ].join('\n');
    const { meeting, warnings } = recogniseMeetingText(text);
    expect(warnings).toEqual([]);
    expect(meeting.documentKind).toBe('minutes');
    expect(toLocalDate(meeting.startsAt)).toBe('2013-06-20');
    expect(toLocalTime(meeting.startsAt)).toBe('08:30');
    expect(toLocalTime(meeting.endsAt!)).toBe('10:00');
    expect(meeting.place).toBe('Mødelokale 2');
    expect(meeting.items.map((item) => [item.number, item.title, item.isPublic])).toEqual([
      ['11', 'Regnskab 2012', true],
      ['12', 'Orientering', false],
    ]);
    // pdftotext without -layout puts a label's value on the next line.
    expect(meeting.items[0]!.caseNumber).toBe('13/27845');
    expect(meeting.items[0]!.decisions).toEqual([
      { heading: 'Økonomiudvalgets beslutning', html: '<p>Godkendt.</p>' },
    ]);
  });

  it('closes the items on pages whose running header says "Lukket dagsorden"', () => {
    const page = (part: string, number: number, body: string) =>
      `Økonomiudvalget\n${part} dagsorden\nSide ${number} af 4\n\n${body}\n`;
    const text = [
      page('Åben', 1, 'Dagsorden\nMødedato: 2. maj 2022 kl. 16.00\n\n1. Budget 2023\nForslag.'),
      page('Åben', 2, '2. Skoler\nSkoleplan.'),
      page('Lukket', 3, '3. Personalesag\nSagen drøftes.'),
      page('Lukket', 4, '4. Ejendomskøb\nKøb af grund.'),
    ].join('\f');
    const { meeting, warnings } = recogniseMeetingText(text);
    expect(warnings).toEqual([]);
    expect(meeting.items.map((item) => [item.number, item.isPublic])).toEqual([
      ['1', true],
      ['2', true],
      ['3', false],
      ['4', false],
    ]);
    // The running header and page numbers are not part of any item.
    expect(meeting.items.every((item) => item.sections.length === 1)).toBe(true);
    expect(plain(meeting.items[1]!.sections[0]!.html)).toBe('Skoleplan.');
  });

  it('reads the layout of our own minutes export (minutes-export.ts)', () => {
    const text = [
      'Social- og Beskæftigelsesudvalget',
      'Referat: Udvalgsmøde',
      '15. november 2023, kl. 18:15 – 19:45, Rådhuset, lokale 398',
      'Deltagere: Anna Jensen, Bo Hansen',
      'Afbud: Carl Nielsen',
      '',
      'Punkt 1: Godkendelse af dagsorden (3 min)',
      'Dagsordenen blev gennemgået.',
      '',
      'Beslutning: Godkendt.',
      '',
      'Punkt 2: Evt. (5 min)',
      'Intet.',
    ].join('\n');
    const { meeting, warnings } = recogniseMeetingText(text);
    expect(warnings).toEqual([]);
    expect(meeting).toMatchObject({
      title: 'Udvalgsmøde',
      place: 'Rådhuset, lokale 398',
      documentKind: 'minutes',
      organization: { name: 'Social- og Beskæftigelsesudvalget' },
    });
    expect(toLocalTime(meeting.endsAt!)).toBe('19:45');
    expect(meeting.members.map((member) => [member.name, member.attendance])).toEqual([
      ['Anna Jensen', 'attending'],
      ['Bo Hansen', 'attending'],
      ['Carl Nielsen', 'sent_regrets'],
    ]);
    expect(meeting.items.map((item) => item.title)).toEqual([
      'Godkendelse af dagsorden (3 min)',
      'Evt. (5 min)',
    ]);
    expect(meeting.items[0]!.decisions).toEqual([
      { heading: 'Beslutning', html: '<p>Godkendt.</p>' },
    ]);
  });

  it('reads upper-case headings and one decision per body (regional layout)', () => {
    const text = [
      'REGIONSRÅDET',
      'DAGSORDEN',
      'Mødedato: 25-09-2012',
      '',
      '1. Budget 2013',
      '',
      'ADMINISTRATIONENS INDSTILLING',
      'Administrationen indstiller, at budgettet vedtages.',
      'RESUME',
      'Budgettet er i balance.',
      'FORRETNINGSUDVALGETS BESLUTNING',
      'Anbefalet.',
      'REGIONSRÅDETS BESLUTNING',
      'Vedtaget.',
    ].join('\n');
    const { meeting } = recogniseMeetingText(text);
    expect(meeting.organization.name).toBe('REGIONSRÅDET');
    expect(meeting.documentKind).toBe('agenda');
    const [item] = meeting.items;
    expect(item!.sections.map((section) => section.heading)).toEqual([
      'ADMINISTRATIONENS INDSTILLING',
      'RESUME',
    ]);
    expect(item!.decisions).toEqual([
      { heading: 'FORRETNINGSUDVALGETS BESLUTNING', html: '<p>Anbefalet.</p>' },
      { heading: 'REGIONSRÅDETS BESLUTNING', html: '<p>Vedtaget.</p>' },
    ]);
  });

  it('reads "Sag nr. 5" numbering', () => {
    const text =
      'Referat\nByrådet\n1. marts 2019 kl. 19.00\n\nSag nr. 5\nVedtægt for Ældrerådet\n\nBeslutning\nVedtaget.\n';
    const { meeting } = recogniseMeetingText(text);
    expect(meeting.items.map((item) => [item.number, item.title])).toEqual([
      ['5', 'Vedtægt for Ældrerådet'],
    ]);
    expect(meeting.items[0]!.decisions).toEqual([
      { heading: 'Beslutning', html: '<p>Vedtaget.</p>' },
    ]);
  });

  it('prefers "Referat" over the "Dagsorden" it names, and lets a meeting end after midnight', () => {
    const text =
      'Dagsorden\nReferat\nByrådet\nMødedato: 5. januar 2022\nMødetid: 22.00 – 00.30\n\n1. Eventuelt\n';
    const { meeting } = recogniseMeetingText(text);
    expect(meeting.documentKind).toBe('minutes');
    expect(toLocalDate(meeting.endsAt!)).toBe('2022-01-06');
    expect(toLocalTime(meeting.endsAt!)).toBe('00:30');
  });

  it('keeps a meeting without items, with a warning', () => {
    const { meeting, warnings } = recogniseMeetingText('Referat\nMødedato: 04-12-2012\n');
    expect(meeting.items).toEqual([]);
    expect(meeting.organization.name).toBe('Ukendt udvalg');
    expect(warnings.map((warning) => warning.code)).toEqual([
      'PDF_TIME_MISSING',
      'PDF_ORGANIZATION_MISSING',
      'PDF_NO_ITEMS',
    ]);
  });
});
