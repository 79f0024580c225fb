/**
 * Recognises a meeting in the plain text of an agenda or minutes PDF (pages separated by form
 * feeds, as pdftotext writes them). Pure and best effort: it uses only what Danish agendas and
 * minutes share across systems (a "Dagsorden"/"Referat" heading, a Danish date, numbered items,
 * the usual memo headings, decisions headed "Beslutning …" or "…s beslutning"), never one
 * system's exact layout, and reports what it could not recognise as warnings.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import { fromLocalDateTime, isValidIsoDate } from '../../../platform/i18n/format';
import { plainToRichText } from '../../papers';
import type {
  ImportedItem,
  ImportedMeeting,
  ImportedMember,
  ImportedSection,
  ImportWarning,
} from '../archive';

const t = da.pdfImport;

export type RecognisedMeeting = { meeting: ImportedMeeting; warnings: ImportWarning[] };

type Line = { text: string; raw: string; page: number };

/** How sure a numbered line is an item: "Punkt 3:" is explicit, "3." common, "3 Title" weak. */
type Strength = 'explicit' | 'dotted' | 'bare';

type Candidate = {
  /** Index of the number's line in the body lines. */
  index: number;
  /** Index of the first line after the title. */
  bodyStart: number;
  number: string;
  title: string;
  strength: Strength;
  isToc: boolean;
  /** Follows a line ending in "," or ":" ("Det indstilles,"): a list inside a memo, not an item. */
  isInList: boolean;
  /** Follows a line that ends mid-sentence: a wrapped line starting with a number ("2013. Det …"). */
  isMidSentence: boolean;
};

const weekdays = '(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)';
const monthNumbers: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  maj: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};
const monthWord =
  '(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)';
const datePatterns: { pattern: RegExp; toIso: (match: RegExpExecArray) => string }[] = [
  {
    pattern: new RegExp(`(?<!\\d)(\\d{1,2})\\.\\s*${monthWord}\\.?\\s+(\\d{4})(?!\\d)`, 'iu'),
    toIso: (m) =>
      isoOf(Number(m[3]), monthNumbers[m[2]!.toLowerCase().slice(0, 3)] ?? 0, Number(m[1])),
  },
  {
    pattern: /(?<![\d.-])(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)/u,
    toIso: (m) => isoOf(Number(m[3]), Number(m[2]), Number(m[1])),
  },
  {
    pattern: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u,
    toIso: (m) => isoOf(Number(m[1]), Number(m[2]), Number(m[3])),
  },
];

const kindPattern =
  /^(?:(?:åben|åbent|lukket|endelig|foreløbig)\s+)?(dagsorden|referat|beslutningsprotokol|protokol)(?![\p{L}])/iu;
const meetingLabel = /^(?:mødedato|mødested|mødetid|mødetidspunkt|mødelokale)\b/iu;
const dateLabel = /^(?:mødedato|dato|mødedag|tidspunkt|tid og sted)\s*:?/iu;
const placeLabel = /^(?:mødested|sted|mødelokale|lokale|adresse)\s*:\s*(.*)$/iu;
const organizationWord =
  /(?:udvalg|udvalget|bestyrelse|bestyrelsen|byråd|byrådet|regionsråd|regionsrådet|magistrat|magistraten|rådet|forligsudvalget)(?:\s*\(\p{Lu}{2,10}\))?$/iu;
const organizationStart = /^(?:udvalget|bestyrelsen|rådet|nævnet)\s+for\s/iu;
const documentPrefix =
  /^(?:(?:åben|åbent|lukket)\s+)?(?:dagsorden|referat|beslutningsprotokol|protokol)(?:\s+(?:for|fra|til|over))?(?:\s+mødet?\s+i)?\s*[:\-–]?\s*/iu;
const pageNumberLine = /^(?:side|page)?\s*\d{1,4}\s*(?:(?:af|of|\/)\s*\d{1,4})?$/iu;
const tocTrailer = /(?:\s*\.{3,}\s*|\s*…+\s*|\s{2,})(\d{1,4})$/u;
const tocHeading = /^(?:indholdsfortegnelse|indhold)$/iu;
const closedToggle =
  /^(lukket|lukkede|åben|åbent|åbne)\s+(?:dagsorden|referat|punkter|punkt|møde|del)$/iu;
