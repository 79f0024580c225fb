import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { createApiToken, createUser } from '../src/modules/accounts/index';
import { createLocalBlobStore } from '../src/platform/blobs/local-blob-store';
import type { Actor } from '../src/platform/auth/policy';
import type { Role } from '../src/platform/auth/roles';
import type { Config } from '../src/platform/config';
import type { Database } from '../src/platform/db/client';
import { inTransaction } from '../src/platform/db/transaction';
import { openTestDatabase, type TestDatabase } from './database';

export const testPassword = 'korrekt-hest-batteri-haefteklamme';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent-test-data-dir',
    databaseUrl: undefined,
    publicBaseUrl: 'http://localhost:3000',
    sessionSecret: 'test-session-secret-that-is-long-enough-0123456789',
    loadDemo: false,
    logLevel: 'silent',
    trustProxy: false,
    sessionIdleMinutes: 60,
    uploadMaxBytes: 50 * 1024 * 1024,
    importMaxBytes: 200 * 1024 * 1024,
    llm: undefined,
    mail: { smtpUrl: undefined, from: 'dagsorden@test.dk' },
    municipalityCode: undefined,
    accessibilityStatementUrl: 'https://www.was.digst.dk/',
    oidc: undefined,
    blobs: { kind: 'local' },
    ...overrides,
  };
}

const system: Actor = { kind: 'system', label: 'test' };

export type TestUser = { email: string; password: string; token: string; role: Role };

/** Creates a user with a known password and a personal API token. */
export async function createTestUser(
  database: Database,
  role: Role,
  options: { email?: string; personId?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@test.dk`;
  return inTransaction(database.db, async (tx) => {
    await createUser({
      actor: system,
      tx,
      rawInput: {
        email,
        role,
        name: `Test ${role}`,
        password: testPassword,
        personId: options.personId,
      },
    });
    const token = await createApiToken({ actor: system, tx, input: { email } });
    return { email, password: testPassword, token, role };
  });
}

export type TestApp = {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  database: Database;
  /** This app's own DATA_DIR (blobs live under it), removed on close. */
  dataDir: string;
  close(): Promise<void>;
};

/** The real application on a fresh database of the engine under test, optionally with demo data. */
export async function createTestApp(
  options: { demo?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const testDatabase = await openTestDatabase({ demo: options.demo });
  const { database } = testDatabase;
  const dataDir = await mkdtemp(join(tmpdir(), 'dagsorden-test-'));
  if (options.demo) await testDatabase.copyDemoBlobs(join(dataDir, 'blobs'));
  const blobs = createLocalBlobStore(join(dataDir, 'blobs'));
  const app = await buildApp({
    config: testConfig({ dataDir, ...options.config }),
    database,
    blobs,
    logger: false,
  });
  await app.ready();
  return {
    app,
    testDatabase,
    database,
    dataDir,
    async close() {
      await app.close();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Authorization header for a user's API token. */
export function bearer(user: TestUser): Record<string, string> {
  return { authorization: `Bearer ${user.token}` };
}

export type MultipartFile = { field?: string; fileName: string; bytes: Uint8Array; type?: string };

/** A multipart/form-data body as a browser builds it, for app.inject. */
export function multipartBody(
  fields: Record<string, string>,
  files: readonly MultipartFile[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dagsorden${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.fileName}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * A browser-like session: keeps its cookies (the session, the CSRF secret) and finds the CSRF
 * token on the pages it loads.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  private get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    const setCookie = response.headers['set-cookie'];
    const values = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const value of values) {
      const [pair = '', ...attributes] = value.split(';');
      const [name = '', ...rest] = pair.split('=');
      const isCleared = attributes.some((attribute) =>
        /^\s*Expires=Thu, 01 Jan 1970/i.test(attribute),
      );
      if (isCleared) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join('='));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { cookie: this.cookie, accept: 'text/html' },
      }),
    );
  }

  /**
   * Posts a form the way a browser does, with the CSRF token of the last page seen; a list is
   * sent as the same field repeated, as a form of rows is. `from` is the page the form is on
   * (sent as the Referer, as a browser does).
   */
  async post(
    url: string,
    fields: Record<string, string | readonly string[]>,
    options: { withCsrf?: boolean; from?: string; accept?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const form = new URLSearchParams(
      Object.entries(fields).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value]] : value.map((one) => [name, one]),
      ),
    );
    if (options.withCsrf !== false) form.set('_csrf', this.csrfToken);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: this.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          ...(options.from ? { referer: `http://localhost:80${options.from}` } : {}),
          ...(options.accept ? { accept: options.accept } : {}),
        },
        payload: form.toString(),
      }),
    );
  }

  /** Posts a multipart form (file upload) the way a browser does, with the CSRF token. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: readonly MultipartFile[],
  ): Promise<LightMyRequestResponse> {
    const body = multipartBody({ ...fields, _csrf: this.csrfToken }, files);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookie, ...body.headers },
        payload: body.payload,
      }),
    );
  }

  /** The session cookie (`dagsorden_session=…`), or '' before login. */
  get sessionCookie(): string {
    const value = this.cookies.get('dagsorden_session');
    return value === undefined ? '' : `dagsorden_session=${value}`;
  }

  /** Every cookie the browser would send, as a Cookie header. */
  get cookieHeader(): string {
    return this.cookie;
  }
}

/** Signs in through the login form and returns the session. */
export async function signIn(app: FastifyInstance, user: Pick<TestUser, 'email' | 'password'>) {
  const session = new BrowserSession(app);
  await session.get('/login');
  const response = await session.post('/login', { email: user.email, password: user.password });
  if (response.statusCode !== 303) throw new Error(`login failed: ${response.statusCode}`);
  await session.get('/moeder');
  return session;
}
