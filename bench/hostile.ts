/**
 * Replays the attacks of issue 16 against a running server and prints what it tried and what
 * held. `npm run bench -- hostile` starts its own server as `npm start` does (PostgreSQL when
 * it is reachable, else the embedded database; HOSTILE_ENGINE=pglite chooses the latter) with
 * an administrator and a "victim" account. Against a server of your own:
 *
 *   HOSTILE_URL=http://127.0.0.1:3000 HOSTILE_EMAIL=admin@… HOSTILE_PASSWORD=… \
 *   HOSTILE_VICTIM_EMAIL=… HOSTILE_VICTIM_PASSWORD=… npm run bench -- hostile
 *
 * The victim account is locked for a quarter of an hour by the throttle attack, and so is this
 * machine's address; attacks whose account is not given are reported as skipped. Exit code 1
 * when any attack was not held.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { docxBomb, pdfBomb, xlsxBomb } from '../test/bomb-factories';
import { makePdf } from '../test/file-factories';
import { freePort, runScript, startScript, waitForOk } from '../test/processes';
import { printResult, printTable } from './shared';

type Outcome = { attack: string; expected: string; observed: string; held: boolean | 'skipped' };
const outcomes: Outcome[] = [];

function record(attack: string, expected: string, observed: string, held: boolean | 'skipped') {
  outcomes.push({ attack, expected, observed, held });
  const mark = held === 'skipped' ? '–' : held ? '✓' : '✗';
  process.stderr.write(`${mark} ${attack}: ${observed}\n`);
}

type Account = { email: string; password: string };
type Target = {
  baseUrl: string;
  admin?: Account;
  victim?: Account;
  /** The server's process id when this script started it (to read its memory). */
  pid?: number;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process in MB (Linux), or undefined. */
