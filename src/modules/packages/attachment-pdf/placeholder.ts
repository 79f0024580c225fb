import { AppError } from '../../../platform/errors';
import { da } from '../../../platform/i18n/da';
import { renderPdf, typstPreamble, typstText } from '../../../platform/documents/typst';
import { allowedFileKinds, type FileKind } from '../../files/index';
import type { AttachmentInput, AttachmentPdf } from './types';

const m = da.attachmentPdf;

/** The allowed file kind with this media type, or null for any other. */
export function fileKindOf(mediaType: string): FileKind | null {
  const entry = Object.entries(allowedFileKinds).find(
    ([, kind]) => kind.mediaType === mediaType.toLowerCase(),
  );
  return entry ? (entry[0] as FileKind) : null;
}

/**
 * Reads a bilag through a container check (platform/documents/container-limits): when it
 * unpacks to too much, a placeholder that gives the limit's reason; when it cannot be read, one
 * that says the file is damaged.
 */
export function readContainer<T>(
  input: AttachmentInput,
  damaged: string,
  read: () => T,
): { value: T } | { refused: AttachmentPdf } {
  try {
    return { value: read() };
  } catch (error) {
    const isOverLimit = error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE';
    return { refused: placeholder(input, isOverLimit ? error.message : damaged) };
  }
}

/** PDF/UA-1 like the package's own pages: tagged, so a screen reader can follow the bilag too. */
const standard = 'ua-1';

function preamble(title: string, isLandscape = false): string {
  // UA-1 needs a title; the label says which bilag this is.
  const page = isLandscape ? '#set page(flipped: true)\n' : '';
  return `${typstPreamble({ title, author: null })}${page}`;
}

function note(text: string): string {
  return `#block(inset: 8pt, fill: luma(240), width: 100%)[${typstText(text)}];`;
}

/** Typeset text under a note that says how it was made; a placeholder when Typst fails. */
export function renderText(
  input: AttachmentInput,
  noteText: string,
  body: string,
  isLandscape = false,
): AttachmentPdf {
  const source = `${preamble(input.label, isLandscape)}\n${note(noteText)}\n\n${body}`;
  try {
    return { pdf: renderPdf(source, { standard }), method: 'text', problem: null };
  } catch {
    return placeholder(input, m.problems.notRendered);
  }
}

/** One page that names the file and why it is not shown; the original stays downloadable. */
export function placeholder(input: AttachmentInput, problem: string): AttachmentPdf {
  const kind = fileKindOf(input.mediaType);
  const kindText = (kind ? m.kinds[kind] : undefined) ?? m.unknownKind(input.mediaType);
  const facts = [
    [m.file, m.fileDescription(input.fileName, kindText, input.bytes.byteLength)],
    [m.reason, problem],
  ]
    .map(([label, value]) => `[#strong[${typstText(label!)}];], [${typstText(value!)}]`)
    .join(', ');
  const source = [
    preamble(input.label),
    `#heading(level: 1)[${typstText(input.label)}];`,
    typstText(m.placeholderIntro),
    `#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.7em, ${facts});`,
    typstText(m.originalAvailable),
  ].join('\n\n');
  return { pdf: renderPdf(source, { standard }), method: 'placeholder', problem };
}
