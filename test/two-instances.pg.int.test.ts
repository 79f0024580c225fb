import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, isEngineUnavailable, type EmptyDatabase } from './database';
import { freePort, runScript, startScript, waitForOk } from './processes';

const email = 'sekretaer@to-instanser.dk';
const password = 'korrekt-hest-batteri-haefteklamme';

type Instance = { url: string; process: ChildProcess; dataDir: string };

/** The cookies a response sets, as a browser would send them back. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0]!)
    .join('; ');
}

/** The session cookie a response sets, as a browser would send it back. */
function sessionCookieOf(response: Response): string {
  const cookie = cookiesOf(response)
    .split('; ')
    .find((pair) => pair.startsWith('dagsorden_session='));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie;
}

function csrfTokenOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Reads a Server-Sent Events stream and waits for the next event of a kind. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  // A read outlives a timed-out wait, so that no chunk it brings is dropped.
  let pending: ReturnType<typeof reader.read> | undefined;
  return {
    async next(event: string, timeoutMs: number): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = new RegExp(`event: ${event}\\ndata: ([^\\n]*)\\n\\n`).exec(buffered);
        if (match) {
          buffered = buffered.slice(match.index + match[0].length);
          return match[1]!;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${event}" event within ${timeoutMs} ms`);
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<undefined>((resolve) => setTimeout(resolve, left)),
        ]);
        if (!chunk) continue;
        pending = undefined;
        if (chunk.done) throw new Error('the event stream ended');
        buffered += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

/**
 * Two app processes on one PostgreSQL database and one S3 bucket, as behind a load balancer: a
 * session made on one is good on the other, a change made through one reaches a live viewer on
 * the other, and a file stored by one is served by both.
 */
