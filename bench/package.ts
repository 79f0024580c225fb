/**
 * The meeting package against qpdf: a synthetic meeting of 30 items, each with a 20-page PDF
 * bilag, assembled with the generated parts (front page, contents, agenda, headers, footers,
 * bookmarks), against `qpdf --empty --pages … --` merging the same 30 files, in the same run.
 * Prints the full build, the rebuild after one changed bilag (parts cached by content hash),
 * qpdf's bare merge, the ratios and the peak memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { assemblePackage, type ItemContent } from '../src/modules/packages/assemble-package';
import type { PackagePlan } from '../src/modules/packages/front-matter';
import { PartCache } from '../src/modules/packages/part-cache';
import { envNumber, median, printResult, printTable, round } from './shared';

const attachments = envNumber('BENCH_ATTACHMENTS', 30);
const pagesEach = envNumber('BENCH_PAGES', 20);
const runs = envNumber('BENCH_RUNS', 5);

async function syntheticPdf(index: number, version: number): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pagesEach; page++) {
    const sheet = document.addPage([595, 842]);
    for (let line = 0; line < 40; line++) {
      sheet.drawText(
        `Bilag ${index} v${version}, side ${page}, linje ${line}: økonomi og tidsplan`,
        {
          x: 50,
          y: 780 - line * 18,
          size: 10,
          font,
        },
      );
    }
  }
  return document.save();
}

function syntheticPlan(): PackagePlan {
  return {
    documentTitle: 'Dagsorden: Benchmarkmøde 1. december 2026',
    organizationName: 'Social- og Beskæftigelsesudvalget',
    meetingTitle: 'Benchmarkmøde',
    dateText: '1. december 2026',
    timeText: '16.00 – 19.00',
    place: 'Rådhuset, lokale 398',
    caseNumber: 'EMN-2026-000001',
    participants: Array.from({ length: 11 }, (_, index) => ({
      name: `Udvalgsmedlem ${index + 1}`,
      role: 'medlem',
    })),
    audienceNote: null,
    lateReleaseNotes: [],
    items: Array.from({ length: attachments }, (_, index) => ({
      number: String(index + 1),
      label: `${index + 1}.`,
      depth: 0 as const,
      title: `Punkt om emne ${index + 1}`,
      slotText: '16.00 – 16.05 (5 min.)',
      purpose: 'Udvalget orienteres om status og drøfter den videre proces.',
      method: 'Drøftelse',
      responsible: ['Direktør'],
      isClosed: false,
      closedReason: null,
      attachments: [{ number: 1, title: `Bilag til emne ${index + 1}` }],
    })),
  };
}

const contentsOf = (files: readonly Uint8Array[]): ItemContent[] =>
  files.map((bytes, index) => ({
    memo: null,
    attachments: [
      {
        number: 1,
        title: `Bilag til emne ${index + 1}`,
        file: { bytes, mediaType: 'application/pdf', fileName: `bilag-${index + 1}.pdf` },
      },
    ],
  }));

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

async function main(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'dagsorden-bench-package-'));
  try {
    const files = await Promise.all(
      Array.from({ length: attachments }, (_, index) => syntheticPdf(index + 1, 1)),
    );
    const paths = files.map((_, index) => join(directory, `bilag-${index + 1}.pdf`));
    await Promise.all(paths.map((path, index) => writeFile(path, files[index]!)));
    const changed = await syntheticPdf(1, 2);
    const plan = syntheticPlan();

    // One warm-up of each, so both sides are measured with loaded code and fonts.
    execFileSync('qpdf', ['--empty', '--pages', ...paths, '--', join(directory, 'out.pdf')]);
    await assemblePackage(plan, contentsOf(files), new PartCache());

    const qpdfTimes: number[] = [];
    const fullTimes: number[] = [];
    const rebuildTimes: number[] = [];
    let pageCount = 0;
    for (let run = 0; run < runs; run++) {
      const [qpdf] = await timed(async () =>
        execFileSync('qpdf', ['--empty', '--pages', ...paths, '--', join(directory, 'out.pdf')]),
      );
      qpdfTimes.push(qpdf);
      const cache = new PartCache();
      const [full, built] = await timed(() => assemblePackage(plan, contentsOf(files), cache));
      fullTimes.push(full);
      pageCount = built.pageCount;
      const edited = [changed, ...files.slice(1)];
      const [rebuild] = await timed(() => assemblePackage(plan, contentsOf(edited), cache));
      rebuildTimes.push(rebuild);
    }

    const qpdf = median(qpdfTimes);
    const full = median(fullTimes);
    const rebuild = median(rebuildTimes);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `package: ${attachments} PDF bilag × ${pagesEach} pages + generated parts = ${pageCount} pages; median of ${runs} runs\n\n`,
    );
    printTable(
      ['step', 'ms', 'ratio to qpdf', 'target'],
      [
        ['qpdf --empty --pages (bare merge)', round(qpdf, 1), 1, ''],
        ['full build (cold cache)', round(full, 1), round(full / qpdf, 2), '≤ 3'],
        ['rebuild after one changed bilag', round(rebuild, 1), round(rebuild / qpdf, 2), '≤ 1'],
      ],
    );
    process.stdout.write(`\npeak memory (max RSS): ${round(peakMb, 0)} MB\n`);
    printResult({
      name: 'package',
      ratio: round(full / qpdf, 2),
      rebuildRatio: round(rebuild / qpdf, 2),
      qpdfMs: round(qpdf, 1),
      fullMs: round(full, 1),
      rebuildMs: round(rebuild, 1),
      pages: pageCount,
      peakRssMb: round(peakMb, 0),
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
