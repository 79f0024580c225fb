import { describe, expect, it } from 'vitest';
import { makePdf } from '../../../test/file-factories';
import { hasPdftotext, runPdftotext } from './pdftotext';

const args = ['-enc', 'UTF-8', '-q', '-', '-'];

describe('runPdftotext', () => {
  it('returns the text of each of several PDFs read at once', async () => {
    expect(await hasPdftotext()).toBe(true);
    const texts = ['Økonomiudvalget', 'Børne- og Ungeudvalget', 'Kulturudvalget'];
    const pdfs = await Promise.all(texts.map((text) => makePdf([text])));
    const results = await Promise.all(pdfs.map((pdf) => runPdftotext(args, pdf)));
    expect(results.map((result) => result?.trim())).toEqual(texts);
  });

  it('sends exactly the bytes of a view into a larger buffer', async () => {
    const pdf = await makePdf(['Midt i bufferen']);
    const pool = Buffer.concat([Buffer.from('ikke pdf'), pdf, Buffer.from('heller ikke')]);
    const view = pool.subarray(8, 8 + pdf.length);
    expect((await runPdftotext(args, view))?.trim()).toBe('Midt i bufferen');
    // The caller's bytes stay where they were: only a copy is moved to the worker.
    expect(view.length).toBe(pdf.length);
  });

  it('returns undefined when pdftotext refuses the input', async () => {
    expect(await runPdftotext(args, Buffer.from('ikke en pdf'))).toBeUndefined();
  });
});
