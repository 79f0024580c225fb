import { open } from 'node:fs/promises';
import type { ImportFormat } from '../archive';
import { fujitsuNamespace } from './fujitsu';

const sniffBytes = 64 * 1024;

/**
 * The format of one export file from its content, never its name: %PDF magic, else the XML root
 * element and what sits right under it. Null when it is none of the formats we read (an Acadre
 * content file is not an export on its own: its manifest is).
 */
export async function detectFormat(path: string): Promise<ImportFormat | null> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    return detectFromBytes(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export function detectFromBytes(bytes: Uint8Array): ImportFormat | null {
  const head = Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  // PDF readers accept the header anywhere in the first kilobyte.
  if (head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  // Past the declaration, comments and any DOCTYPE: the parser refuses a DTD with a clear reason.
  const prolog = head
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, '')
    .trimStart();
  const root = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(prolog)?.[1];
  if (root === undefined) return null;
  if (root === 'Publication') return 'publication';
  if (root === 'Meeting' && head.includes('<MeetingAgendaTypes')) return 'edoc';
  // Its own HTML rendering declares the same namespace, but holds no Committee element in it.
  if (head.includes(fujitsuNamespace) && /<(?:[\w.-]+:)?Committee>/.test(head) && root !== 'html') {
    return 'fujitsu';
  }
  if (root === 'root' && /<table\s+name="producedAgenda"/.test(head)) return 'acadre';
  return null;
}
