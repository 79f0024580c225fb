import {
  PageSizes,
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFImage,
} from 'pdf-lib';
import { da } from '../../../platform/i18n/da';
import { placeholder } from './placeholder';
import type { AttachmentInput, AttachmentPdf } from './types';

const m = da.attachmentPdf;

/**
 * Images are placed at 150 dpi at most: screenshots and scans (usually 96–300 dpi) come out
 * near their intended size, and a small image is not blown up into a blur. Larger images are
 * scaled down to fit inside the margins.
 */
const pointsPerPixel = 72 / 150;
const imageMargin = (2 / 2.54) * 72;

/**
 * How each EXIF orientation maps the image's unit square (u right, v up, as PDF draws it) onto
 * the upright display box: s = su·u + sv·v + s0 and t = tu·u + tv·v + t0. Phone photos are
 * stored sideways with orientation 6 or 8, and would otherwise lie on their side.
 */
const orientations: Record<number, [number, number, number, number, number, number]> = {
  1: [1, 0, 0, 0, 1, 0],
  2: [-1, 0, 1, 0, 1, 0],
  3: [-1, 0, 1, 0, -1, 1],
  4: [1, 0, 0, 0, -1, 1],
  5: [0, -1, 1, -1, 0, 1],
  6: [0, 1, 0, -1, 0, 1],
  7: [0, 1, 0, 1, 0, 0],
  8: [0, -1, 1, 1, 0, 0],
};

/** A PNG or JPEG on one A4 page, upright, within the margins. */
export async function imageAsPdf(
  input: AttachmentInput,
  kind: 'png' | 'jpg',
): Promise<AttachmentPdf> {
  const document = await PDFDocument.create();
  let image: PDFImage;
  try {
    // A copy: pdf-lib reads images through `bytes.buffer` and would miss a Buffer's offset in its pool.
    const copy = Uint8Array.from(input.bytes);
    image = kind === 'png' ? await document.embedPng(copy) : await document.embedJpg(copy);
  } catch {
    return placeholder(input, m.problems.imageDamaged);
  }
  if (!(image.width >= 1 && image.height >= 1)) return placeholder(input, m.problems.imageDamaged);
  const orientation = kind === 'jpg' ? jpegOrientation(input.bytes) : 1;
  const isTurned = orientation >= 5;
  const width = isTurned ? image.height : image.width;
  const height = isTurned ? image.width : image.height;
  const [a4Width, a4Height] = PageSizes.A4;
  const [pageWidth, pageHeight] = width > height ? [a4Height, a4Width] : [a4Width, a4Height];
  const scale = Math.min(
    (pageWidth - 2 * imageMargin) / width,
    (pageHeight - 2 * imageMargin) / height,
    pointsPerPixel,
  );
  const [w, h] = [width * scale, height * scale];
  const [x, y] = [(pageWidth - w) / 2, (pageHeight - h) / 2];
  const [su, sv, s0, tu, tv, t0] = orientations[orientation] ?? orientations[1]!;
  const page = document.addPage([pageWidth, pageHeight]);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(w * su, h * tu, w * sv, h * tv, x + w * s0, y + h * t0),
    drawObject(page.node.newXObject('Image', image.ref)),
    popGraphicsState(),
  );
  document.setTitle(input.label);
  document.setLanguage('da-DK');
  try {
    return { pdf: await document.save(), method: 'image', problem: null };
  } catch {
    return placeholder(input, m.problems.imageDamaged);
  }
}

/** The EXIF orientation (1–8) of a JPEG, 1 when it has none or it cannot be read. */
function jpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    let offset = 2;
    while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
      const marker = bytes[offset + 1];
      const length = view.getUint16(offset + 2);
      // Start of scan: the metadata segments are all before it.
      if (marker === 0xda) break;
      const isExif =
        marker === 0xe1 &&
        String.fromCharCode(...bytes.subarray(offset + 4, offset + 10)) === 'Exif\0\0';
      if (isExif) return tiffOrientation(view, offset + 10);
      offset += 2 + length;
    }
  } catch {
    // A truncated segment reads past the end (RangeError): the image is shown as stored.
  }
  return 1;
}

function tiffOrientation(view: DataView, start: number): number {
  const isLittleEndian = view.getUint16(start) === 0x4949;
  const u16 = (offset: number) => view.getUint16(offset, isLittleEndian);
  const firstDirectory = start + view.getUint32(start + 4, isLittleEndian);
  for (let index = 0; index < u16(firstDirectory); index += 1) {
    const entry = firstDirectory + 2 + 12 * index;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