function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function isPostgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A server of our own on a fresh database, with an administrator and a victim account. */
async function startOwnServer(): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dagsorden-hostile-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'error' };
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let dropDatabase = async () => undefined as void;
  if (process.env.HOSTILE_ENGINE !== 'pglite' && (await isPostgresReachable(adminUrl))) {
    const name = `dagsorden_hostile_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  const accounts = {
    admin: { email: 'hostile-admin@test.dk', password: 'korrekt-hest-batteri-haefteklamme' },
    victim: { email: 'hostile-victim@test.dk', password: 'korrekt-hest-batteri-haefteklamme' },
  };
  await runScript('cli.ts', ['migrate'], env);
  for (const [role, account] of [
    ['administrator', accounts.admin],
    ['reader', accounts.victim],
  ] as const) {
    const created = await runScript(
      'cli.ts',
      ['user', 'create', '--email', account.email, '--role', role, '--password', account.password],
      env,
    );
    if (created.code !== 0) throw new Error(`user create failed: ${created.stderr}`);
  }
  const port = await freePort();
  const server: ChildProcess = startScript('main.ts', [], { ...env, PORT: String(port) });
  let output = '';
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForOk(`${baseUrl}/healthz`, 120_000);
  process.stderr.write(
    `Started a server on ${env.DATABASE_URL ? 'PostgreSQL' : 'the embedded database'} at ${baseUrl}\n`,
  );
  return {
    baseUrl,
    ...accounts,
    pid: server.pid,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await once(server, 'exit');
      } else process.stderr.write(`The server had exited. Its output:\n${output}\n`);
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function externalTarget(baseUrl: string): Target {
  const account = (email?: string, password?: string) =>
    email && password ? { email, password } : undefined;
  return {
    baseUrl: baseUrl.replace(/\/$/, ''),
    admin: account(process.env.HOSTILE_EMAIL, process.env.HOSTILE_PASSWORD),
    victim: account(process.env.HOSTILE_VICTIM_EMAIL, process.env.HOSTILE_VICTIM_PASSWORD),
    stop: async () => undefined,
  };
}

/** A signed-in browser: its cookies and a CSRF token from a page. */
type Browser = { cookie: string; csrf: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((value) => value.split(';')[0]!);
}

async function signIn(target: Target, account: Account): Promise<Browser> {
  const page = await fetch(`${target.baseUrl}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const csrfCookies = cookiesOf(page);
  const login = await fetch(`${target.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: csrfCookies.join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ ...account, _csrf: csrf }),
  });
  if (login.status !== 303) throw new Error(`login as ${account.email} failed: ${login.status}`);
  const cookie = [...csrfCookies, ...cookiesOf(login)].join('; ');
  const home = await fetch(`${target.baseUrl}/moeder`, { headers: { cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1];
  if (!token) throw new Error('no CSRF token on /moeder');
  return { cookie, csrf: token };
}

/** A request as the signed-in browser's scripts send it (cookie + CSRF header). */
function asBrowser(browser: Browser, init: RequestInit & { json?: unknown } = {}): RequestInit {
  const headers: Record<string, string> = {
    cookie: browser.cookie,
    'x-csrf-token': browser.csrf,
    ...(init.headers as Record<string, string> | undefined),
  };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  };
}

function multipart(
  fields: Record<string, string>,
  files: Array<{ name: string; fileName: string; bytes: Uint8Array }>,
) {
  const boundary = `----hostile${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const file of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends `send` while polling /healthz, and reports the slowest health answer. */
async function withHealthWatch<T>(
  target: Target,
  send: () => Promise<T>,
): Promise<{ result: T; slowestHealthMs: number; seconds: number }> {
  let slowest = 0;
  let running = true;
  const watch = (async () => {
    while (running) {
      const start = performance.now();
      await fetch(`${target.baseUrl}/healthz`).catch(() => undefined);
      slowest = Math.max(slowest, performance.now() - start);
      await sleep(50);
    }
  })();
  const start = performance.now();
  try {
    const result = await send();
    return { result, slowestHealthMs: slowest, seconds: (performance.now() - start) / 1000 };
  } finally {
    running = false;
    await watch;
  }
}

function abortedRequest(url: string, headers: Record<string, string>, afterMs: number) {
  return new Promise<void>((resolve) => {
    const outgoing = httpRequest(url, { headers });
    outgoing.on('error', () => undefined);
    outgoing.on('close', () => resolve());
    outgoing.on('response', (response) => response.resume());
    outgoing.end();
    setTimeout(() => outgoing.destroy(), afterMs);
  });
}

async function attackAbortedRequests(target: Target, browser: Browser | undefined) {
  const paths = ['/', '/moeder', '/sager', '/ukendt', '/soeg?q=budget'];
  for (const [who, headers] of [
    ['anonymous', { accept: 'text/html' }],
    ['signed-in', { accept: 'text/html', cookie: browser?.cookie ?? '' }],
  ] as const) {
    if (who === 'signed-in' && !browser) continue;
    for (let sent = 0; sent < 200; sent += 4) {
      await Promise.all(
        [0, 1, 2, 3].map((lane) =>
          abortedRequest(
            `${target.baseUrl}${paths[(sent + lane) % paths.length]}`,
            headers,
            Math.random() * 20,
          ),
        ),
      );
    }
    const health = await fetch(`${target.baseUrl}/healthz`).catch(() => undefined);
    record(
      `200 ${who} page requests aborted after 0–20 ms`,
      '/healthz 200',
      health ? `/healthz ${health.status}` : 'server gone',
      health?.status === 200,
    );
  }
}

async function attackAnonymousSessions(target: Target) {
  let sessionCookies = 0;
  for (let index = 0; index < 100; index += 1) {
    const path = index % 2 === 0 ? `/moeder?side=${index}` : '/login';
    const response = await fetch(`${target.baseUrl}${path}`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    await response.arrayBuffer();
    if (cookiesOf(response).some((cookie) => cookie.startsWith('dagsorden_session=')))
      sessionCookies += 1;
  }
  record(
    '100 anonymous page and login-page requests',
    'no session started',
    `${sessionCookies} session cookies`,
    sessionCookies === 0,
  );
}

async function attackAnonymousMultipart(target: Target) {
  const url = new URL(target.baseUrl);
  const status = await new Promise<string>((resolve) => {
    const socket = connect(Number(url.port || 80), url.hostname);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('\r\n')) {
        socket.destroy();
        resolve(received.split('\r\n')[0]!);
      }
    });
    socket.on('error', (error) => resolve(`error ${error.message}`));
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve('no answer within 5 s (the body is being read)');
    });
    socket.write(
      `POST /login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${500 * 1024 * 1024}\r\n\r\n--x\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n`,
    );
    socket.write(Buffer.alloc(1024 * 1024));
  });
  record(
    'anonymous 500 MB multipart body on /login',
    '415 before the body is read',
    status,
    / 415 /.test(status),
  );
}

