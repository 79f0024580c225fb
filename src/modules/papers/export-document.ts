import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { escapeUTF8 } from 'entities';
import {
  createDocxListCounter,
  docxStyles,
  docxText,
  richTextToDocx,
  type DocxBlock,
} from '../../platform/documents/rich-text-docx';
import { richTextToTypst } from '../../platform/documents/rich-text-typst';
import { renderPdf, typstPreamble, typstText } from '../../platform/documents/typst';
import { da } from '../../platform/i18n/da';
import { formatDateLong, isValidIsoDate, startOfLocalDay } from '../../platform/i18n/format';
import { plainToRichText, richTextToPlain, sanitizeRichText } from './rich-text';

/** A memo as it is printed: plain data, already resolved to names and labels. */
export type PaperDocument = {
  /** "Indstilling", "Notat", … */
  kindLabel: string;
  title: string;
  /** The organisation the memo goes to, e.g. "Rådmandskreds MSB". */
  organizationName: string;
  /** The unit that writes it, e.g. "Borgerservice og Biblioteker". */
  senderUnitName: string | null;
  /** "Rådmanden", "Direktionen", "Udvalget". */
  addresseeLabel: string;
  /** yyyy-mm-dd */
  paperDate: string;
  caseNumber: string | null;
  caseOfficers: string[];
  phone: string | null;
  email: string | null;
  cover: {
    purpose: string | null;
    keyMessages: string[];
    implications: string | null;
    requestedActionLabel: string | null;
  } | null;
  sections: Array<{ heading: string; html: string }>;
  attachments: Array<{ number: number; title: string }>;
};

const labels = da.paperDocument;

/** The sections every memo prints even when empty: the recommendation is what it asks for. */
const alwaysPrinted = new Set(['INDSTILLING']);
/** The seed's template ends with a "BILAG" section: the attachment list goes there. */
const attachmentsHeading = 'BILAG';

type PrintedSection = {
  heading: string;
  html: string;
  attachments: PaperDocument['attachments'];
};
type CoverPart = { heading: string; html: string };

/** Renders a memo as PDF/UA-1 with Typst: letterhead, title, short cover, sections and attachments. */
export function paperToPdf(
  doc: PaperDocument,
  options: {
    /** False inside a meeting package, which numbers all its pages itself. */
    pageFooter?: boolean;
  } = {},
): Uint8Array {
  const title = documentTitle(doc);
  const parts = [
    typstPreamble({ title, author: doc.senderUnitName }),
    options.pageFooter === false ? '' : typstFooter(doc),
    typstLetterhead(doc),
    `#v(1.2cm)#text(fill: luma(70), weight: "bold")[${typstText(doc.kindLabel)}];`,
    `#heading(level: 1)[${typstText(title)}];`,
  ];
  const cover = coverParts(doc);
  if (cover.length > 0) {
    const body = cover.map(
      (part) => `#heading(level: 3)[${typstText(part.heading)}];\n\n${richTextToTypst(part.html)}`,
    );
    parts.push(
      `#block(fill: luma(243), inset: 12pt, radius: 3pt, width: 100%)[
#heading(level: 2)[${typstText(labels.cover)}];\n\n${body.join('\n\n')}\n]`,
    );
  }
  for (const section of printedSections(doc)) {
    parts.push(`#heading(level: 2)[${typstText(section.heading)}];`);
    if (section.html !== '') parts.push(richTextToTypst(section.html));
    for (const attachment of section.attachments) {
      parts.push(typstText(labels.attachment(attachment.number, attachment.title)));
    }
  }
  return renderPdf(parts.join('\n\n'), { standard: 'ua-1' });
}

/** The addressee top left; the letterhead top right, as the seed's memos have it. */
function typstLetterhead(doc: PaperDocument): string {
  const addressee = [labels.addressee, doc.addresseeLabel, doc.organizationName]
    .map((line, index) => (index === 0 ? `#strong[${typstText(line)}];` : typstText(line)))
    .join('#linebreak();');
  const sender = doc.senderUnitName ? `#strong[${typstText(doc.senderUnitName)}];` : '';
  const rows = letterheadRows(doc)
    .map(([label, value]) => `[${typstText(label)}], [${typstText(value)}]`)
    .join(', ');
  return `#grid(columns: (1fr, 6.5cm), column-gutter: 1cm, [${addressee}], text(size: 9pt)[${sender}
#grid(columns: (auto, 1fr), column-gutter: 0.8em, row-gutter: 0.55em, ${rows});])`;
}

/** The case number and "Side 2 af 3" at the foot of every page. */
function typstFooter(doc: PaperDocument): string {
  const pages = `${typstText(labels.page)}#counter(page).display();${typstText(labels.pageOf)}#str(counter(page).final().first());`;
  return `#set page(footer: context text(size: 8pt, fill: luma(80))[${typstText(doc.caseNumber ?? '')}#h(1fr)${pages}])`;
}

