import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isRole, roles, type Role } from './auth/roles';
import type { S3BlobConfig } from './blobs/s3-blob-store';
import type { LlmConfig } from './llm/chat-completion';

/** Environment variables the system reads, with defaults. Parsed once at start-up. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  IMPORT_MAX_MB: z.coerce.number().positive().max(10240).default(200),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(480).default(60),
  LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an e-mail address, optionally as "Name <address>"',
    )
    .default('dagsorden@localhost'),
  MUNICIPALITY_CODE: z
    .string()
    .regex(/^\d{3}$/, 'must be a three-digit kommunekode')
    .optional(),
  ACCESSIBILITY_STATEMENT_URL: z.url({ protocol: /^https?$/ }).default('https://www.was.digst.dk/'),
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  OIDC_ROLE_MAP: z
    .string()
    .regex(
      /^\s*[^=,]+=(administrator|secretary|case_officer|participant|reader)\s*(,\s*[^=,]+=(administrator|secretary|case_officer|participant|reader)\s*)*$/,
      'must be claim-value=role pairs separated by commas, e.g. "DAG-Admin=administrator,DAG-Sekr=secretary"',
    )
    .optional(),
  OIDC_DEFAULT_ROLE: z.enum(roles).optional(),
  OIDC_NAME: z.string().min(1).default('Single Sign-On'),
  BLOB_URL: z.string().optional(),
  // Read only as BLOB_URL's fallback region, as the AWS SDK itself would.
  AWS_REGION: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicBaseUrl: string;
  sessionSecret: string;
  loadDemo: boolean;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  /** A signed-in browser session without a request for this long is signed out. */
  sessionIdleMinutes: number;
  /** The largest file (bilag, Word import) accepted, in bytes. */
  uploadMaxBytes: number;
  /** The largest export read by an import (one file, or a zip's unpacked total), in bytes. */
  importMaxBytes: number;
  /** An OpenAI-compatible endpoint that writes cover drafts; off (undefined) by default. */
  llm: LlmConfig | undefined;
  /** Outgoing mail: without an SMTP URL mails are written to the log instead of sent. */
  mail: { smtpUrl: string | undefined; from: string };
  /** The Danish kommunekode (e.g. "751" for Aarhus), shown in OParl; none by default. */
  municipalityCode: string | undefined;
  /** The web accessibility statement (tilgængelighedserklæring) linked from every page's footer. */
  accessibilityStatementUrl: string;
  /** Single sign-on through an OpenID Connect provider; off (undefined) unless OIDC_ISSUER is set. */
  oidc: OidcConfig | undefined;
  /** Where file contents live: DATA_DIR/blobs, or S3-compatible storage (BLOB_URL). */
  blobs: BlobConfig;
  /**
   * Whether the workers and timers of background.ts run (default). Tests that check what a
   * worker does turn them off and call it, so that no timer decides when the work happens.
   */
  backgroundWork?: boolean;
};

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The claim (in the ID token or from userinfo) that names the user's groups or roles. */
  roleClaim: string;
  /** Claim value → role. A user whose values map to several roles gets the one that may do most. */
  roleMap: ReadonlyMap<string, Role>;
  /** The role of a user none of whose values map; without one such users are refused. */
  defaultRole: Role | undefined;
  /** The provider's name on the login button, e.g. "Aarhus Kommune (AD FS)". */
  displayName: string;
};

export type BlobConfig = { kind: 'local' } | ({ kind: 's3' } & S3BlobConfig);

export class ConfigError extends Error {}