async function attackMalformedInput(target: Target, browser: Browser | undefined) {
  const page = await fetch(`${target.baseUrl}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const nul = await fetch(`${target.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: cookiesOf(page).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: `email=a%00b%40x.dk&password=x&_csrf=${encodeURIComponent(csrf)}`,
  });
  record('NUL byte in the login e-mail', '400', String(nul.status), nul.status === 400);

  const portal = await fetch(`${target.baseUrl}/offentlig`, {
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
  });
  record(
    'Basic Authorization header on the public portal',
    '200',
    String(portal.status),
    portal.status === 200,
  );

  const openRedirect = await fetch(
    `${target.baseUrl}/login?tilbage=${encodeURIComponent('/\\evil.example/')}`,
  );
  const offersEvil = (await openRedirect.text()).includes('evil.example');
  record(
    'return target /\\evil.example/ after login',
    'not offered',
    offersEvil ? 'offered' : 'dropped',
    !offersEvil,
  );

  if (!browser) {
    record('malformed multipart, control characters', '400', 'no account given', 'skipped');
    return;
  }
  const cacheControl = (
    await fetch(`${target.baseUrl}/moeder`, { headers: { cookie: browser.cookie } })
  ).headers.get('cache-control');
  record(
    'a private page',
    'Cache-Control: private, no-store',
    String(cacheControl),
    cacheControl === 'private, no-store',
  );
  const paperId = await createPaper(target, browser);
  const upload = multipart({ title: 'x' }, [
    { name: 'file', fileName: 'a.pdf', bytes: await makePdf() },
  ]);
  for (const [label, contentType] of [
    ['no boundary', 'multipart/form-data'],
    ['wrong boundary', 'multipart/form-data; boundary=forkert'],
  ] as const) {
    const response = await fetch(
      `${target.baseUrl}/api/v1/papers/${paperId}/attachments`,
      asBrowser(browser, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: upload.body,
      }),
    );
    record(`multipart body with ${label}`, '400', String(response.status), response.status === 400);
  }
  for (const [label, title] of [
    ['C0 control in a title', 'Møde\u0001'],
    ['RTL override in a title', 'Referat \u202Efdp.exe'],
  ] as const) {
    const response = await fetch(
      `${target.baseUrl}/api/v1/papers/${paperId}`,
      asBrowser(browser, { method: 'PATCH', json: { title } }),
    );
    record(label, '400', String(response.status), response.status === 400);
  }
}

async function createPaper(target: Target, browser: Browser): Promise<string> {
  const organizations = (await (
    await fetch(`${target.baseUrl}/api/v1/organizations`, asBrowser(browser))
  ).json()) as { data: Array<{ id: string }> };
  const created = await fetch(
    `${target.baseUrl}/api/v1/papers`,
    asBrowser(browser, {
      method: 'POST',
      json: {
        organizationId: organizations.data[0]!.id,
        title: 'Fjendtlig sag',
        paperDate: new Date().toISOString().slice(0, 10),
      },
    }),
  );
  if (created.status !== 201) throw new Error(`paper create failed: ${created.status}`);
  return ((await created.json()) as { id: string }).id;
}