const signaturePage = /^(?:underskriftsside|underskrifter|underskrift|underskrevet af)$/iu;
const caseNumberLine = /^(?:sagsnr|sags nr|sag nr|sagsnummer|sag)\.?\s*:\s*(\S*)/iu;
const caseNumberValue = /^(?=[^\d]*\d)[\p{L}\d][\p{L}\d\-/.]*$/u;
const documentNumberLine = /^(?:dok|dokument)\.?\s*nr\.?\s*:/iu;

/** Memo headings Danish systems share; a line is a heading when it starts with one of them. */
const headingStems = [
  'sammendrag',
  'resumé',
  'resume',
  'baggrund',
  'formål',
  'sagsfremstilling',
  'supplerende sagsfremstilling',
  'sagsbeskrivelse',
  'indstilling',
  'administrationens indstilling',
  'forvaltningens indstilling',
  'direktionens indstilling',
  'økonomi',
  'økonomiske konsekvenser',
  'lovgrundlag',
  'retsgrundlag',
  'bilag',
  'beslutningen træffes af',
  'sagen afgøres',
  'tidligere behandling',
  'punktet behandlet tidligere',
  'kommunikation',
  'høring',
  'handlemuligheder',
  'videre proces',
  'koordineret med',
  'bemærkninger',
  'metode',
  'ansvarlig',
  'tid',
  'tidsplan',
  'konsekvenser',
  'vurdering',
  'sagens indhold',
  'sagens baggrund',
];

/** Recognises one meeting; throws IMPORT_INVALID when the text is no agenda or minutes. */
export function recogniseMeetingText(
  text: string,
  options: { sourceName?: string } = {},
): RecognisedMeeting {
  const where = options.sourceName;
  const warnings: ImportWarning[] = [];
  const warn = (code: string, message: string) =>
    warnings.push(where === undefined ? { code, message } : { code, message, where });

  const pages = splitPages(text);
  const head = headLines(pages);
  const body = bodyLines(pages);

  // Minutes often name the agenda ("Dagsorden" over the list of items), agendas never the minutes.
  const kindOf = (line: Line) => kindPattern.exec(line.text)?.[1]?.toLowerCase() ?? null;
  const kindLine =
    head.find((line) => (kindOf(line) ?? 'dagsorden') !== 'dagsorden') ??
    head.find((line) => kindOf(line) !== null);
  const hasMeetingLabel = head.some((line) => meetingLabel.test(line.text));
  let date = findMeetingDate(head);
  const dateInName = options.sourceName ? firstDate(options.sourceName) : null;
  if (!date && dateInName) {
    date = { iso: dateInName, lineIndex: -1 };
    warn('PDF_DATE_FROM_NAME', t.dateFromName(options.sourceName!));
  }
  const missing = [
    ...(kindLine || hasMeetingLabel ? [] : [t.missingKind]),
    ...(date ? [] : [t.missingDate]),
  ];
  if (!date || missing.length > 0) {
    const message = t.noMeeting(missing);
    throw new AppError('IMPORT_INVALID', {
      message,
      details: [
        { field: 'file', message },
        ...(date ? [] : [{ field: 'PDF_DATE_MISSING', message: t.dateMissing }]),
      ],
    });
  }

  const time = findTime(head, date.lineIndex);
  if (!time) warn('PDF_TIME_MISSING', t.timeMissing);
  const place = findPlace(head, date.lineIndex, time);
  const organization = findOrganization(head);
  let organizationName = organization?.name ?? null;
  if (!organizationName && options.sourceName) {
    organizationName = organizationFromName(options.sourceName);
    if (organizationName)
      warn('PDF_ORGANIZATION_FROM_NAME', t.organizationFromName(options.sourceName));
  }
  if (!organizationName) warn('PDF_ORGANIZATION_MISSING', t.organizationMissing);

  const items = recogniseItems(body, closedPages(pages), warn);
  if (items.length === 0) warn('PDF_NO_ITEMS', t.noItems);
  const hasDecisions = items.some((item) => item.decisions.length > 0);
  const kindWord = kindLine ? kindOf(kindLine) : null;
  if (!kindWord) warn('PDF_KIND_MISSING', t.kindMissing);
  const documentKind =
    kindWord === 'dagsorden' ? 'agenda' : kindWord || hasDecisions ? 'minutes' : 'agenda';

  const organizationKey = organizationName
    ? slugOf(organizationName)
    : `ukendt-${hashOf(items.map((item) => `${item.number}:${item.title}`).join('\n'))}`;
  const meetingKey = `pdf:${organizationKey}:${date.iso}`;
  const meeting: ImportedMeeting = {
    sourceKey: meetingKey,
    organization: {
      sourceKey: `pdf:${organizationKey}`,
      name: organizationName ?? t.unknownOrganization,
      groupName: null,
    },
    title: (organization ? findTitle(head, organization.index) : null) ?? titleAfterKind(kindLine),
    startsAt: fromLocalDateTime(date.iso, time?.start ?? '00:00'),
    endsAt: endOf(date.iso, time),
    place,
    documentKind,
    isFinal: true,
    members: findMembers(head),
    items: items.map((item) => ({ ...item, sourceKey: `${meetingKey}:item:${item.number}` })),
  };
  return { meeting, warnings };
}

