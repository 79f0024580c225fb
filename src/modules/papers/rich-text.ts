import { decodeHTML } from 'entities';
import type sanitizeHtml from 'sanitize-html';
import { limitNesting } from '../../platform/documents/html-nesting';
import { richTextNesting } from '../../platform/documents/rich-text-tree';
import { lazyPackage } from '../../platform/lazy-package';

// Loaded with the first section saved or shown, not at start-up (it brings PostCSS along).
const sanitizer = lazyPackage<typeof sanitizeHtml>('sanitize-html');

/**
 * The HTML a memo section may hold: paragraphs, bold/italic, lists, links and simple tables.
 * Everything else is removed on the server, whatever the editor sent; that is what makes
 * pasted Word markup and XSS attempts harmless.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Word's paste carries <xml>, <style> and conditional comments: drop them with their content.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'xml',
    'head',
    'title',
    'meta',
    'template',
  ],
  transformTags: {
    b: 'strong',
    i: 'em',
    h1: 'p',
    h2: 'p',
    h3: 'p',
    h4: 'p',
    h5: 'p',
    h6: 'p',
    div: 'p',
    // A link keeps only a web, mail or site-relative address; without one it is inert text.
    a: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: isSafeHref(attribs.href ?? '')
        ? { href: (attribs.href ?? '').trim(), rel: 'noopener noreferrer' }
        : { rel: 'noopener noreferrer' },
    }),
  },
  // Word leaves paragraphs holding only a non-breaking space; they are not content.
  exclusiveFilter: (frame) =>
    (frame.tag === 'p' || frame.tag === 'li' || frame.tag === 'strong' || frame.tag === 'em') &&
    frame.text.replace(/[\s\u00a0]+/gu, '') === '' &&
    !frame.mediaChildren.length,
};

function isSafeHref(href: string): boolean {
  const trimmed = href.trim();
  return (
    /^(https?:|mailto:)/i.test(trimmed) || (trimmed.startsWith('/') && !trimmed.startsWith('//'))
  );
}

/**
 * Sanitises section HTML to the allow-list above. Idempotent. Elements nested past the elements
 * limit are unwrapped first (saving refuses them; old or imported HTML may have them): sanitize-html
 * takes time in proportion to length times depth, seconds for a deeply nested section.
 */
export function sanitizeRichText(html: string): string {
  return sanitizer()(limitNesting(html, richTextNesting.elements), options)
    .replace(/(<\/(?:p|li|ul|ol|table|thead|tbody|tr|td|th)>)\s+(?=<)/g, '$1')
    .replace(/^\s+(?=<)/, '')
    .trim();
}

const blockEnd = /<\/(p|li|td|th|tr|ul|ol|table)>|<br\s*\/?>/giu;

/** Plain text of sanitised HTML, blocks separated by blank lines (for readability and search). */
export function richTextToPlain(html: string): string {
  const text = sanitizeRichText(html)
    .replace(blockEnd, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n')
    .trim();
}

/** Plain text (a paragraph per blank-line block) as the equivalent section HTML. */
export function plainToRichText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeText(paragraph.replace(/\s*\n\s*/g, ' '))}</p>`)
    .join('');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