/** Parses and validates the environment; throws ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing (or only spaces) counts as unset, so it gets its default.
  const present = Object.fromEntries(
    Object.entries(env)
      .filter(
        ([key, value]) =>
          key in environmentSchema.shape && value !== undefined && value.trim() !== '',
      )
      .map(([key, value]) => [key, value?.trim()]),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (values.LLM_BASE_URL !== undefined && values.LLM_MODEL === undefined) {
    throw new ConfigError('Invalid configuration:\n  LLM_MODEL: must be set when LLM_BASE_URL is');
  }
  const oidcSet = [values.OIDC_ISSUER, values.OIDC_CLIENT_ID, values.OIDC_CLIENT_SECRET].filter(
    (value) => value !== undefined,
  ).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three or none',
    );
  }
  const dataDir = resolve(values.DATA_DIR);
  const blobs =
    values.BLOB_URL === undefined
      ? { kind: 'local' as const }
      : { kind: 's3' as const, ...parseBlobUrl(values.BLOB_URL, values.AWS_REGION) };
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    publicBaseUrl: (
      values.PUBLIC_BASE_URL ?? `http://${displayHost(values.HOST)}:${values.PORT}`
    ).replace(/\/+$/, ''),
    sessionSecret: values.SESSION_SECRET ?? readOrCreateSessionSecret(dataDir),
    loadDemo: values.DEMO === '1',
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY === '1',
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    uploadMaxBytes: Math.round(values.UPLOAD_MAX_MB * 1024 * 1024),
    importMaxBytes: Math.round(values.IMPORT_MAX_MB * 1024 * 1024),
    llm:
      values.LLM_BASE_URL && values.LLM_MODEL
        ? { baseUrl: values.LLM_BASE_URL, model: values.LLM_MODEL, apiKey: values.LLM_API_KEY }
        : undefined,
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM },
    municipalityCode: values.MUNICIPALITY_CODE,
    accessibilityStatementUrl: values.ACCESSIBILITY_STATEMENT_URL,
    oidc:
      values.OIDC_ISSUER && values.OIDC_CLIENT_ID && values.OIDC_CLIENT_SECRET
        ? {
            issuer: values.OIDC_ISSUER,
            clientId: values.OIDC_CLIENT_ID,
            clientSecret: values.OIDC_CLIENT_SECRET,
            scopes: values.OIDC_SCOPES,
            roleClaim: values.OIDC_ROLE_CLAIM,
            roleMap: parseRoleMap(values.OIDC_ROLE_MAP ?? ''),
            defaultRole: values.OIDC_DEFAULT_ROLE,
            displayName: values.OIDC_NAME,
          }
        : undefined,
    blobs,
  };
}

const blobUrlExample =
  's3://BUCKET/PREFIX?region=eu-north-1 (and &endpoint=https://…&forcePathStyle=true for S3-compatible storage)';
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const blobUrlParameters = new Set(['region', 'endpoint', 'forcePathStyle']);

/** BLOB_URL → where the S3 blob store writes; every mistake is named, with an example. */
function parseBlobUrl(value: string, fallbackRegion: string | undefined): S3BlobConfig {
  const invalid = (problem: string) =>
    new ConfigError(`Invalid configuration:\n  BLOB_URL: ${problem}; e.g. ${blobUrlExample}`);
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw invalid('has a malformed %-escape');
    }
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('not a URL');
  }
  if (url.protocol !== 's3:') throw invalid('must be an s3:// URL');
  const bucket = url.hostname;
  if (!bucketPattern.test(bucket) || url.port !== '')
    throw invalid(`"${bucket}" is not a bucket name (3–63 of a–z, 0–9, "." and "-")`);
  for (const name of url.searchParams.keys()) {
    if (!blobUrlParameters.has(name))
      throw invalid(`unknown parameter "${name}" (known: ${[...blobUrlParameters].join(', ')})`);
  }
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !z.url({ protocol: /^https?$/ }).safeParse(endpoint).success)
    throw invalid('endpoint must be an http:// or https:// URL');
  const forcePathStyle = url.searchParams.get('forcePathStyle') ?? 'false';
  if (forcePathStyle !== 'true' && forcePathStyle !== 'false')
    throw invalid('forcePathStyle must be true or false');
  const region = url.searchParams.get('region') ?? fallbackRegion;
  if (region === undefined || region === '')
    throw invalid('needs a region: add ?region=… or set AWS_REGION');
  if ((url.username === '') !== (url.password === ''))
    throw invalid(
      'give both the access key id and the secret key (s3://KEY:SECRET@bucket), or neither',
    );
  return {
    bucket,
    prefix: decode(url.pathname).replace(/^\/+|\/+$/g, ''),
    region,
    endpoint,
    forcePathStyle: forcePathStyle === 'true',
    credentials:
      url.username === ''
        ? undefined
        : {
            accessKeyId: decode(url.username),
            secretAccessKey: decode(url.password),
          },
  };
}

function parseRoleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of text.split(',')) {
    const [value, role] = pair.split('=').map((part) => part.trim());
    if (value && role && isRole(role)) map.set(value, role);
  }
  return map;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '127.0.0.1' || host === '::' || host === '::1')
    return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** A generated secret is kept in DATA_DIR so sessions survive restarts. */
function readOrCreateSessionSecret(dataDir: string): string {
  const path = join(dataDir, 'session-secret');
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
