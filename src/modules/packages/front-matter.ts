import { renderPdf, typstPreamble, typstText } from '../../platform/documents/typst';
import { da } from '../../platform/i18n/da';

/** An agenda item as the package prints it (already cut to what the audience may see). */
export type PackageItem = {
  /** "4" or "7.A": used in "Punkt 4, Bilag 1". */
  number: string;
  /** What the agenda prints before the title: "4." or "A)". */
  label: string;
  depth: 0 | 1;
  title: string;
  /** "09.30 – 09.40 (10 min.)"; null for items without time. */
  slotText: string | null;
  purpose: string | null;
  method: string | null;
  responsible: string[];
  /** A closed item in a public package: its neutral title only. */
  isClosed: boolean;
  /** Why a closed item is closed (§ 10), in a package for those who may read it; else null. */
  closedReason: string | null;
  attachments: Array<{ number: number; title: string }>;
};

/**
 * A closed item shown in full, as in the members' package: its reason for being closed is given
 * and it is marked "Lukket punkt" wherever it is named (agenda, contents, bookmarks, page headers).
 */
export const isMarkedClosed = (item: PackageItem): boolean => item.closedReason !== null;

/** The item as its bookmark and line in the contents name it. */
export function itemHeading(item: PackageItem): string {
  const heading = t.itemBookmark(item.number, item.title);
  return isMarkedClosed(item) ? `${heading} (${t.closed})` : heading;
}

/** The meeting as the front page, contents and agenda of a package show it. */
export type PackagePlan = {
  documentTitle: string;
  organizationName: string;
  meetingTitle: string;
  dateText: string;
  timeText: string;
  place: string | null;
  caseNumber: string | null;
  participants: Array<{ name: string; role: string | null }>;
  /** Said on the front page of a package that is not the full one. */
  audienceNote: string | null;
  /** Releases after their § 8 deadline with the reasons given (the full package only). */
  lateReleaseNotes: string[];
  items: PackageItem[];
};

/** A line of the table of contents and the page it points to (1-based, in the whole package). */
export type TocEntry = { text: string; page: number; level: 0 | 1 };

const t = da.packages;
const small = (content: string) => `#text(size: 9pt)[${content}];`;

function frontPage(plan: PackagePlan): string {
  const facts = [
    [t.date, plan.dateText],
    [t.time, plan.timeText],
    ...(plan.place ? [[t.place, plan.place]] : []),
    ...(plan.caseNumber ? [[t.caseNumber, plan.caseNumber]] : []),
  ]
    .map(([label, value]) => `[#strong[${typstText(label!)}];], [${typstText(value!)}]`)
    .join(', ');
  const participants = plan.participants
    .map(
      (participant) =>
        `- ${typstText(participant.name)}${participant.role ? ` ${small(typstText(`(${participant.role})`))}` : ''}`,
    )
    .join('\n');
  return [
    `#text(size: 11pt)[${typstText(plan.organizationName)}];`,
    `#heading(level: 1)[${typstText(`${t.agenda}: ${plan.meetingTitle}`)}];`,
    `#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.7em, ${facts});`,
    plan.participants.length > 0
      ? `#heading(level: 2)[${typstText(t.participants)}];\n${participants}`
      : '',
    plan.audienceNote
      ? `#block(inset: 8pt, fill: luma(240), width: 100%)[${typstText(plan.audienceNote)}];`
      : '',
    ...plan.lateReleaseNotes.map(
      (note) => `#block(inset: 8pt, stroke: 0.5pt + luma(140), width: 100%)[${typstText(note)}];`,
    ),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function contents(toc: readonly TocEntry[]): string {
  const lines = toc.map((entry) => {
    const indent = entry.level === 1 ? '#h(1.5em)' : '';
    return `${indent}${typstText(entry.text)} #box(width: 1fr, repeat[.]) ${typstText(String(entry.page))}`;
  });
  return `#heading(level: 1)[${typstText(t.contents)}];\n\n${lines.join('\n\n')}`;
}

function agendaTable(plan: PackagePlan): string {
  const rows = plan.items.map((item) => {
    const details = item.isClosed
      ? [small(typstText(t.closed))]
      : [
          isMarkedClosed(item) ? small(`#strong[${typstText(t.closed)}];`) : '',
          item.closedReason ? small(typstText(item.closedReason)) : '',
          item.purpose ? small(typstText(item.purpose)) : '',
          item.method ? small(typstText(`${t.method}: ${item.method}`)) : '',
          item.responsible.length > 0
            ? small(typstText(`${t.responsible}: ${item.responsible.join('/')}`))
            : '',
          ...item.attachments.map((attachment) =>
            small(typstText(`${t.attachment} ${attachment.number}: ${attachment.title}`)),
          ),
        ].filter(Boolean);
    const title = item.depth === 1 ? typstText(item.title) : `#strong[${typstText(item.title)}];`;
    return `[${typstText(item.label)}], [${[title, ...details].join(' #linebreak(); ')}], [${typstText(item.slotText ?? '')}]`;
  });
  return `#heading(level: 1)[${typstText(t.agenda)}];

#table(columns: (3.4em, 1fr, 7.5em), stroke: none, inset: (x: 4pt, y: 5pt),
  table.header([#strong[${typstText(t.itemNumber)}];], [#strong[${typstText(t.item)}];], [#strong[${typstText(t.time)}];]),
  table.hline(stroke: 0.5pt + luma(140)),
  ${rows.join(',\n  ')});`;
}

const render = (plan: PackagePlan, body: string) =>
  renderPdf(
    `${typstPreamble({ title: plan.documentTitle, author: plan.organizationName })}\n\n${body}`,
    { standard: 'ua-1' },
  );

/** The front page: organization, meeting, date, time, place and participants. */
export function renderFrontPage(plan: PackagePlan): Uint8Array {
  return render(plan, frontPage(plan));
}

/** The table of contents. Its length does not depend on the page numbers, so it can be planned. */
export function renderContents(plan: PackagePlan, toc: readonly TocEntry[]): Uint8Array {
  return render(plan, contents(toc));
}

/** The agenda with its time plan. */
export function renderAgenda(plan: PackagePlan): Uint8Array {
  return render(plan, agendaTable(plan));
}

/** A page standing in for a bilag that is listed by title only, so the numbering still holds. */
export function renderMissingAttachment(plan: PackagePlan, label: string): Uint8Array {
  return render(plan, `#heading(level: 1)[${typstText(label)}];\n\n${typstText(t.missingFile)}`);
}
