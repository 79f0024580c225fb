import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** A valid secret, so tests that are not about the secret never write to ./data. */
const secret = 'a'.repeat(32);

/** Calls loadConfig and returns the ConfigError it throws; fails the test if it throws nothing. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({ SESSION_SECRET: secret });
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      publicBaseUrl: 'http://localhost:3000',
      sessionSecret: secret,
      loadDemo: true,
      logLevel: 'info',
      trustProxy: false,
      sessionIdleMinutes: 60,
      uploadMaxBytes: 50 * 1024 * 1024,
      importMaxBytes: 200 * 1024 * 1024,
      llm: undefined,
      mail: { smtpUrl: undefined, from: 'dagsorden@localhost' },
      municipalityCode: undefined,
      accessibilityStatementUrl: 'https://www.was.digst.dk/',
      oidc: undefined,
      blobs: { kind: 'local' },
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
  });

  it('ignores variables it does not know', () => {
    const config = loadConfig({ SESSION_SECRET: secret, PATH: '/usr/bin', port: 'abc' });
    expect(config.port).toBe(3000);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      SESSION_SECRET: secret,
      PORT: '',
      HOST: '',
      DATA_DIR: '',
      DATABASE_URL: '',
      PUBLIC_BASE_URL: '',
      DEMO: '',
      LOG_LEVEL: '',
      TRUST_PROXY: '',
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      publicBaseUrl: 'http://localhost:3000',
      loadDemo: true,
      logLevel: 'info',
      trustProxy: false,
      sessionIdleMinutes: 60,
    });
  });

  it('treats an empty SESSION_SECRET as unset and generates one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dagsorden-config-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: '' });
      expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('single sign-on configuration', () => {
  it('needs issuer, client id and secret together', () => {
    expect(() =>
      loadConfig({ SESSION_SECRET: secret, OIDC_ISSUER: 'https://login.kommune.dk' }),
    ).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three or none/);
    expect(loadConfig({ SESSION_SECRET: secret }).oidc).toBeUndefined();
  });
});

describe('loadConfig overrides', () => {
  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/dagsorden',
      DATABASE_URL: 'postgres://user:pw@db:5432/dagsorden',
      PUBLIC_BASE_URL: 'https://dagsorden.example.dk',
      SESSION_SECRET: secret,
      DEMO: '0',
      LOG_LEVEL: 'debug',
      TRUST_PROXY: '1',
      SESSION_IDLE_MINUTES: '30',
      UPLOAD_MAX_MB: '20',
      IMPORT_MAX_MB: '500',
      LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
      LLM_MODEL: 'llama',
      LLM_API_KEY: 'hemmelig',
      SMTP_URL: 'smtps://bruger:kode@smtp.kommune.dk:465',
      MAIL_FROM: 'Dagsorden <dagsorden@kommune.dk>',
      MUNICIPALITY_CODE: '751',
      ACCESSIBILITY_STATEMENT_URL: 'https://www.was.digst.dk/dagsorden-kommune-dk',
      OIDC_ISSUER: 'https://login.kommune.dk/adfs',
      OIDC_CLIENT_ID: 'dagsorden',
      OIDC_CLIENT_SECRET: 'hemmeligt',
      OIDC_SCOPES: 'openid email profile allatclaims',
      OIDC_ROLE_CLAIM: 'group',
      OIDC_ROLE_MAP: 'DAG-Admin=administrator, DAG-Sekr=secretary,DAG-Laeser=reader',
      OIDC_DEFAULT_ROLE: 'reader',
      OIDC_NAME: 'Kommunens login',
      BLOB_URL:
        's3://AKIA%2Fx:hemmelig%40@dagsorden-bilag/prod/aarhus/?endpoint=https://s3.kommune.dk:9000&region=eu-north-1&forcePathStyle=true',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/dagsorden',
      databaseUrl: 'postgres://user:pw@db:5432/dagsorden',
      publicBaseUrl: 'https://dagsorden.example.dk',
      sessionSecret: secret,
      loadDemo: false,
      logLevel: 'debug',
      trustProxy: true,
      sessionIdleMinutes: 30,
      uploadMaxBytes: 20 * 1024 * 1024,
      importMaxBytes: 500 * 1024 * 1024,
      llm: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'llama', apiKey: 'hemmelig' },
      mail: {
        smtpUrl: 'smtps://bruger:kode@smtp.kommune.dk:465',
        from: 'Dagsorden <dagsorden@kommune.dk>',
      },
      municipalityCode: '751',
      accessibilityStatementUrl: 'https://www.was.digst.dk/dagsorden-kommune-dk',
      oidc: {
        issuer: 'https://login.kommune.dk/adfs',
        clientId: 'dagsorden',
        clientSecret: 'hemmeligt',
        scopes: 'openid email profile allatclaims',
        roleClaim: 'group',
        roleMap: new Map([
          ['DAG-Admin', 'administrator'],
          ['DAG-Sekr', 'secretary'],
          ['DAG-Laeser', 'reader'],
        ]),
        defaultRole: 'reader',
        displayName: 'Kommunens login',
      },
      blobs: {
        kind: 's3',
        bucket: 'dagsorden-bilag',
        prefix: 'prod/aarhus',
        region: 'eu-north-1',
        endpoint: 'https://s3.kommune.dk:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIA/x', secretAccessKey: 'hemmelig@' },
      },
    });
  });

  it('takes an S3 bucket without a prefix, credentials or endpoint, and the region from AWS_REGION', () => {
    const config = loadConfig({
      SESSION_SECRET: secret,
      BLOB_URL: 's3://dagsorden-bilag',
      AWS_REGION: 'eu-central-1',
    });
    expect(config.blobs).toEqual({
      kind: 's3',
      bucket: 'dagsorden-bilag',
      prefix: '',
      region: 'eu-central-1',
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it('resolves a relative DATA_DIR to an absolute path', () => {
    const config = loadConfig({ SESSION_SECRET: secret, DATA_DIR: 'some/dir' });
    expect(config.dataDir).toBe(resolve('some/dir'));
    expect(isAbsolute(config.dataDir)).toBe(true);
  });

  it('accepts postgresql:// as well as postgres://', () => {
    const config = loadConfig({ SESSION_SECRET: secret, DATABASE_URL: 'postgresql://db/x' });
    expect(config.databaseUrl).toBe('postgresql://db/x');
  });

  it('accepts port 0 and 65535', () => {
    expect(loadConfig({ SESSION_SECRET: secret, PORT: '0' }).port).toBe(0);
    expect(loadConfig({ SESSION_SECRET: secret, PORT: '65535' }).port).toBe(65535);
  });

  it('derives the default public URL from HOST and PORT', () => {
    const url = (HOST: string, PORT = '3000'): string =>
      loadConfig({ SESSION_SECRET: secret, HOST, PORT }).publicBaseUrl;
    expect(url('127.0.0.1')).toBe('http://localhost:3000');
    expect(url('0.0.0.0', '8080')).toBe('http://localhost:8080');
    expect(url('::')).toBe('http://localhost:3000');
    expect(url('dagsorden.example.dk', '80')).toBe('http://dagsorden.example.dk:80');
  });

  it('treats a value of only spaces as unset and trims the others', () => {
    const config = loadConfig({ SESSION_SECRET: secret, PORT: ' ', HOST: ' 0.0.0.0 ' });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
  });

  it('puts an IPv6 HOST in brackets in the default public URL', () => {
    expect(loadConfig({ SESSION_SECRET: secret, HOST: '::1' }).publicBaseUrl).toBe(
      'http://localhost:3000',
    );
    expect(loadConfig({ SESSION_SECRET: secret, HOST: 'fd00::5' }).publicBaseUrl).toBe(
      'http://[fd00::5]:3000',
    );
  });

  it('removes trailing slashes from PUBLIC_BASE_URL', () => {
    const url = (PUBLIC_BASE_URL: string): string =>
      loadConfig({ SESSION_SECRET: secret, PUBLIC_BASE_URL }).publicBaseUrl;
    expect(url('https://dagsorden.example.dk/')).toBe('https://dagsorden.example.dk');
    expect(url('https://example.dk/dagsorden//')).toBe('https://example.dk/dagsorden');
    expect(url('http://localhost:8080')).toBe('http://localhost:8080');
  });
});

describe('loadConfig errors', () => {
  it('explains what is wrong with BLOB_URL, with an example', () => {
    const problems: Array<[Record<string, string>, string]> = [
      [{ BLOB_URL: '/var/blobs' }, 'not a URL'],
      [{ BLOB_URL: 'https://bucket/x?region=a' }, 'must be an s3:// URL'],
      [{ BLOB_URL: 's3://Store_Bucket?region=a' }, '"Store_Bucket" is not a bucket name'],
      [{ BLOB_URL: 's3://bilag?region=a&pathStyle=true' }, 'unknown parameter "pathStyle"'],
      [{ BLOB_URL: 's3://bilag?region=a&endpoint=minio:9000' }, 'endpoint must be an http://'],
      [{ BLOB_URL: 's3://bilag?region=a&forcePathStyle=ja' }, 'forcePathStyle must be true or'],
      [{ BLOB_URL: 's3://bilag/x' }, 'needs a region: add ?region=… or set AWS_REGION'],
      [{ BLOB_URL: 's3://KEY@bilag?region=a' }, 'give both the access key id and the secret'],
      [{ BLOB_URL: 's3://bilag/%zz?region=a' }, 'has a malformed %-escape'],
    ];
    for (const [env, message] of problems) {
      const error = configError({ SESSION_SECRET: secret, ...env });
      expect(error.message).toContain(`BLOB_URL: ${message}`);
      expect(error.message).toContain('e.g. s3://BUCKET/PREFIX?region=');
    }
  });

  it('needs a model when a language model endpoint is set', () => {
    const error = configError({ SESSION_SECRET: secret, LLM_BASE_URL: 'http://127.0.0.1:8000/v1' });
    expect(error.message).toContain('LLM_MODEL: must be set when LLM_BASE_URL is');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['DATABASE_URL', 'db.example.dk:5432'],
    ['SESSION_SECRET', 'too-short'],
    ['DEMO', 'yes'],
    ['DEMO', 'true'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['PUBLIC_BASE_URL', 'ftp://example.dk'],
    ['LOG_LEVEL', 'verbose'],
    ['TRUST_PROXY', 'yes'],
    ['SESSION_IDLE_MINUTES', '2'],
    ['OIDC_ROLE_MAP', 'DAG-Admin=king'],
    ['OIDC_DEFAULT_ROLE', 'king'],
    ['UPLOAD_MAX_MB', '0'],
    ['IMPORT_MAX_MB', '0'],
    ['LLM_BASE_URL', 'not a url'],
    ['SMTP_URL', 'http://smtp.kommune.dk'],
    ['SMTP_URL', 'smtp.kommune.dk:25'],
    ['MAIL_FROM', 'not an address'],
    ['MAIL_FROM', 'a@b.dk\r\nBcc: x@y.dk'],
    ['MUNICIPALITY_CODE', '75'],
  ])('rejects %s=%j with a message naming the variable', (name, value) => {
    const error = configError({ SESSION_SECRET: secret, [name]: value });
    expect(error.message).toMatch(/^Invalid configuration:\n/);
    expect(error.message).toContain(`  ${name}: `);
  });

  it('explains what is wrong', () => {
    expect(configError({ SESSION_SECRET: secret, PORT: '70000' }).message).toContain('65535');
    expect(configError({ SESSION_SECRET: secret, DATABASE_URL: 'mysql://x' }).message).toContain(
      'DATABASE_URL: must start with postgres:// or postgresql://',
    );
    expect(configError({ SESSION_SECRET: 'short' }).message).toContain(
      'SESSION_SECRET: must be at least 32 characters',
    );
    const demo = configError({ SESSION_SECRET: secret, DEMO: 'yes' }).message;
    expect(demo).toContain('DEMO:');
    expect(demo).toContain('"0"');
    expect(demo).toContain('"1"');
  });

  it('lists every problem, one line each', () => {
    const error = configError({ PORT: 'abc', DEMO: 'yes', SESSION_SECRET: 'short' });
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1).map((line) => line.trim().split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'DEMO', 'SESSION_SECRET']),
    );
    expect(lines).toHaveLength(4);
  });

  it('is an Error subclass', () => {
    const error = configError({ PORT: 'abc', SESSION_SECRET: secret });
    expect(error).toBeInstanceOf(Error);
  });
});

describe('loadConfig session secret', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dagsorden-config-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates a secret and keeps it in DATA_DIR/session-secret with mode 0600', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);

    const path = join(dataDir, 'session-secret');
    expect(readFileSync(path, 'utf8').trim()).toBe(config.sessionSecret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('returns the same secret on a second load', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });

  it('gives different data directories different secrets', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'dagsorden-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dataDir });
      const other = loadConfig({ DATA_DIR: otherDir });
      expect(other.sessionSecret).not.toBe(first.sessionSecret);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('creates DATA_DIR when it does not exist', () => {
    const nested = join(dataDir, 'not', 'yet');
    const config = loadConfig({ DATA_DIR: nested });
    expect(readFileSync(join(nested, 'session-secret'), 'utf8').trim()).toBe(config.sessionSecret);
  });

  it('reads a secret written earlier, ignoring surrounding whitespace', () => {
    const existing = 'b'.repeat(40);
    writeFileSync(join(dataDir, 'session-secret'), `  ${existing}\n\n`);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(existing);
  });

  it('replaces a stored secret that is too short', () => {
    writeFileSync(join(dataDir, 'session-secret'), 'short\n');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8').trim()).toBe(config.sessionSecret);
  });

  it('uses SESSION_SECRET when set and writes no file', () => {
    const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret });
    expect(config.sessionSecret).toBe(secret);
    expect(() => statSync(join(dataDir, 'session-secret'))).toThrow(/ENOENT/);
  });

  it('surfaces read errors other than a missing file', () => {
    // A directory where the file should be: reading it fails with EISDIR, not ENOENT.
    mkdirSync(join(dataDir, 'session-secret'));
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(/EISDIR/);
  });
});