/** The end on the same day; "22.00 – 00.30" crosses midnight into the next. */
function endOf(isoDate: string, time: Time | null): Date | null {
  if (!time?.end) return null;
  const end = fromLocalDateTime(isoDate, time.end);
  return time.end >= time.start ? end : new Date(end.getTime() + 24 * 60 * 60 * 1000);
}

// ---- Pages, running headers and footers ----

function splitPages(text: string): Line[][] {
  const clean = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00AD/g, '')
    .replace(/[^\P{Cc}\n\f\t]/gu, '');
  return clean
    .split('\f')
    .map((page, pageIndex) =>
      page.split('\n').map((raw) => ({
        raw: raw.trimEnd(),
        text: raw.replace(/\s+/g, ' ').trim(),
        page: pageIndex,
      })),
    )
    .filter((page) => page.some((line) => line.text !== ''));
}

/**
 * The lines near a page's top and bottom, each keyed by its place (third from the top, last)
 * and its text with digits masked, so "Side 3" and "Side 4" match but body text does not.
 */
const zoneOf = (page: Line[]): [string, Line][] => {
  const filled = page.filter((line) => line.text !== '');
  const shape = (line: Line) => line.text.toLowerCase().replace(/\d+/g, '#');
  return [
    ...filled
      .slice(0, 6)
      .map((line, index): [string, Line] => [`top${index}:${shape(line)}`, line]),
    ...filled
      .slice(-4)
      .reverse()
      .map((line, index): [string, Line] => [`bottom${index}:${shape(line)}`, line]),
  ];
};

