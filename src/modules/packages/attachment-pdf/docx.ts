import { render } from 'dom-serializer';
import { isTag, type ChildNode } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { openZip, type CheckedZip } from '../../../platform/documents/container-limits';
import { richTextToTypst } from '../../../platform/documents/rich-text-typst';
import { da } from '../../../platform/i18n/da';
import { typstText } from '../../../platform/documents/typst';
import { sanitizeRichText } from '../../papers/index';
import { isCompoundFile } from './office';
import { placeholder, readContainer, renderText } from './placeholder';
import { convertWithSoffice } from './soffice';
import type { AttachmentInput, AttachmentPdf, AttachmentPdfOptions } from './types';

const m = da.attachmentPdf;

const defaultTimeoutMs = 60_000;

/** Word's English style names come with mammoth; these add the Danish ones and the title. */
const wordStyleMap = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].map((level) => `p[style-name='Overskrift ${level}'] => h${level}:fresh`),
];

/** A Word file converted by LibreOffice, or its text typeset when LibreOffice is missing or fails. */
export async function wordAsPdf(
  input: AttachmentInput,
  options: AttachmentPdfOptions,
): Promise<AttachmentPdf> {
  if (isCompoundFile(input.bytes)) return placeholder(input, m.problems.officeProtected);
  // LibreOffice and mammoth get the zip rewritten from parts proven to unpack within the
  // limits; LibreOffice opens what it cannot recognise as plain text, so damage is caught first.
  const read = readContainer(input, m.problems.wordDamaged, () => {
    const zip = openZip(input.bytes);
    return isWordPackage(zip) ? zip.asZip() : null;
  });
  if ('refused' in read) return read.refused;
  const checked = read.value;
  if (!checked) return placeholder(input, m.problems.wordDamaged);
  if (options.soffice !== 'never') {
    const converted = await convertWithSoffice(checked, options.timeoutMs ?? defaultTimeoutMs);
    if (converted) return { pdf: converted, method: 'soffice', problem: null };
  }
  let html: string;
  // Loaded when first needed, not at start-up (cold start).
  const { default: mammoth } = await import('mammoth');
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) },
      {
        styleMap: wordStyleMap,
        // A style map embedded in the file would let the file decide how it is read.
        includeEmbeddedStyleMap: false,
        // Images cannot be shown from text; not reading them saves their bytes as base64 in the HTML.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    return placeholder(input, m.problems.wordDamaged);
  }
  return renderText(input, m.wordNote(input.fileName), wordHtmlToTypst(html));
}

/** Some editors number the main part (document2.xml); mammoth follows the package relations. */
const isWordPackage = (zip: CheckedZip) =>
  zip.parts.some((part) => /^word\/document\d*\.xml$/u.test(part.name));

/**
 * Word's HTML as Typst: top-level headings become real headings (the rich-text allow-list would
 * make them plain paragraphs), everything between them goes through the allow-list. Levels are
 * closed up (h1 → h3 becomes 1 → 2) because PDF/UA refuses a document that skips one.
 */
function wordHtmlToTypst(html: string): string {
  const parts: string[] = [];
  let pending: ChildNode[] = [];
  let level = 0;
  const flush = () => {
    if (pending.length > 0) parts.push(richTextToTypst(sanitizeRichText(render(pending))));
    pending = [];
  };
  for (const node of parseDocument(html).children) {
    const heading = isTag(node) ? /^h([1-6])$/.exec(node.name) : null;
    if (!heading) {
      pending.push(node);
      continue;
    }
    flush();
    const text = DomUtils.textContent(node).replace(/\s+/gu, ' ').trim();
    if (text === '') continue;
    level = Math.min(Number(heading[1]), level + 1);
    parts.push(`#heading(level: ${level})[${typstText(text)}];`);
  }
  flush();
  return parts.filter(Boolean).join('\n\n');
}
