import {
  countPdfPages,
  mergePdfParts,
  preparePdf,
  type MergePart,
} from '../../platform/documents/pdf-merge';
import { contentKey, sharedPartCache, type PartCache } from './part-cache';
import { da } from '../../platform/i18n/da';
import { attachmentAsPdf, type AttachmentInput } from './attachment-pdf/index';
import {
  isMarkedClosed,
  itemHeading,
  renderAgenda,
  renderContents,
  renderFrontPage,
  renderMissingAttachment,
  type PackagePlan,
  type TocEntry,
} from './front-matter';

/** What goes into a package beyond its front matter, per agenda item (in the plan's order). */
export type ItemContent = {
  /** The memo (indstilling, notat …) typeset without its own page footer. */
  memo: Uint8Array | null;
  attachments: Array<{
    number: number;
    title: string;
    /** The file; null for a bilag listed by title only. */
    file: Omit<AttachmentInput, 'label'> | null;
  }>;
};

export type AssembledPackage = { pdf: Uint8Array; pageCount: number; toc: TocEntry[] };

const t = da.packages;

type Part = MergePart & {
  pageCount: number;
  itemIndex: number | null;
  kind: 'memo' | 'attachment';
};

/**
 * Puts a package together: front page, contents, agenda, then per item its memo and bilag,
 * with "Punkt N, Bilag M: …" on every bilag page, "side X / Y" on every page, bookmarks and
 * a table of contents whose page numbers are those of the merged document. Typeset and
 * converted parts come from the cache when their content has not changed.
 */
export async function assemblePackage(
  plan: PackagePlan,
  contents: readonly ItemContent[],
  cache: PartCache = sharedPartCache,
  onProgress: (fraction: number) => void | Promise<void> = () => undefined,
): Promise<AssembledPackage> {
  const pdfSize = (pdf: Uint8Array) => pdf.byteLength;
  const pageCount = (pdf: Uint8Array) =>
    cache.get(
      contentKey('pages', pdf),
      () => countPdfPages(pdf),
      () => 64,
    );
  const front = await cache.get(contentKey('front', plan), () => renderFrontPage(plan), pdfSize);
  const agenda = await cache.get(contentKey('agenda', plan), () => renderAgenda(plan), pdfSize);
  const body: Part[] = [];
  for (const [itemIndex, content] of contents.entries()) {
    // Typesetting and converting the items is most of the work; the merge is the rest.
    await onProgress((0.8 * itemIndex) / Math.max(1, contents.length));
    const item = plan.items[itemIndex]!;
    const itemTitle = itemHeading(item);
    // A closed item's pages say so at the top, memo and bilag alike.
    const closedHeader = (text: string) => (isMarkedClosed(item) ? t.closedHeader(text) : text);
    let isFirst = true;
    const bookmarkIfFirst = () => {
      const marks = isFirst ? [{ title: itemTitle, level: 0 as const, page: 0 }] : [];
      isFirst = false;
      return marks;
    };
    if (content.memo) {
      body.push({
        pdf: content.memo,
        pageCount: await pageCount(content.memo),
        itemIndex,
        kind: 'memo',
        header: isMarkedClosed(item)
          ? t.closedHeader(t.itemBookmark(item.number, item.title))
          : undefined,
        bookmarks: bookmarkIfFirst(),
      });
    }
    for (const attachment of content.attachments) {
      const label = t.attachmentLabel(item.number, attachment.number, attachment.title);
      const { file } = attachment;
      const converted = file
        ? await cache.get(
            contentKey('attachment', file.bytes, file.mediaType, file.fileName, label),
            () => attachmentAsPdf({ ...file, label }),
            (result) => result.pdf.byteLength,
          )
        : {
            pdf: await cache.get(
              contentKey('missing', plan.documentTitle, label),
              () => renderMissingAttachment(plan, label),
              pdfSize,
            ),
          };
      const pdf = converted.pdf;
      body.push({
        pdf,
        pageCount:
          ('pageCount' in converted ? converted.pageCount : undefined) ?? (await pageCount(pdf)),
        itemIndex,
        kind: 'attachment',
        header: closedHeader(label),
        // A bilag may have no top margin (slides, spreadsheets): its pages make room for the header.
        shrinkIntoBands: true,
        bookmarks: [...bookmarkIfFirst(), { title: label, level: 1, page: 0 }],
      });
    }
  }

  const frontPages = await pageCount(front);
  const agendaPages = await pageCount(agenda);
  const tocFor = (contentsPages: number): TocEntry[] => {
    const agendaPage = frontPages + contentsPages + 1;
    let page = agendaPage + agendaPages;
    const firstPageOfItem = new Map<number, number>();
    const attachmentPages: number[] = [];
    for (const part of body) {
      if (part.itemIndex !== null && !firstPageOfItem.has(part.itemIndex))
        firstPageOfItem.set(part.itemIndex, page);
      if (part.kind === 'attachment') attachmentPages.push(page);
      page += part.pageCount;
    }
    const entries: TocEntry[] = [{ text: t.agenda, page: agendaPage, level: 0 }];
    let attachmentIndex = 0;
    plan.items.forEach((item, itemIndex) => {
      entries.push({
        text: itemHeading(item),
        page: firstPageOfItem.get(itemIndex) ?? agendaPage,
        level: 0,
      });
      for (const attachment of contents[itemIndex]?.attachments ?? []) {
        entries.push({
          text: t.attachmentLabel(item.number, attachment.number, attachment.title),
          page: attachmentPages[attachmentIndex++]!,
          level: 1,
        });
      }
    });
    return entries;
  };

  // The contents' length depends on its lines, not on their numbers: plan with a guess, then fix.
  const contentsFor = (entries: TocEntry[]) =>
    cache.get(contentKey('contents', plan, entries), () => renderContents(plan, entries), pdfSize);
  let contentsPages = await pageCount(await contentsFor(tocFor(1)));
  let toc = tocFor(contentsPages);
  let contentsPdf = await contentsFor(toc);
  const actualPages = await pageCount(contentsPdf);
  if (actualPages !== contentsPages) {
    contentsPages = actualPages;
    toc = tocFor(contentsPages);
    contentsPdf = await contentsFor(toc);
  }

  await onProgress(0.85);
  // Parsed sources are cached too: a rebuild parses only the parts that changed. A parsed PDF
  // takes some times its file size in memory; the estimate keeps the cache within its bound.
  const prepared = (pdf: Uint8Array) =>
    cache.get(
      contentKey('prepared', pdf),
      () => preparePdf(pdf),
      () => pdf.byteLength * 4,
    );
  const parts: MergePart[] = [
    { pdf: front, bookmarks: [{ title: t.frontPage, level: 0, page: 0 }] },
    { pdf: contentsPdf, bookmarks: [{ title: t.contents, level: 0, page: 0 }] },
    { pdf: agenda, bookmarks: [{ title: t.agenda, level: 0, page: 0 }] },
    ...body.map(({ pdf, header, shrinkIntoBands, bookmarks }) => ({
      pdf,
      header,
      shrinkIntoBands,
      bookmarks,
    })),
  ];
  for (const part of parts) part.prepared = await prepared(part.pdf);
  const merged = await mergePdfParts(parts, {
    footer: (pageNumber, pageCount) => t.footer(pageNumber, pageCount),
    metadata: {
      title: plan.documentTitle,
      author: plan.organizationName,
      subject: t.subject(plan.meetingTitle, plan.dateText),
      language: 'da',
    },
  });
  return { pdf: merged.pdf, pageCount: merged.pageCount, toc };
}