/** Lines at the same place at the top or bottom of most pages (committee, date, "Side 3"). */
function runningLines(pages: Line[][]): Set<Line> {
  const running = new Set<Line>();
  if (pages.length < 2) return running;
  const zones = pages.map(zoneOf);
  const pagesWithKey = new Map<string, number>();
  for (const zone of zones) {
    for (const key of new Set(zone.map(([key]) => key)))
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  for (const zone of zones) {
    for (const [key, line] of zone)
      if ((pagesWithKey.get(key) ?? 0) >= threshold) running.add(line);
  }
  return running;
}

/** Where the meeting's facts stand: the first page, plus the running headers of the others. */
function headLines(pages: Line[][]): Line[] {
  const first = pages[0] ?? [];
  const limited = pages.length > 1 ? first : first.filter((line) => line.text !== '').slice(0, 30);
  const running = [...runningLines(pages)].filter((line) => line.page !== first[0]?.page);
  return [...limited, ...running];
}

/** Pages whose running header says "Lukket dagsorden"/"Lukket referat": their items are closed. */
function closedPages(pages: Line[][]): Set<number> {
  const closed = new Set<number>();
  for (const line of runningLines(pages)) {
    if (/^lukke/iu.test(closedToggle.exec(line.text)?.[1] ?? '')) closed.add(line.page);
  }
  return closed;
}

function bodyLines(pages: Line[][]): Line[] {
  const running = runningLines(pages);
  return pages.flatMap((page) =>
    page.filter((line) => !running.has(line) && !pageNumberLine.test(line.text)),
  );
}

// ---- Date, time, place, organisation ----

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first real date in the text as YYYY-MM-DD, in any of the Danish ways of writing one. */
function firstDate(text: string): string | null {
  let best: { iso: string; at: number } | null = null;
  for (const { pattern, toIso } of datePatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const iso = toIso(match);
    if (isValidIsoDate(iso) && (!best || match.index < best.at)) best = { iso, at: match.index };
  }
  return best?.iso ?? null;
}

/** A labelled date ("Mødedato:"), else one with a weekday ("Torsdag den 20. juni 2013"), else the first. */
function findMeetingDate(head: Line[]): { iso: string; lineIndex: number } | null {
  const dated = head
    .map((line, lineIndex) => ({ line, lineIndex, date: firstDate(line.text) }))
    .filter((entry) => entry.date !== null);
  const chosen =
    dated.find((entry) => dateLabel.test(entry.line.text)) ??
    dated.find((entry) => new RegExp(weekdays, 'iu').test(entry.line.text)) ??
    dated[0];
  return chosen ? { iso: chosen.date!, lineIndex: chosen.lineIndex } : null;
}

type Time = { start: string; end: string | null; lineIndex: number; rest: string };

const clock = '(?<![\\d.:])([01]?\\d|2[0-3])[:.]([0-5]\\d)(?![\\d]|[.:]\\d)';
const rangePattern = new RegExp(
  `(?:kl\\.?\\s*)?${clock}\\s*(?:-|–|—|til)\\s*(?:kl\\.?\\s*)?${clock}`,
  'iu',
);
const clockAfterKl = new RegExp(`\\bkl\\.?\\s*${clock}`, 'iu');
const labelledClock = new RegExp(
  `^(?:mødetid|mødetidspunkt|tidspunkt|tid)\\s*:\\s*(?:kl\\.?\\s*)?${clock}`,
  'iu',
);

/** "kl. 13:00", "13.00 – 15.30", "Mødetid: Kl. 18.15 – 19.45": on the date's line first. */
function findTime(head: Line[], dateIndex: number): Time | null {
  const order = [dateIndex, dateIndex + 1, ...head.keys()].filter(
    (index) => index >= 0 && index < head.length,
  );
  for (const index of order) {
    const text = head[index]!.text;
    const range = rangePattern.exec(text);
    if (range) {
      return {
        start: `${range[1]!.padStart(2, '0')}:${range[2]}`,
        end: `${range[3]!.padStart(2, '0')}:${range[4]}`,
        lineIndex: index,
        rest: text.slice(range.index + range[0].length),
      };
    }
    const single = clockAfterKl.exec(text) ?? labelledClock.exec(text);
    if (single) {
      return {
        start: `${single[1]!.padStart(2, '0')}:${single[2]}`,
        end: null,
        lineIndex: index,
        rest: text.slice(single.index + single[0].length),
      };
    }
  }
  return null;
}

const listHeading =
  /^(?:medlemmer|deltagere|tilstede|til stede|fraværende|afbud|sekretær|indhold)/iu;

/** "Mødested: …", else what follows the time ("…, kl. 13:00, Rådhuset" or the lines below it). */
function findPlace(head: Line[], dateIndex: number, time: Time | null): string | null {
  for (const [index, line] of head.entries()) {
    const labelled = placeLabel.exec(line.text);
    if (!labelled) continue;
    const value = labelled[1]!.trim() || head[index + 1]?.text || '';
    return value.trim() || null;
  }
  const anchor = time?.lineIndex ?? dateIndex;
  if (anchor < 0) return null;
  const rest = time?.lineIndex === anchor ? time.rest.replace(/^[\s,]+(?:i\s+|på\s+)?/iu, '') : '';
  if (/^\p{L}{2}/u.test(rest)) return rest.trim();
  const next = head[anchor + 1]?.text ?? '';
  const preposition = /^(?:i|på)\s+(.+)$/iu.exec(next);
  if (preposition) return preposition[1]!.trim();
  const anchorText = head[anchor]!.text;
  const timeOnly =
    time !== null && time.lineIndex === anchor && time.rest.trim() === '' && !firstDate(anchorText);
  if (!timeOnly) return null;
  const block: string[] = [];
  for (let index = anchor + 1; index < head.length && block.length < 4; index++) {
    const text = head[index]!.text;
    if (text === '' || listHeading.test(text)) break;
    block.push(text);
  }
  return block.length > 0 ? block.join(', ') : null;
}

function findOrganization(head: Line[]): { name: string; index: number } | null {
  for (const [index, line] of head.entries()) {
    const name = line.text.replace(documentPrefix, '').trim();
    if (name.length < 4 || name.length > 90 || name.endsWith('.')) continue;
    if (!/^\p{Lu}/u.test(name) || firstDate(name) || numberOf(name)) continue;
    if (organizationWord.test(name) || organizationStart.test(name)) return { name, index };
  }
  return null;
}

/** A line of its own right below the committee that is no date, time, place or label: "Ekstraordinært PUK". */
function findTitle(head: Line[], organizationIndex: number): string | null {
  const line = head
    .slice(organizationIndex + 1)
    .find((candidate) => candidate.text !== '' && candidate.page === head[organizationIndex]!.page);
  if (!line) return null;
  const text = line.text;
  const isTitle =
    /^\p{Lu}/u.test(text) &&
    text.length <= 80 &&
    !text.includes(':') &&
    !firstDate(text) &&
    !clockAfterKl.test(text) &&
    !kindPattern.test(text) &&
    !listHeading.test(text) &&
    !organizationWord.test(text) &&
    !/^(?:i|på)\s/iu.test(text) &&
    !new RegExp(weekdays, 'iu').test(text);
  return isTitle ? text : null;
}

/** Our own minutes and some systems head the document "Referat: Budgetmøde". */
function titleAfterKind(kindLine: Line | undefined): string | null {
  const title = /^(?:dagsorden|referat|beslutningsprotokol)\s*:\s*(.+)$/iu.exec(
    kindLine?.text ?? '',
  )?.[1];
  return title && !firstDate(title) && !organizationWord.test(title) ? title : null;
}

const attendanceHeadings: { pattern: RegExp; attendance: ImportedMember['attendance'] }[] = [
  { pattern: /^(?:tilstede|til stede|deltagere|fremmødte)$/iu, attendance: 'attending' },
  { pattern: /^(?:afbud|afbud\/fraværende|fraværende|fravær)$/iu, attendance: 'sent_regrets' },
  { pattern: /^(?:medlemmer|udvalgsmedlemmer)$/iu, attendance: null },
];
const personLine =
  /^(\p{Lu}[\p{L}'.-]*(?:\s+\p{L}[\p{L}'.-]*){1,4})(?:\s*\(([\p{Lu}Ø]{1,3})\))?(?:\s*[-–,]\s*(\p{L}+))?$/u;

