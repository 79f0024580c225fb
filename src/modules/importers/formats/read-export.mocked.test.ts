import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSample, samplePath, scratchFolder } from '../../../../test/esdh-samples';
import { AppError } from '../../../platform/errors';
import type { ImportedArchive } from '../archive';
import { detectFormat } from './detect';
import { readPdfArchive } from './pdf-archive';
import { readExport } from './read-export';

vi.mock('./pdf-archive', () => ({ readPdfArchive: vi.fn() }));

const maxBytes = 10_000_000;
const scratch = scratchFolder('read-export-test');
afterAll(() => scratch.remove());

async function rejected(action: () => Promise<unknown>): Promise<AppError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const emptyPdfArchive: ImportedArchive = {
  format: 'pdf',
  sourceSystem: 'pdf',
  meetings: [],
  warnings: [],
};

describe('detectFormat', () => {
  it.each([
    [['publication-ballerup-2013', 'Publication32.xml'], 'publication'],
    [['publication-regionh-2012', 'Publication553.xml'], 'publication'],
    [['edoc-ballerup-2012', 'eDocAgendaPublishing.xml'], 'edoc'],
    [['acadre-syddjurs-2013', 'XML_1863.xml'], 'acadre'],
    [['edoc-fujitsu-test-2017', 'e9117c72-1d79-4fe9-9653-ef7ab6f27187.xml'], 'fujitsu'],
    [['edoc-ballerup-2012', '1552814.PDF'], 'pdf'],
    [['publication-ballerup-2013', 'Enclosures', '1.pdf'], 'pdf'],
    [['acadre-syddjurs-2013', 'Files_1863_3687982', '3687981.XML'], null],
    [['edoc-fujitsu-test-2017', 'e9117c72-1d79-4fe9-9653-ef7ab6f27187.html'], null],
  ])('%j is %s', async (parts, format) => {
    expect(await detectFormat(samplePath(...parts))).toBe(format);
  });
});