describe.skipIf(isEngineUnavailable())('two app instances on one PostgreSQL', () => {
  let postgres: EmptyDatabase;
  let s3: S3rver;
  let s3Directory: string;
  let env: Record<string, string>;
  const instances: Instance[] = [];
  let a: Instance;
  let b: Instance;
  let cookie: string;

  const start = async (): Promise<Instance> => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'dagsorden-instance-'));
    const child = startScript('main.ts', [], { ...env, DATA_DIR: dataDir, PORT: `${port}` });
    const instance = { url: `http://127.0.0.1:${port}`, process: child, dataDir };
    instances.push(instance);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`instance exited with ${String(code)} before it answered:\n${stderr}`);
    });
    await Promise.race([waitForOk(`${instance.url}/healthz`), exited]);
    exited.catch(() => undefined);
    return instance;
  };

  beforeAll(async () => {
    // An empty database: both instances start at once and must not apply the migrations twice.
    postgres = await createEmptyDatabase();
    s3Directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3Directory,
      configureBuckets: [{ name: 'bilag', configs: [] }],
    });
    const { port: s3Port } = await s3.run();
    // Instances share the database, the bucket and the session secret, never a DATA_DIR.
    env = {
      DATABASE_URL: postgres.url,
      BLOB_URL: `s3://S3RVER:S3RVER@bilag/dagsorden?endpoint=http://127.0.0.1:${s3Port}&region=eu-north-1&forcePathStyle=true`,
      DEMO: '1',
      SESSION_SECRET: 'two-instances-share-this-session-secret-0123456789',
    };
    // Started together with the same settings, as a deployment would: one migrates and loads
    // the demo, the other waits its turn and finds it done.
    const [first, second, created] = await Promise.all([
      start(),
      start(),
      runScript(
        'cli.ts',
        ['user', 'create', '--email', email, '--role', 'secretary', '--password', password],
        { ...env, DATA_DIR: tmpdir() },
      ),
    ]);
    [a, b] = [first, second];
    expect(created.code).toBe(0);

    const loginPage = await fetch(`${a.url}/login`);
    const login = await fetch(`${a.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: cookiesOf(loginPage),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email, password, _csrf: csrfTokenOf(await loginPage.text()) }),
    });
    expect(login.status).toBe(303);
    // The CSRF secret's cookie came with the login page, the session's with the login.
    cookie = `${cookiesOf(loginPage)}; ${sessionCookieOf(login)}`;
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) {
      if (instance.process.exitCode === null) {
        instance.process.kill('SIGKILL');
        await once(instance.process, 'exit');
      }
      rmSync(instance.dataDir, { recursive: true, force: true });
    }
    await s3?.close();
    if (s3Directory) rmSync(s3Directory, { recursive: true, force: true });
    await postgres?.drop();
  });

  type MeetingDetail = {
    status: string;
    items: Array<{ id: string; attachments: Array<{ url: string | null }> }>;
  };
  const meetingsOn = async (instance: Instance) => {
    const list = await fetch(`${instance.url}/api/v1/meetings`, { headers: { cookie } });
    expect(list.status).toBe(200);
    return ((await list.json()) as { data: Array<{ id: string; status: string }> }).data;
  };
  const meetingOn = async (instance: Instance, id: string) =>
    (await (
      await fetch(`${instance.url}/api/v1/meetings/${id}`, { headers: { cookie } })
    ).json()) as MeetingDetail;

  it('carries live meeting events from one instance to a viewer on the other', async () => {
    // Signed in on A, known on B.
    const meeting = (await meetingsOn(b)).find(({ status }) => status === 'agenda_released');
    expect(meeting).toBeDefined();
    const meetingId = meeting!.id;
    const page = await fetch(`${b.url}/moeder/${meetingId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const csrf = csrfTokenOf(await page.text());

    const viewer = new AbortController();
    const live = await fetch(`${b.url}/moeder/${meetingId}/live/events`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: viewer.signal,
    });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    const events = readEvents(live.body!);
    try {
      // A token from B's page works on A: both sign the CSRF secret's cookie with one secret.
      const post = (path: string) =>
        fetch(`${a.url}/api/v1/meetings/${meetingId}/${path}`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: '{}',
        });
      expect((await post('start')).status).toBe(200);
      expect(await events.next('change', 5000)).toBe(meetingId);

      const { status, items } = await meetingOn(b, meetingId);
      expect(status).toBe('in_progress');
      const itemId = items[0]!.id;
      expect((await post(`items/${itemId}/start`)).status).toBe(200);
      expect(await events.next('change', 5000)).toBe(meetingId);

      // What the viewer refetches on B shows the change made through A.
      const board = await fetch(`${b.url}/api/v1/meetings/${meetingId}/live`, {
        headers: { cookie },
      });
      expect(board.status).toBe(200);
      expect(((await board.json()) as { currentItemId: string | null }).currentItemId).toBe(itemId);
    } finally {
      await events.cancel().catch(() => undefined);
      viewer.abort();
    }
  });

  it('serves the files one instance stored from either instance', async () => {
    // The demo's bilag were stored by whichever instance loaded it; its DATA_DIR has no blobs.
    const urls: string[] = [];
    for (const { id } of await meetingsOn(a)) {
      for (const item of (await meetingOn(a, id)).items) {
        for (const { url } of item.attachments) if (url) urls.push(url);
      }
    }
    expect(urls.length).toBeGreaterThan(0);
    const url = urls[0]!;
    expect(url).toMatch(/^\//);
    const [fromA, fromB] = await Promise.all(
      [a, b].map((instance) => fetch(`${instance.url}${url}`, { headers: { cookie } })),
    );
    expect([fromA!.status, fromB!.status]).toEqual([200, 200]);
    expect(fromB!.headers.get('etag')).toBe(fromA!.headers.get('etag'));
    const [bytesA, bytesB] = await Promise.all([fromA!.arrayBuffer(), fromB!.arrayBuffer()]);
    expect(bytesA.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(bytesB).equals(Buffer.from(bytesA))).toBe(true);
  });

  it('stops each instance cleanly, its LISTEN connection closed', async () => {
    for (const instance of [a, b]) {
      instance.process.kill('SIGTERM');
      const [code] = (await once(instance.process, 'exit')) as [number | null];
      expect(code).toBe(0);
    }
  });
});