/** The lists on the first page under "Tilstede", "Afbud/Fraværende" or "Medlemmer". */
function findMembers(head: Line[]): ImportedMember[] {
  const members = new Map<string, ImportedMember>();
  let attendance: ImportedMember['attendance'] | undefined;
  const add = (cells: string[], status: ImportedMember['attendance']) => {
    const people = cells.map((cell) => personLine.exec(cell.trim()));
    for (const person of people) {
      if (!person) continue;
      const name = person[1]!;
      const role = person[3] ? person[3].charAt(0).toUpperCase() + person[3].slice(1) : null;
      const known = members.get(name);
      members.set(name, {
        sourceKey: `pdf:person:${slugOf(name)}`,
        name,
        email: null,
        role: role ?? known?.role ?? null,
        party: person[2] ?? known?.party ?? null,
        attendance: status ?? known?.attendance ?? null,
      });
    }
    return people.some(Boolean);
  };
  for (const line of head.filter((entry) => entry.page === head[0]?.page)) {
    // "Deltagere: Anna Jensen, Bo Hansen" on one line, as our own minutes print it.
    const inline = /^([^:]{3,20}):\s*(.+)$/u.exec(line.text);
    const inlineHeading =
      inline && attendanceHeadings.find((entry) => entry.pattern.test(inline[1]!.trim()));
    if (inline && inlineHeading) {
      add(inline[2]!.split(/\s*,\s*/u), inlineHeading.attendance);
      continue;
    }
    const heading = attendanceHeadings.find((entry) => entry.pattern.test(line.text));
    if (heading) {
      attendance = heading.attendance;
      continue;
    }
    if (line.text === '' || attendance === undefined) {
      attendance = undefined;
      continue;
    }
    // Two names side by side in -layout text are two columns of one table; any other line
    // ("Sekretær") ends the list, also where no blank line separates them.
    if (!add(line.raw.trim().split(/\s{2,}/u), attendance)) attendance = undefined;
  }
  return [...members.values()];
}

/** Archives often file PDFs in a folder per committee: "Økonomiudvalget/2013-05-15.pdf". */
function organizationFromName(sourceName: string): string | null {
  const segments = sourceName.split(/[\\/]/u);
  const ordered = [...segments.slice(0, -1).reverse(), segments.at(-1) ?? ''];
  for (const segment of ordered) {
    let name = segment.replace(/\.pdf$/iu, '');
    for (const { pattern } of datePatterns) name = name.replace(pattern, ' ');
    name = name.replace(/\s+/gu, ' ').trim();
    if (
      organizationWord.test(name) ||
      organizationStart.test(name) ||
      /^(?:rådmand|borgmester)/iu.test(name)
    )
      return name;
  }
  return null;
}

// ---- Items ----

const explicitNumber =
  /^(?:punkt|pkt\.?|sag\s+nr\.?)\s+(\d{1,4}(?:\.\d{1,3})*)\s*(?:[:.)\-–]\s*(.*))?$/iu;
