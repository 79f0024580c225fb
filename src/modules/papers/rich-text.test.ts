import { describe, expect, it } from 'vitest';
import { scanElements } from '../../platform/documents/html-nesting';
import { richTextNesting } from '../../platform/documents/rich-text-tree';
import { plainToRichText, richTextToPlain, sanitizeRichText } from './rich-text';

function deepestElement(html: string): number {
  let deepest = 0;
  scanElements(html, {
    open(element) {
      deepest = Math.max(deepest, element.depth);
      return true;
    },
  });
  return deepest;
}

describe('sanitizeRichText', () => {
  it('keeps the allowed formatting', () => {
    const html =
      '<p>Det <strong>indstilles</strong>, <em>at</em> <a href="https://aarhus.dk">sagen</a> drøftes.</p>' +
      '<ul><li>En</li></ul><ol><li>To</li></ol><table><tbody><tr><th>År</th><td colspan="2">2023</td></tr></tbody></table>';
    expect(sanitizeRichText(html)).toBe(
      '<p>Det <strong>indstilles</strong>, <em>at</em> <a href="https://aarhus.dk" rel="noopener noreferrer">sagen</a> drøftes.</p>' +
        '<ul><li>En</li></ul><ol><li>To</li></ol><table><tbody><tr><th>År</th><td colspan="2">2023</td></tr></tbody></table>',
    );
  });

  it('turns b/i into strong/em and headings into paragraphs', () => {
    expect(sanitizeRichText('<h2>Titel</h2><b>fed</b> <i>kursiv</i>')).toBe(
      '<p>Titel</p><strong>fed</strong> <em>kursiv</em>',
    );
  });

  const attacks: Array<[string, string]> = [
    ['script element', '<p>før</p><script>alert(1)</script><p>efter</p>'],
    ['event handler', '<p onclick="alert(1)">klik</p><img src=x onerror=alert(1)>'],
    ['javascript: link', '<a href="javascript:alert(1)">x</a>'],
    ['mixed-case javascript: link', '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ['entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['protocol-relative link', '<a href="//evil.example/x">x</a>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['svg onload', '<svg onload="alert(1)"><circle/></svg>'],
    ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['style element', '<style>body{background:url(javascript:alert(1))}</style><p>x</p>'],
    ['unclosed tag trick', '<p>x<scr<script>ipt>alert(1)</script></p>'],
    ['form', '<form action="https://evil.example"><input name="q"><button>Send</button></form>'],
    ['object', '<object data="evil.swf"></object><embed src="evil.swf">'],
  ];
  for (const [name, html] of attacks) {
    it(`neutralises: ${name}`, () => {
      const clean = sanitizeRichText(html);
      expect(clean).not.toMatch(
        /<script|<iframe|<svg|<img|<form|<input|<object|<embed|<style|on\w+=|javascript:|data:|style=|\/\/evil/i,
      );
    });
  }

  it('cleans text pasted from Word', () => {
    const word = `<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->
      <style>p.MsoNormal{margin:0cm}</style>
      <p class="MsoNormal" style="margin-bottom:0cm;line-height:normal"><span style="font-family:Calibri">Det indstilles,</span><o:p></o:p></p>
      <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
      <p class="MsoListParagraph" style="mso-list:l0 level1 lfo1"><b><span lang="DA">1. At</span></b><span lang="DA"> sagen drøftes.</span></p>`;
    expect(sanitizeRichText(word)).toBe(
      '<p>Det indstilles,</p><p><strong>1. At</strong> sagen drøftes.</p>',
    );
  });

  it('leaves a link with an unsafe address without an address, the same on every pass', () => {
    const once = sanitizeRichText(
      '<p>Se <a href="javascript:alert(1)">her</a> og <a href="/sager">sager</a>.</p>',
    );
    expect(once).toBe(
      '<p>Se <a rel="noopener noreferrer">her</a> og <a href="/sager" rel="noopener noreferrer">sager</a>.</p>',
    );
    expect(sanitizeRichText(once)).toBe(once);
  });

  it('unwraps elements nested past the limit (old and imported HTML), keeping their text', () => {
    const clean = sanitizeRichText(`<p>${'<em>x'.repeat(20_000)}</p>`);
    expect(deepestElement(clean)).toBe(richTextNesting.elements);
    expect(clean.split('x')).toHaveLength(20_001);
    expect(sanitizeRichText(clean)).toBe(clean);
    const hidden = sanitizeRichText(`${'<div>'.repeat(150)}<script>alert(1)</script>tekst`);
    expect(hidden).not.toContain('script');
    expect(hidden).not.toContain('alert');
    expect(hidden).toContain('tekst');
  });

  it('is idempotent', () => {
    const once = sanitizeRichText('<p>A <a href="https://x.dk">b</a></p><ul><li>c</li></ul>');
    expect(sanitizeRichText(once)).toBe(once);
  });
});

describe('richTextToPlain and plainToRichText', () => {
  it('separates blocks with blank lines and decodes entities', () => {
    expect(
      richTextToPlain(
        '<p>Første &amp; bedste.</p><ul><li>Punkt et</li><li>Punkt to</li></ul><p>Slut&nbsp;her.</p>',
      ),
    ).toBe('Første & bedste.\n\nPunkt et\n\nPunkt to\n\nSlut her.');
  });

  it('turns paragraphs of plain text into escaped HTML paragraphs', () => {
    expect(plainToRichText('Linje et\nfortsat <b>\n\nAnden & sidste')).toBe(
      '<p>Linje et fortsat &lt;b&gt;</p><p>Anden &amp; sidste</p>',
    );
  });
});