async function attackBombs(target: Target, browser: Browser | undefined) {
  if (!browser) {
    record('decompression bombs', '4xx', 'no account given', 'skipped');
    return;
  }
  const paperId = await createPaper(target, browser);
  const megabyte = 1000 * 1000;
  const bombs = [
    ['docx', 'document.xml of 100 MB', await docxBomb(100 * megabyte)],
    ['docx', 'document.xml of 100 MB declaring 1 kB', await docxBomb(100 * megabyte, 1000)],
    ['xlsx', 'sharedStrings.xml of 100 MB', xlsxBomb(100 * megabyte)],
    ['pdf', 'object stream of 200 MB', await pdfBomb(200 * megabyte)],
  ] as const;
  for (const [kind, label, bomb] of bombs) {
    const upload = multipart({ title: 'Bombe' }, [
      { name: 'file', fileName: `bombe.${kind}`, bytes: bomb },
    ]);
    const before = residentMb(target.pid);
    const { result, seconds, slowestHealthMs } = await withHealthWatch(target, () =>
      fetch(
        `${target.baseUrl}/api/v1/papers/${paperId}/attachments`,
        asBrowser(browser, {
          method: 'POST',
          headers: { 'content-type': upload.contentType },
          body: upload.body,
        }),
      ),
    );
    const code = ((await result.json()) as { error?: { code?: string } }).error?.code;
    const after = residentMb(target.pid);
    const growth = before !== undefined && after !== undefined ? after - before : undefined;
    const held =
      (result.status === 413 || result.status === 422) &&
      seconds < 10 &&
      (growth === undefined || growth < 100);
    record(
      `.${kind} of ${Math.round(bomb.length / 1024)} KB: ${label}`,
      '413/422 within 10 s, memory +<100 MB',
      `${result.status} ${code ?? ''} in ${seconds.toFixed(2)} s, slowest /healthz ${Math.round(slowestHealthMs)} ms` +
        (growth === undefined ? '' : `, memory ${growth >= 0 ? '+' : ''}${Math.round(growth)} MB`),
      held,
    );
  }

  const deepLists = `${'<ul><li>'.repeat(60)}Dybt${'</li></ul>'.repeat(60)}`;
  const deepEmphasis = `<p>${'<em>'.repeat(5000)}Dybt${'</em>'.repeat(5000)}</p>`;
  for (const [label, html] of [
    ['60 nested lists in a memo section', deepLists],
    ['5,000 nested <em> in a memo section', deepEmphasis],
  ] as const) {
    const response = await fetch(
      `${target.baseUrl}/api/v1/papers/${paperId}/sections`,
      asBrowser(browser, { method: 'PUT', json: { sections: [{ heading: 'Indstilling', html }] } }),
    );
    record(label, '400 at save', String(response.status), response.status === 400);
  }
  const pdf = await fetch(`${target.baseUrl}/api/v1/papers/${paperId}/pdf`, asBrowser(browser));
  record('the memo PDF after the attempts', '200', String(pdf.status), pdf.status === 200);

  const depth = 300_000;
  const xml = `<?xml version="1.0"?>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
  const upload = multipart({ format: 'publication', dryRun: 'true' }, [
    { name: 'file', fileName: 'dyb.xml', bytes: Buffer.from(xml) },
  ]);
  const { result, seconds, slowestHealthMs } = await withHealthWatch(target, () =>
    fetch(
      `${target.baseUrl}/api/v1/imports`,
      asBrowser(browser, {
        method: 'POST',
        headers: { 'content-type': upload.contentType },
        body: upload.body,
      }),
    ),
  );
  record(
    `import of XML nested ${depth.toLocaleString('da-DK')} deep (${Math.round(xml.length / 1024)} KB)`,
    '4xx within 10 s, /healthz answering',
    `${result.status} in ${seconds.toFixed(2)} s, slowest /healthz ${Math.round(slowestHealthMs)} ms`,
    result.status >= 400 && result.status < 500 && seconds < 10 && slowestHealthMs < 2000,
  );
}

async function attackAccountControls(target: Target, browser: Browser | undefined) {
  if (!browser) {
    record('account controls', 'tokens and password guarded', 'no account given', 'skipped');
    return;
  }
  const created = await fetch(
    `${target.baseUrl}/api/v1/me/tokens`,
    asBrowser(browser, { method: 'POST', json: { name: 'Fjendtlig test', expiresInDays: 1 } }),
  );
  const token = created.ok ? ((await created.json()) as { token: string }).token : undefined;
  if (!token) {
    record('a token made from the browser', '201', String(created.status), false);
    return;
  }
  const minted = await fetch(`${target.baseUrl}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lavet med et token' }),
  });
  record('a bearer token creating a token', '403', String(minted.status), minted.status === 403);
  const tooLong = await fetch(
    `${target.baseUrl}/api/v1/me/tokens`,
    asBrowser(browser, { method: 'POST', json: { name: 'For evigt', expiresInDays: 3650 } }),
  );
  record('a token valid for ten years', '400', String(tooLong.status), tooLong.status === 400);
  for (const [label, body] of [
    ['without the current password', { newPassword: 'en-helt-ny-og-lang-adgangskode-2026' }],
    ['to twelve spaces', { currentPassword: 'forkert', newPassword: ' '.repeat(12) }],
  ] as const) {
    const change = await fetch(
      `${target.baseUrl}/api/v1/me/password`,
      asBrowser(browser, { method: 'PUT', json: body }),
    );
    record(
      `a password change ${label}`,
      'refused (4xx)',
      String(change.status),
      change.status >= 400 && change.status < 500,
    );
  }
  const revoked = await fetch(`${target.baseUrl}/api/v1/me/tokens`, {
    headers: { authorization: `Bearer ${token}` },
  });
  record('the test token still works after refusals', '200', String(revoked.status), revoked.ok);
}

