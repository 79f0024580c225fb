import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  attachment,
  expectPlaceholder,
  mediaTypes,
  messages,
  pageSizes,
  poppler,
} from '../../../../test/attachment-pdf-helpers';
import { tinyJpeg, tinyPng } from '../../../../test/file-factories';
import { attachmentAsPdf } from './index';

/** The resolution each image is placed at, from `pdfimages -list` (its x-ppi column). */
function imageResolutions(pdf: Uint8Array): number[] {
  return (
    poppler(pdf, 'pdfimages', (file) => ['-list', file])
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      // An image with transparency is listed twice: the image and its soft mask (smask).
      .filter((columns) => columns[2] === 'image')
      .map((columns) => Number(columns[12]))
  );
}

/** A valid RGB PNG of the given size: IHDR, one zlib IDAT with filter 0 rows, IEND. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framing = Buffer.alloc(8);
    framing.writeUInt32BE(data.length, 0);
    framing.writeUInt32BE(crc32(body), 4);
    return Buffer.concat([framing.subarray(0, 4), body, framing.subarray(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1)
      rows.set([x % 256, y % 256, 128], y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real JPEG of width × height pixels: a page that size in points, rendered by pdftoppm at 72 dpi. */
async function makeJpeg(width: number, height: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([width, height]);
  page.drawRectangle({
    x: 0,
    y: height / 2,
    width: width / 4,
    height: height / 2,
    color: rgb(1, 0, 0),
  });
  const directory = mkdtempSync(join(tmpdir(), 'attachment-pdf-jpeg-'));
  try {
    writeFileSync(join(directory, 'page.pdf'), await document.save());
    execFileSync('pdftoppm', ['-jpeg', '-r', '72', '-singlefile', 'page.pdf', 'page'], {
      cwd: directory,
    });
    return readFileSync(join(directory, 'page.jpg'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The JPEG with an EXIF segment saying how it is to be turned (6: a quarter turn clockwise). */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    segment,
    Buffer.from('Exif\0\0', 'latin1'),
    tiff,
    jpeg.subarray(2),
  ]);
}

describe('attachmentAsPdf: images', () => {
  it('puts the 1×1 PNG and JPEG on one portrait A4 page each, at 150 dpi', async () => {
    for (const [mediaType, bytes] of [
      [mediaTypes.png, tinyPng],
      [mediaTypes.jpg, tinyJpeg],
    ] as const) {
      const result = await attachmentAsPdf(attachment(mediaType, bytes, 'Foto'));
      expect(result.method).toBe('image');
      const [page, ...rest] = await pageSizes(result.pdf);
      expect(rest).toHaveLength(0);
      expect(page!.width).toBeCloseTo(595.28, 1);
      expect(page!.height).toBeCloseTo(841.89, 1);
      expect(imageResolutions(result.pdf)).toEqual([150]);
    }
  });

  it('puts a wide image on a landscape page without enlarging it', async () => {
    const result = await attachmentAsPdf(attachment(mediaTypes.png, makePng(400, 200), 'Kort.png'));
    expect(result.method).toBe('image');
    expect(await pageSizes(result.pdf)).toEqual([
      { width: expect.closeTo(841.89, 1) as number, height: expect.closeTo(595.28, 1) as number },
    ]);
    expect(imageResolutions(result.pdf)).toEqual([150]);
  });

  it('shrinks a large image to fit inside 2 cm margins', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.png, makePng(3000, 1000), 'Plan.png'),
    );
    const [page] = await pageSizes(result.pdf);
    expect(page!.width).toBeGreaterThan(page!.height);
    // 3000 px across the landscape page less two 2 cm margins (297 − 40 = 257 mm).
    const [resolution] = imageResolutions(result.pdf);
    expect(resolution).toBeCloseTo(3000 / (257 / 25.4), -1);
  });

  it('turns a JPEG as its EXIF orientation says: a wide photo stored sideways is upright', async () => {
    const wide = await makeJpeg(400, 200);
    const plain = await attachmentAsPdf(attachment(mediaTypes.jpg, wide, 'Foto.jpg'));
    const turned = await attachmentAsPdf(
      attachment(mediaTypes.jpg, withExifOrientation(wide, 6), 'Foto.jpg'),
    );
    const [landscape] = await pageSizes(plain.pdf);
    const [portrait] = await pageSizes(turned.pdf);
    expect(landscape!.width).toBeGreaterThan(landscape!.height);
    expect(portrait!.width).toBeLessThan(portrait!.height);
  });

  it('replaces an image that cannot be read', async () => {
    const result = await attachmentAsPdf(
      attachment(mediaTypes.png, tinyPng.subarray(0, 20), 'Skærmbillede.png'),
    );
    expectPlaceholder(result, messages.problems.imageDamaged, 'Skærmbillede.png');
  });
});
