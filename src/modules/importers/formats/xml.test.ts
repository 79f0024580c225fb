import { afterAll, describe, expect, it } from 'vitest';
import { scratchFolder } from '../../../../test/esdh-samples';
import { AppError } from '../../../platform/errors';
import { child, children, maxXmlDepth, parseXml, readXmlFile, textOf } from './xml';

function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function rejected(action: () => Promise<unknown>): Promise<AppError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Publication><Name>&lol9;</Name></Publication>`;

const xxe = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Publication [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Publication><Name>&xxe;</Name></Publication>`;

describe('parseXml', () => {
  it('builds a tree with local names, attributes and CDATA text, and normalises lists', () => {
    const { root, warnings } = parseXml(
      '<a:Root xmlns:a="urn:x"><a:Items><a:Item ID="7"><![CDATA[<p>Hej</p>]]></a:Item></a:Items></a:Root>',
      'x.xml',
    );
    expect(root).toMatchObject({ name: 'Root', namespace: 'urn:x' });
    expect(children(root, 'Items/Item').map((item) => item.attributes.ID)).toEqual(['7']);
    expect(textOf(root, 'Items/Item')).toBe('<p>Hej</p>');
    expect(children(root, 'Missing/Item')).toEqual([]);
    expect(child(root, 'Items/Nothing')).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('accepts a byte-order mark, CRLF and CR-only line endings', () => {
    for (const newline of ['\r\n', '\r']) {
      const { root } = parseXml(
        `\uFEFF<?xml version="1.0"?>${newline}<R>${newline}<T>a${newline}b</T></R>`,
        'x.xml',
      );
      expect(textOf(root, 'T')).toBe('a\nb');
    }
  });

  it('removes characters XML 1.0 forbids, raw and as references, and counts them', () => {
    const { root, warnings } = parseXml(
      '<R><T>side&#xC;skift\u0001&#0;&#x41;&#65;\uD800\uFFFE&#xD800;\u{1F600}</T></R>',
      'e.xml',
    );
    expect(textOf(root, 'T')).toBe('sideskiftAA\u{1F600}');
    expect(warnings).toEqual([
      {
        code: 'XML_CHARACTER_REMOVED',
        message: expect.stringContaining('6 tegn') as string,
        where: 'e.xml',
      },
    ]);
  });

  it('refuses text that is not XML', () => {
    const error = thrown(() => parseXml('Dette er ikke XML', 'note.xml'));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('ikke en XML-fil');
  });

  it('refuses truncated XML with the line and column', () => {
    const error = thrown(() => parseXml('<R>\n  <Items>\n    <Item>', 'cut.xml'));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toMatch(/cut\.xml er ikke gyldig XML \(linje 3, kolonne \d+\)/);
  });

  it('refuses an entity-expansion bomb before expanding anything', () => {
    const started = Date.now();
    const error = thrown(() => parseXml(billionLaughs, 'bomb.xml'));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('ENTITY');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a plain DOCTYPE too, naming the reason', () => {
    const error = thrown(() =>
      parseXml('<!DOCTYPE Publication SYSTEM "x.dtd"><Publication/>', 'd.xml'),
    );
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('DOCTYPE');
  });

  it('refuses an undeclared entity reference without resolving it', () => {
    const error = thrown(() => parseXml('<R>&xxe;</R>', 'u.xml'));
    expect(error.code).toBe('IMPORT_INVALID');
  });

  it('refuses a file nested 300,000 deep as soon as it passes the depth limit', () => {
    const depth = 300_000;
    const error = thrown(() =>
      parseXml(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`, 'deep.xml'),
    );
    expect(error.code).toBe('IMPORT_INVALID');
    // The column is right after the first element past the limit: the parser read no further.
    const column = '<a>'.length * (maxXmlDepth + 1) + 1;
    expect(error.message).toContain(`deep.xml har elementer indlejret mere end ${maxXmlDepth}`);
    expect(error.message).toContain(`(linje 1, kolonne ${column})`);
  });

  it('reads a file nested exactly to the depth limit', () => {
    const { root } = parseXml(
      `${'<a>'.repeat(maxXmlDepth - 1)}<b>bund</b>${'</a>'.repeat(maxXmlDepth - 1)}`,
      'limit.xml',
    );
    expect(textOf(root, `${'a/'.repeat(maxXmlDepth - 2)}b`)).toBe('bund');
  });

  it('resolves namespaces by scope: default, prefixed, redeclared and undeclared', () => {
    const { root } = parseXml(
      [
        '<Root xmlns="urn:outer" xmlns:p="urn:p">',
        '<p:A p:id="1"><B xmlns="urn:inner"><C/></B><D/></p:A>',
        '<E xmlns=""/>',
        '<F xmlns:p="urn:q"><p:G/></F><p:H/>',
        '</Root>',
      ].join(''),
      'ns.xml',
    );
    const namespaceAt = (path: string) => child(root, path)?.namespace;
    expect(root.namespace).toBe('urn:outer');
    expect(namespaceAt('A')).toBe('urn:p');
    expect(child(root, 'A')?.attributes.id).toBe('1');
    expect(namespaceAt('A/B')).toBe('urn:inner');
    expect(namespaceAt('A/B/C')).toBe('urn:inner');
    expect(namespaceAt('A/D')).toBe('urn:outer');
    expect(namespaceAt('E')).toBe('');
    expect(namespaceAt('F/G')).toBe('urn:q');
    expect(namespaceAt('H')).toBe('urn:p');
  });

  it('refuses a prefix that is not bound, in an element or an attribute, with line and column', () => {
    for (const source of [
      '<R>\n<x:T/></R>',
      '<R>\n<T x:id="1"/></R>',
      '<R><A xmlns:x="u"/>\n<x:T/></R>',
    ]) {
      const error = thrown(() => parseXml(source, 'p.xml'));
      expect(error.code).toBe('IMPORT_INVALID');
      expect(error.message).toMatch(/p\.xml er ikke gyldig XML \(linje 2, kolonne \d+\)/);
    }
  });
});

describe('readXmlFile', () => {
  const scratch = scratchFolder('xml-test');
  afterAll(() => scratch.remove());

  it('never reads /etc/passwd for an external entity (XXE)', async () => {
    const path = scratch.write('xxe.xml', xxe);
    const error = await rejected(() => readXmlFile(path, { maxBytes: 1_000_000 }));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(
      /root:|\/bin\/(ba)?sh/,
    );
  });

  it('refuses a file over the size limit before reading it, naming the limit', async () => {
    const path = scratch.write('big.xml', `<R>${'x'.repeat(5000)}</R>`);
    const error = await rejected(() => readXmlFile(path, { maxBytes: 4000 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('4 kB');
  });

  it('refuses bytes that are not UTF-8 when no other encoding is declared', async () => {
    const path = scratch.write(
      'latin.xml',
      Buffer.from([0x3c, 0x52, 0x3e, 0xe6, 0x3c, 0x2f, 0x52, 0x3e]),
    );
    const error = await rejected(() => readXmlFile(path, { maxBytes: 1000 }));
    expect(error.code).toBe('IMPORT_INVALID');
  });

  it('reads a declared ISO-8859-1 file', async () => {
    const head = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><R>');
    const path = scratch.write(
      'latin1.xml',
      Buffer.concat([head, Buffer.from([0xc6, 0xf8]), Buffer.from('</R>')]),
    );
    const { root } = await readXmlFile(path, { maxBytes: 1000 });
    expect(textOf(root)).toBe('Æø');
  });
});