async function attackLoginThrottle(target: Target) {
  const victim = target.victim;
  if (!victim) {
    record(
      '20 parallel wrong passwords',
      'then the right one refused',
      'no victim account',
      'skipped',
    );
    return;
  }
  const attempt = async (password: string) => {
    const page = await fetch(`${target.baseUrl}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const response = await fetch(`${target.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: cookiesOf(page).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email: victim.email, password, _csrf: csrf }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  const statuses = await Promise.all(Array.from({ length: 20 }, () => attempt('forkert-kode')));
  const accepted = statuses.filter((status) => status === 401).length;
  const correct = await attempt(victim.password);
  record(
    '20 parallel wrong passwords, then the right one',
    'the right one refused (429)',
    `${accepted} × 401, ${20 - accepted} × 429; then ${correct}`,
    correct === 429,
  );
}

async function main(): Promise<void> {
  const target = process.env.HOSTILE_URL
    ? externalTarget(process.env.HOSTILE_URL)
    : await startOwnServer();
  try {
    const browser = target.admin ? await signIn(target, target.admin) : undefined;
    await attackAbortedRequests(target, browser);
    await attackAnonymousSessions(target);
    await attackAnonymousMultipart(target);
    await attackMalformedInput(target, browser);
    await attackBombs(target, browser);
    await attackAccountControls(target, browser);
    // Last: it locks the victim account and, after 20 failures, this address.
    await attackLoginThrottle(target);
    const health = await fetch(`${target.baseUrl}/healthz`).catch(() => undefined);
    record(
      'the server after everything',
      '/healthz 200',
      String(health?.status ?? 'gone'),
      health?.status === 200,
    );
  } finally {
    await target.stop();
  }
  printTable(
    ['attack', 'expected', 'observed', 'held'],
    outcomes.map((outcome) => [
      outcome.attack,
      outcome.expected,
      outcome.observed,
      outcome.held === 'skipped' ? 'skipped' : outcome.held ? 'yes' : 'NO',
    ]),
  );
  const tried = outcomes.filter((outcome) => outcome.held !== 'skipped');
  const held = tried.filter((outcome) => outcome.held === true).length;
  printResult({
    name: 'hostile',
    ratio: tried.length === 0 ? 0 : held / tried.length,
    held,
    tried: tried.length,
  });
  if (held < tried.length) process.exitCode = 1;
}

await main();
