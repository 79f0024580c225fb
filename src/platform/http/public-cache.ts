import type { FastifyInstance } from 'fastify';

type Entry = {
  body: string | Buffer;
  headers: Record<string, string>;
  etag: string | undefined;
  storedAt: number;
};

/**
 * Caches the successful GET responses of public, login-free routes in memory, so the pages
 * citizens and crawlers read most are served without the database. The cache empties when
 * `topic` is published on the live events (after a publication or withdrawal commits) and an
 * entry lives at most `maxAgeMs`, the same as the pages' Cache-Control; with several app
 * instances an instance may serve a page that old.
 */
export function registerPublicCache(
  app: FastifyInstance,
  options: { prefixes: readonly string[]; topic: string; maxAgeMs?: number; maxEntries?: number },
): void {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 2_000;
  const entries = new Map<string, Entry>();
  app.liveEvents.subscribe(options.topic, () => entries.clear());
  const isCached = (method: string, url: string) =>
    (method === 'GET' || method === 'HEAD') &&
    options.prefixes.some(
      (prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`),
    );

  app.addHook('onRequest', async (request, reply) => {
    if (!isCached(request.method, request.url)) return;
    const entry = entries.get(request.url);
    if (!entry) return;
    if (Date.now() - entry.storedAt > maxAgeMs) {
      entries.delete(request.url);
      return;
    }
    reply.headers(entry.headers);
    if (entry.etag !== undefined && request.headers['if-none-match'] === entry.etag) {
      return reply.code(304).send();
    }
    return reply.code(200).send(entry.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isCached(request.method, request.url) || request.method !== 'GET') return payload;
    if (reply.statusCode !== 200 || entries.has(request.url)) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.getHeader('set-cookie') !== undefined) return payload;
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'cache-control', 'access-control-allow-origin']) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(request.url, {
      body: payload,
      headers,
      etag: headers.etag,
      storedAt: Date.now(),
    });
    return payload;
  });
}