const dottedNumber =
  /^(\d{1,4}(?:\.\d{1,3})*)\.(?:\s+(.*))?$|^(\d{1,4}(?:\.\d{1,3})+)(?:\s+(.*))?$/u;
const bareNumber = /^(\d{1,3})\s+(\p{Lu}.*)$/u;
const titleStart = /^["«„“(]?[\p{Lu}\d]/u;

function numberOf(line: string): { number: string; title: string; strength: Strength } | null {
  const explicit = explicitNumber.exec(line);
  if (explicit) return { number: explicit[1]!, title: explicit[2] ?? '', strength: 'explicit' };
  const dotted = dottedNumber.exec(line);
  if (dotted) {
    return {
      number: dotted[1] ?? dotted[3]!,
      title: dotted[2] ?? dotted[4] ?? '',
      strength: 'dotted',
    };
  }
  const bare = bareNumber.exec(line);
  if (bare) return { number: bare[1]!, title: bare[2]!, strength: 'bare' };
  return null;
}

function findCandidates(lines: Line[]): Candidate[] {
  const candidates: Candidate[] = [];
  let tocPage = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (tocHeading.test(line.text)) tocPage = line.page;
    // An item line is short; a longer one is text, and the regular expressions below stay linear.
    const found = line.text.length <= 300 ? numberOf(line.text) : null;
    if (!found) continue;
    let { title } = found;
    let next = index + 1;
    if (title === '') {
      // pdftotext without -layout puts the number on a line of its own, the title below it.
      while (next < lines.length && lines[next]!.text === '') next++;
      title = lines[next]?.text ?? '';
      next++;
    }
    // "1. november 2023" and lists in lower case are no items: a title starts with a capital.
    if (!titleStart.test(title) || title.length > 200) continue;
    // A title broken over lines: the next line goes on in lower case.
    while (
      next < lines.length &&
      lines[next]!.text !== '' &&
      /^\p{Ll}/u.test(lines[next]!.text) &&
      !/[.:!?]$/u.test(title) &&
      title.length < 200
    ) {
      title = joinLines(title, lines[next]!.text);
      next++;
    }
    // A page number after a wide gap or dot leaders (seen in the raw line) marks a contents entry.
    const hasPageNumber = tocTrailer.test(lines[next - 1]!.raw.slice(-160));
    const isToc = line.page === tocPage || hasPageNumber;
    // On a contents page even a page number after one space is one (pdf.js keeps no wide gaps).
    if (isToc) title = title.replace(/(?:\s*\.{3,}\s*|\s*…+\s*|\s+)\d{1,4}$/u, '');
    candidates.push({
      index,
      bodyStart: next,
      number: found.number,
      title,
      strength: found.strength,
      isToc,
      isInList: /[,:]$/u.test(lines[index - 1]?.text ?? ''),
      isMidSentence: /[\p{Ll}\d]$/u.test(lines[index - 1]?.text ?? ''),
    });
  }
  return candidates;
}

const partsOf = (number: string) => number.split('.').map(Number);

