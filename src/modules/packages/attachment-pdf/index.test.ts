import { describe, expect, it } from 'vitest';
import { messages } from '../../../../test/attachment-pdf-helpers';
import { pdfText } from '../../../../test/pdf-tools';
import { attachmentAsPdf } from './index';

describe('attachmentAsPdf: anything else', () => {
  it('replaces a file type it cannot show, printing the label and names literally', async () => {
    const result = await attachmentAsPdf({
      mediaType: 'text/plain',
      bytes: Buffer.from('hej'),
      fileName: 'noter #panic("x").txt',
      label: 'Punkt 4, Bilag 2: *Noter* #panic("y")',
    });
    expect(result.method).toBe('placeholder');
    expect(result.problem).toBe(messages.problems.typeNotSupported);
    const text = pdfText(result.pdf);
    expect(text).toContain('Punkt 4, Bilag 2: *Noter* #panic("y")');
    expect(text).toContain('noter #panic("x").txt (fil af typen text/plain, 1 kB)');
    expect(text).toContain(messages.problems.typeNotSupported);
  });
});