describe('readExport', () => {
  beforeEach(() => {
    vi.mocked(readPdfArchive).mockReset().mockResolvedValue(emptyPdfArchive);
  });

  it.each([
    ['publication-ballerup-2013', 'publication', 5],
    ['publication-regionh-2012', 'publication', 4],
    ['edoc-ballerup-2012', 'edoc', 8],
    ['acadre-syddjurs-2013', 'acadre', 1],
    ['edoc-fujitsu-test-2017', 'fujitsu', 6],
  ])('finds and reads the export in the folder %s', async (folder, format, items) => {
    const archive = await readExport({ path: samplePath(folder), format: 'auto', maxBytes });
    expect(archive.format).toBe(format);
    expect(archive.meetings.at(-1)?.items).toHaveLength(items);
    expect(readPdfArchive).not.toHaveBeenCalled();
  });

  it('reads a file with an explicit format', async () => {
    const archive = await readExport({
      path: samplePath('edoc-ballerup-2012', 'eDocAgendaPublishing.xml'),
      format: 'edoc',
      maxBytes,
    });
    expect(archive.meetings[0]?.organization.name).toBe('Sundheds- og Forebyggelsesudvalget');
  });

  it('finds an export one folder down, as an unpacked zip leaves it', async () => {
    scratch.write(
      'zip/Publication32/Publication32.xml',
      readSample('publication-ballerup-2013', 'Publication32.xml'),
    );
    const archive = await readExport({ path: `${scratch.path}/zip`, format: 'auto', maxBytes });
    expect(archive.meetings[0]?.sourceKey).toBe('publication:meeting:26');
  });

  it('hands a PDF, detected by its magic bytes, to the PDF archive reader', async () => {
    const path = samplePath('edoc-ballerup-2012', '1552814.PDF');
    expect(await readExport({ path, format: 'auto', maxBytes })).toBe(emptyPdfArchive);
    expect(readPdfArchive).toHaveBeenCalledWith(path, { maxBytes });
  });

  it('reads a folder of PDFs only as one PDF archive', async () => {
    const pdf = readSample('edoc-ballerup-2012', '1552823.PDF');
    scratch.write('pdfs/a.pdf', pdf);
    scratch.write('pdfs/b.PDF', pdf);
    const archive = await readExport({ path: `${scratch.path}/pdfs`, format: 'auto', maxBytes });
    expect(archive).toMatchObject({ format: 'pdf', meetings: [] });
    expect(vi.mocked(readPdfArchive).mock.calls.map(([path]) => path)).toEqual([
      `${scratch.path}/pdfs/a.pdf`,
      `${scratch.path}/pdfs/b.PDF`,
    ]);
  });

  it('refuses content it does not recognise, whatever the file is called', async () => {
    const html = samplePath('edoc-fujitsu-test-2017', 'e9117c72-1d79-4fe9-9653-ef7ab6f27187.html');
    expect((await rejected(() => readExport({ path: html, format: 'auto', maxBytes }))).code).toBe(
      'IMPORT_FORMAT_UNKNOWN',
    );
    const text = scratch.write('note.xml', 'Dette er ikke XML');
    expect((await rejected(() => readExport({ path: text, format: 'auto', maxBytes }))).code).toBe(
      'IMPORT_FORMAT_UNKNOWN',
    );
    scratch.write('empty-folder/readme.txt', 'intet');
    expect(
      (
        await rejected(() =>
          readExport({ path: `${scratch.path}/empty-folder`, format: 'auto', maxBytes }),
        )
      ).code,
    ).toBe('IMPORT_FORMAT_UNKNOWN');
  });

  it('refuses text that is not XML when a format is given', async () => {
    const text = scratch.write('given.xml', 'Dette er ikke XML');
    const error = await rejected(() => readExport({ path: text, format: 'publication', maxBytes }));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('ikke en XML-fil');
  });

  it('refuses a file of another format than the one given', async () => {
    const path = samplePath('edoc-ballerup-2012', 'eDocAgendaPublishing.xml');
    const error = await rejected(() => readExport({ path, format: 'publication', maxBytes }));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('<Meeting>');
  });

  it('refuses a folder with two exports', async () => {
    scratch.write('two/a.xml', readSample('publication-ballerup-2013', 'Publication32.xml'));
    scratch.write('two/b.xml', readSample('publication-regionh-2012', 'Publication553.xml'));
    const error = await rejected(() =>
      readExport({ path: `${scratch.path}/two`, format: 'auto', maxBytes }),
    );
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('a.xml, b.xml');
  });

  it('refuses a path that does not exist', async () => {
    const error = await rejected(() =>
      readExport({ path: `${scratch.path}/nothing`, format: 'auto', maxBytes }),
    );
    expect(error.code).toBe('IMPORT_INVALID');
  });

  it('refuses an entity-expansion bomb dressed as a Publication, naming the reason', async () => {
    const entities = Array.from({ length: 9 }, (_, index) =>
      index === 0
        ? '<!ENTITY lol1 "lol">'
        : `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`,
    ).join('\n');
    const path = scratch.write(
      'bomb.xml',
      `<?xml version="1.0"?>\n<!DOCTYPE Publication [\n${entities}\n]>\n<Publication><Name>&lol9;</Name></Publication>`,
    );
    const error = await rejected(() => readExport({ path, format: 'auto', maxBytes }));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('ENTITY');
  });

  it('never lets an external entity read /etc/passwd', async () => {
    const path = scratch.write(
      'xxe.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE Publication [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Publication><Agendas><Agenda><Name>&xxe;</Name></Agenda></Agendas></Publication>',
    );
    const error = await rejected(() => readExport({ path, format: 'auto', maxBytes }));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(
      /root:x:0|\/bin\/(ba)?sh/,
    );
  });

  it('refuses an export over the size limit with a message naming the limit', async () => {
    const error = await rejected(() =>
      readExport({
        path: samplePath('edoc-ballerup-2012', 'eDocAgendaPublishing.xml'),
        format: 'auto',
        maxBytes: 100_000,
      }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('100 kB');
  });
});
