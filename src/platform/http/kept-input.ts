import { randomBytes } from 'node:crypto';

/** What a refused form post held, field name → value(s) in the order the browser sent them. */
export type KeptValues = Record<string, string[]>;

/**
 * The text a user typed into a refused form, kept for the page the refusal goes back to (see
 * form-refusal.ts). A cookie holds about 4 kB, a meeting's minutes far more, so the text stays
 * in this process's memory under a random id and only the id travels in the signed cookie.
 * An entry is for the session that posted it alone, is read once, and lives a minute; the
 * store is bounded in entries and in characters, dropping the oldest first.
 */
const lifetimeMs = 60_000;
const mostEntries = 500;
/** A form post is at most 1 MB (bodyLimit in app.ts); this is a few dozen of the largest. */
const mostCharacters = 16 * 1024 * 1024;
const mostCharactersPerEntry = 1024 * 1024;

type Entry = { owner: string; expiresAt: number; size: number; values: KeptValues };

const entries = new Map<string, Entry>();
let storedCharacters = 0;

function remove(id: string): void {
  const entry = entries.get(id);
  if (entry === undefined) return;
  entries.delete(id);
  storedCharacters -= entry.size;
}

/** A Map iterates in insertion order and every entry lives as long: the oldest come first. */
function dropExpiredAndOverflow(now: number, incoming: number): void {
  for (const [id, entry] of entries) {
    const isFull = entries.size >= mostEntries || storedCharacters + incoming > mostCharacters;
    if (entry.expiresAt > now && !isFull) break;
    remove(id);
  }
}

/** A field that may hold a secret: a form with one keeps nothing (its repeat field is one too). */
const secretField = /password|adgangskode/i;
/** Not the user's input: the CSRF token is the page's own, and a new page brings a new one. */
const pageOwnFields: ReadonlySet<string> = new Set(['_csrf']);

/**
 * The text fields of a posted form body: a urlencoded body's strings and lists, a multipart
 * body's field parts (never its files). Undefined when the form carries a password.
 */
export function postedTextFields(body: unknown): KeptValues | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const values: KeptValues = {};
  for (const [name, raw] of Object.entries(body)) {
    if (secretField.test(name)) return undefined;
    if (pageOwnFields.has(name)) continue;
    const texts = (Array.isArray(raw) ? raw : [raw]).flatMap(textOf);
    if (texts.length > 0) values[name] = texts;
  }
  return values;
}

/** A urlencoded value, or a multipart field part's value; files and anything else are not text. */
function textOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  const part = value as { type?: unknown; value?: unknown };
  return part.type === 'field' && typeof part.value === 'string' ? [part.value] : [];
}

/**
 * Keeps the values for their owner (the session that posted them) and returns the id to
 * carry, or undefined when there is nothing to keep. Values past the per-entry bound are left
 * out whole (the field then shows what is stored), never cut.
 */
export function keepInput(owner: string, values: KeptValues, now = Date.now()): string | undefined {
  const kept: KeptValues = {};
  let size = 0;
  for (const [name, texts] of Object.entries(values)) {
    const length = name.length + texts.reduce((sum, text) => sum + text.length, 0);
    if (size + length > mostCharactersPerEntry) continue;
    kept[name] = texts;
    size += length;
  }
  if (Object.keys(kept).length === 0) return undefined;
  dropExpiredAndOverflow(now, size);
  const id = randomBytes(18).toString('base64url');
  entries.set(id, { owner, expiresAt: now + lifetimeMs, size, values: kept });
  storedCharacters += size;
  return id;
}

/**
 * The values kept under an id, for their owner only, removed as they are read. Another
 * session presenting the id gets nothing, and the entry stays for its owner.
 */
export function takeKeptInput(id: string, owner: string, now = Date.now()): KeptValues | undefined {
  const entry = entries.get(id);
  if (entry === undefined || entry.owner !== owner) return undefined;
  remove(id);
  return entry.expiresAt > now ? entry.values : undefined;
}