function compareParts(left: number[], right: number[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

const compareNumbers = (a: string, b: string) => compareParts(partsOf(a), partsOf(b));

/** True when b is the number right after a: 3 → 4, 3 → 3.1, 3.2 → 3.3, 3.2 → 4. */
function isSuccessor(left: number[], right: number[]): boolean {
  const samePrefix = (length: number) =>
    left.slice(0, length).every((part, i) => part === right[i]);
  if (right.length === left.length + 1) return right.at(-1) === 1 && samePrefix(left.length);
  if (right.length > left.length) return false;
  const depth = right.length;
  return samePrefix(depth - 1) && right[depth - 1] === left[depth - 1]! + 1;
}

/** Items have titles; a numbered sentence ("At forslaget godkendes.") or list entry is text. */
function weight(candidate: Candidate): number {
  if (candidate.isInList || /^at\s/iu.test(candidate.title)) return 0.2;
  return candidate.title.length > 25 && candidate.title.endsWith('.') ? 0.3 : 1;
}

/**
 * The items are the best chain of increasing numbers through the numbered lines: this skips
 * numbered lists inside a memo, an attached agenda, or the minutes of an earlier meeting,
 * because a chain that jumps over other numbered lines or has gaps scores lower.
 */
const chainWindow = 400;

function bestChain(candidates: Candidate[]): Candidate[] {
  const parts = candidates.map((candidate) => partsOf(candidate.number));
  const weights = candidates.map(weight);
  const score: number[] = [];
  const previous: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    score[i] = weights[i]! + (/^1(\.1)*$/.test(candidates[i]!.number) ? 0.5 : 0);
    previous[i] = -1;
    // Links reach back at most this far, which keeps the search linear in long documents.
    for (let j = Math.max(0, i - chainWindow); j < i; j++) {
      if (compareParts(parts[j]!, parts[i]!) >= 0) continue;
      // A jump in numbers costs with its size: 8 → 10 misses an item, 8 → 2014 is a year.
      const jump = isSuccessor(parts[j]!, parts[i]!)
        ? -1
        : 0.25 * Math.log2(Math.max(1, parts[i]![0]! - parts[j]![0]!));
      const step =
        score[j]! + weights[i]! * (jump < 0 ? 2 : 1) - Math.max(0, jump) - 0.5 * (i - j - 1);
      if (step > score[i]!) {
        score[i] = step;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < candidates.length; i++) if (end < 0 || score[i]! >= score[end]!) end = i;
  const chain: Candidate[] = [];
  for (let at = end; at >= 0; at = previous[at]!) chain.push(candidates[at]!);
  return chain.reverse();
}

type RecognisedItem = Omit<ImportedItem, 'sourceKey'>;

function recogniseItems(
  lines: Line[],
  closedPageNumbers: Set<number>,
  warn: (code: string, message: string) => void,
): RecognisedItem[] {
  const all = findCandidates(lines);
  const toc = all.filter((candidate) => candidate.isToc);
  const numbered = all.filter((candidate) => !candidate.isToc);
  const strength: Strength | undefined = (['explicit', 'dotted', 'bare'] as const).find((level) =>
    numbered.some((candidate) => candidate.strength === level),
  );
  const pool = numbered.filter((candidate) => candidate.strength === strength);
  const chain = bestChain(pool);
  const ignored = pool.filter(
    (candidate) =>
      !chain.includes(candidate) && weight(candidate) === 1 && !candidate.isMidSentence,
  ).length;
  if (ignored > 0) warn('PDF_ITEMS_IGNORED', t.itemsIgnored(ignored));

  let isClosed = false;
  const firstIndex = chain[0]?.index ?? lines.length;
  for (
    let index = firstIndex - 1;
    index >= 0 && lines[index]!.page === lines[firstIndex]?.page;
    index--
  ) {
    const toggle = closedToggle.exec(lines[index]!.text);
    if (toggle) {
      isClosed = toggle[1]!.toLowerCase().startsWith('lukke');
      break;
    }
  }
  // The signature page after the last item belongs to no item.
  const signatures = lines.findIndex(
    (line, index) => index > firstIndex && signaturePage.test(line.text),
  );
  const documentEnd = signatures < 0 ? lines.length : signatures;
  const items: RecognisedItem[] = [];
  for (const [position, candidate] of chain.entries()) {
    const end = Math.min(chain[position + 1]?.index ?? lines.length, documentEnd);
    const text = lines.slice(candidate.bodyStart, end).map((line) => line.text);
    let itemClosed =
      isClosed ||
      closedPageNumbers.has(lines[candidate.index]!.page) ||
      /\blukket\b/iu.test(candidate.title);
    const kept: string[] = [];
    for (const line of text) {
      const toggle = closedToggle.exec(line);
      if (toggle) {
        const closes = toggle[1]!.toLowerCase().startsWith('lukke');
        if (/punkt$/iu.test(line)) itemClosed ||= closes;
        else isClosed = closes;
        continue;
      }
      kept.push(line);
    }
    const tocEntry = toc.find((entry) => entry.number === candidate.number);
    const title =
      tocEntry &&
      tocEntry.title.length > candidate.title.length &&
      tocEntry.title.startsWith(candidate.title)
        ? tocEntry.title
        : candidate.title;
    items.push({
      number: candidate.number,
      title,
      neutralTitle: itemClosed ? t.closedItem : null,
      isPublic: !itemClosed,
      ...sectionsOf(kept),
      attachments: [],
    });
  }
  for (const entry of toc) {
    if (!items.some((item) => item.number === entry.number))
      warn('PDF_TOC_ITEM_MISSING', t.tocItemMissing(entry.number, entry.title));
  }
  for (let index = 1; index < items.length; index++) {
    const [before, after] = [items[index - 1]!.number, items[index]!.number];
    const [top, nextTop] = [partsOf(before)[0]!, partsOf(after)[0]!];
    if (nextTop > top + 1) warn('PDF_ITEM_NUMBER_GAP', t.numberGap(before, after));
  }
  return items.sort((a, b) => compareNumbers(a.number, b.number));
}

// ---- Sections ----

type Heading = { heading: string; inline: string; isDecision: boolean };

const decisionStart = /^beslutning(?=$|[\s:])/iu;
/** "Økonomiudvalgets beslutning", "…udvalgets beslutning den 04.12.2012 Punkt 2": a genitive, then a date at most. */
const decisionEnd =
  /^\p{Lu}[\p{L}\-–&]*(?:\s+[\p{L}\-–&]+){0,5}s\s+beslutning(?:$|\s*:|\s+(?:den|d\.|i|på|fra)\s)/iu;

function headingOf(line: string): Heading | null {
  if (line.length > 140) return null;
  const split = (text: string) => {
    const colon = /:\s/u.exec(text);
    return colon && colon.index <= 100
      ? { heading: text.slice(0, colon.index).trim(), inline: text.slice(colon.index + 1).trim() }
      : { heading: text.replace(/:$/u, '').trim(), inline: '' };
  };
  if (decisionStart.test(line) || decisionEnd.test(line))
    return { ...split(line), isDecision: true };
  if (line.length > 80 || !/^\p{Lu}/u.test(line)) return null;
  const lower = line.toLowerCase();
  for (const stem of headingStems) {
    if (!lower.startsWith(stem)) continue;
    const after = line.slice(stem.length);
    if (after === '' || after === ':')
      return { heading: line.replace(/:$/u, ''), inline: '', isDecision: false };
    // "Sagen afgøres i: Byrådet", "Baggrund/formål: …": the heading, then its text on the same line.
    if (/^[^:]{0,40}:\s/u.test(after)) return { ...split(line), isDecision: false };
    // "Økonomiske konsekvenser og finansiering": short, no comma, no full stop; a wrapped line of
    // body text that merely starts with "Tid …" or "Bilag …" runs longer or ends a sentence.
    if (/^[\s/]\D/u.test(after) && line.length <= 60 && !/[,.!?;]/u.test(line)) {
      return { heading: line.replace(/:$/u, ''), inline: '', isDecision: false };
    }
  }
  if (/^[\p{Lu}\s/,&\-–]{4,60}$/u.test(line) && /\p{Lu}{3}/u.test(line)) {
    return { heading: line.trim(), inline: '', isDecision: false };
  }
  return null;
}

function joinLines(before: string, after: string): string {
  const hyphenated =
    /\p{Ll}-$/u.test(before) && /^\p{Ll}/u.test(after) && !/^(?:og|eller|samt|til)\b/u.test(after);
  return hyphenated ? `${before.slice(0, -1)}${after}` : `${before} ${after}`;
}

function richTextOf(lines: string[]): string {
  const paragraphs: string[] = [];
  let current = '';
  for (const line of lines) {
    if (line === '') {
      if (current) paragraphs.push(current);
      current = '';
    } else current = current ? joinLines(current, line) : line;
  }
  if (current) paragraphs.push(current);
  return plainToRichText(paragraphs.join('\n\n'));
}

function sectionsOf(lines: string[]): {
  caseNumber: string | null;
  sections: ImportedSection[];
  decisions: ImportedSection[];
} {
  let caseNumber: string | null = null;
  const sections: ImportedSection[] = [];
  const decisions: ImportedSection[] = [];
  let current: { heading: string; isDecision: boolean; lines: string[] } = {
    heading: t.untitledSection,
    isDecision: false,
    lines: [],
  };
  const flush = () => {
    const html = richTextOf(current.lines);
    if (html) (current.isDecision ? decisions : sections).push({ heading: current.heading, html });
  };
  // Without -layout, "Sagsnr.:" and its value come out as two lines.
  let isCaseNumberNext = false;
  for (const line of lines) {
    if (isCaseNumberNext && line !== '') {
      isCaseNumberNext = false;
      if (caseNumberValue.test(line)) {
        caseNumber ??= line;
        continue;
      }
    }
    const caseMatch = caseNumberLine.exec(line);
    if (caseMatch) {
      if (caseMatch[1]) caseNumber ??= caseMatch[1];
      else isCaseNumberNext = caseNumber === null;
      continue;
    }
    if (documentNumberLine.test(line)) continue;
    const heading = line === '' ? null : headingOf(line);
    if (heading) {
      flush();
      current = {
        heading: heading.heading,
        isDecision: heading.isDecision,
        lines: heading.inline ? [heading.inline] : [],
      };
    } else current.lines.push(line);
  }
  flush();
  return { caseNumber, sections, decisions };
}

// ---- Keys ----

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
