import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLiveEvents } from '../events/live-events';
import { registerPublicCache } from './public-cache';

async function appWithCounter(maxAgeMs?: number) {
  const app = Fastify();
  app.decorate('liveEvents', createLiveEvents());
  registerPublicCache(app, { prefixes: ['/offentlig'], topic: 'publications', maxAgeMs });
  let renders = 0;
  app.get('/offentlig/side', async (_request, reply) => {
    renders++;
    return reply.header('etag', `"v${renders}"`).type('text/html').send(`side ${renders}`);
  });
  app.get('/privat', async () => `privat ${++renders}`);
  await app.ready();
  return { app, renders: () => renders };
}

describe('registerPublicCache', () => {
  it('serves a public page from memory until a publication changes', async () => {
    const { app, renders } = await appWithCounter();
    expect((await app.inject('/offentlig/side')).body).toBe('side 1');
    const cached = await app.inject('/offentlig/side');
    expect(cached.body).toBe('side 1');
    expect(cached.headers.etag).toBe('"v1"');
    expect(
      (await app.inject({ url: '/offentlig/side', headers: { 'if-none-match': '"v1"' } }))
        .statusCode,
    ).toBe(304);
    expect(renders()).toBe(1);
    app.liveEvents.publish('publications');
    expect((await app.inject('/offentlig/side')).body).toBe('side 2');
  });

  it('never caches other routes, and lets entries expire', async () => {
    const { app } = await appWithCounter(0);
    expect((await app.inject('/privat')).body).not.toBe((await app.inject('/privat')).body);
    const first = (await app.inject('/offentlig/side')).body;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await app.inject('/offentlig/side')).body).not.toBe(first);
  });
});