/** Renders a memo as a Word document with real heading styles, numbering and core properties. */
export async function paperToDocx(doc: PaperDocument): Promise<Buffer> {
  const title = documentTitle(doc);
  const lists = createDocxListCounter();
  const line = (label: string, value: string) =>
    new Paragraph({
      spacing: { after: 0 },
      children: [
        new TextRun({ text: `${docxText(label)}: `, bold: true }),
        new TextRun(docxText(value)),
      ],
    });
  const heading = (
    text: string,
    level: (typeof HeadingLevel)['HEADING_1' | 'HEADING_2' | 'HEADING_3'],
  ) => new Paragraph({ heading: level, children: [new TextRun(docxText(text))] });
  const children: DocxBlock[] = [
    ...(doc.senderUnitName
      ? [
          new Paragraph({
            spacing: { after: 0 },
            children: [new TextRun({ text: docxText(doc.senderUnitName), bold: true })],
          }),
        ]
      : []),
    ...letterheadRows(doc).map(([label, value]) => line(label, value)),
    line(labels.addressee, `${doc.addresseeLabel}, ${doc.organizationName}`),
    new Paragraph({
      spacing: { before: 480, after: 0 },
      children: [new TextRun({ text: docxText(doc.kindLabel), bold: true, color: '464646' })],
    }),
    heading(title, HeadingLevel.HEADING_1),
  ];
  const cover = coverParts(doc);
  if (cover.length > 0) {
    children.push(heading(labels.cover, HeadingLevel.HEADING_2));
    for (const part of cover) {
      children.push(heading(part.heading, HeadingLevel.HEADING_3));
      children.push(...richTextToDocx(part.html, lists));
    }
  }
  for (const section of printedSections(doc)) {
    children.push(heading(section.heading, HeadingLevel.HEADING_2));
    children.push(...richTextToDocx(section.html, lists));
    for (const attachment of section.attachments) {
      children.push(
        new Paragraph({
          children: [new TextRun(docxText(labels.attachment(attachment.number, attachment.title)))],
        }),
      );
    }
  }
  const document = new Document({
    title: docxText(title),
    ...(doc.senderUnitName
      ? { creator: docxText(doc.senderUnitName), lastModifiedBy: docxText(doc.senderUnitName) }
      : {}),
    styles: docxStyles,
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: 16,
                    children: [
                      labels.page,
                      PageNumber.CURRENT,
                      labels.pageOf,
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** Whitespace in a title is one space; an empty title falls back to the kind (PDF/UA needs a title). */
function documentTitle(doc: PaperDocument): string {
  return doc.title.replace(/\s+/g, ' ').trim() || doc.kindLabel;
}

function letterheadRows(doc: PaperDocument): Array<[string, string]> {
  if (!isValidIsoDate(doc.paperDate)) {
    throw new Error(`paperDate must be a date written yyyy-mm-dd, not "${doc.paperDate}"`);
  }
  const officers = doc.caseOfficers.map((name) => name.trim()).filter(Boolean);
  const rows: Array<[string, string | null]> = [
    [labels.paperDate, formatDateLong(startOfLocalDay(doc.paperDate))],
    [labels.caseNumber, doc.caseNumber],
    [labels.caseOfficers(officers.length), officers.join('/')],
    [labels.phone, doc.phone],
    [labels.email, doc.email],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]?.trim()));
}

/** The short cover's parts that have content, in the seed's order, as rich text; key messages as a numbered list. */
function coverParts(doc: PaperDocument): CoverPart[] {
  const cover = doc.cover;
  if (!cover) return [];
  const keyMessages = cover.keyMessages.map((message) => message.trim()).filter(Boolean);
  const parts: CoverPart[] = [
    { heading: labels.purpose, html: plainToRichText(cover.purpose ?? '') },
    {
      heading: labels.keyMessages,
      html:
        keyMessages.length > 0
          ? `<ol>${keyMessages.map((message) => `<li>${escapeUTF8(message)}</li>`).join('')}</ol>`
          : '',
    },
    { heading: labels.implications, html: plainToRichText(cover.implications ?? '') },
    { heading: labels.requestedAction, html: plainToRichText(cover.requestedActionLabel ?? '') },
  ];
  return parts.filter((part) => part.html !== '');
}

/**
 * The sections as printed: sanitised again (stored HTML is never trusted), empty ones left out
 * except INDSTILLING, and the attachment list under BILAG, or in a section of its own at the end.
 */
function printedSections(doc: PaperDocument): PrintedSection[] {
  const key = (heading: string) => heading.trim().toUpperCase();
  const attachmentsSection = doc.sections.findIndex(
    (section) => key(section.heading) === attachmentsHeading,
  );
  const sections = doc.sections.map((section, index) => ({
    heading: section.heading.trim(),
    html: sanitizeRichText(section.html),
    attachments: index === attachmentsSection ? doc.attachments : [],
  }));
  if (attachmentsSection === -1 && doc.attachments.length > 0) {
    sections.push({ heading: labels.attachments, html: '', attachments: doc.attachments });
  }
  return sections.filter(
    (section) =>
      richTextToPlain(section.html) !== '' ||
      section.attachments.length > 0 ||
      alwaysPrinted.has(key(section.heading)),
  );
}
