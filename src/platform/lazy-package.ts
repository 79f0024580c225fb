import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * A CommonJS package loaded at its first use rather than when the server starts: the getter
 * `require`s it the first time it is called. For libraries that only some requests or workers
 * need and that synchronous code calls, where `await import()` would not fit (issue 17: each
 * took tens of milliseconds off every cold start). The package stays in node_modules, not in
 * the build's bundle, so a start never reads or compiles it. Type it with a type-only import:
 * `lazyPackage<typeof PdfLib>('pdf-lib')` after `import type * as PdfLib from 'pdf-lib'`.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(name) as T);
}
