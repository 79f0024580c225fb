import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { validationFailed } from './users';

export const tokenPrefix = 'dgs_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How long a new API token lasts: chosen when it is made, 90 days unless said otherwise. */
export const tokenLifetime = { defaultDays: 90, maxDays: 365 } as const;

const tokenInput = z.object({
  name: z
    .string({ error: da.validation.required })
    .trim()
    .min(1, { error: da.validation.required })
    .max(100, { error: da.validation.tooLong(100) }),
  expiresInDays: z
    .number({ error: da.auth.tokens.expiresInDays })
    .int({ error: da.auth.tokens.expiresInDays })
    .min(1, { error: da.auth.tokens.expiresInDays })
    .max(tokenLifetime.maxDays, { error: da.auth.tokens.expiresInDays })
    .default(tokenLifetime.defaultDays),
});

export type TokenInput = z.input<typeof tokenInput>;

function parseTokenInput(input: TokenInput): z.output<typeof tokenInput> {
  const parsed = tokenInput.safeParse(input);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    );
  return parsed.data;
}

async function issueToken(
  { actor, tx }: WriteContext,
  userId: string,
  input: z.output<typeof tokenInput>,
): Promise<{ token: string; row: repo.TokenRow }> {
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  const row = await repo.insertToken(tx, {
    userId,
    tokenHash: hashToken(token),
    name: input.name,
    expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
  });
  await recordAudit(tx, {
    actor,
    action: 'apiToken.create',
    entityType: 'apiToken',
    entityId: row.id,
    after: { userId, name: row.name, expiresAt: row.expiresAt.toISOString() },
  });
  return { token, row };
}

/**
 * Creates an API token for any user (the command line, administrators); the token is returned
 * once, only its hash is kept.
 */
export async function createApiToken({
  actor,
  tx,
  input,
}: WriteContext & {
  input: { email: string; name?: string; expiresInDays?: number };
}): Promise<string> {
  if (!can(actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const parsed = parseTokenInput({ ...input, name: input.name ?? 'API-token' });
  const user = await repo.selectUserByEmail(tx, input.email);
  if (!user) throw new AppError('NOT_FOUND', { message: 'Brugeren findes ikke.' });
  return (await issueToken({ actor, tx }, user.id, parsed)).token;
}

export type OwnToken = Pick<
  repo.TokenRow,
  'id' | 'name' | 'createdAt' | 'expiresAt' | 'lastUsedAt'
>;

const ownToken = ({ id, name, createdAt, expiresAt, lastUsedAt }: repo.TokenRow): OwnToken => ({
  id,
  name,
  createdAt,
  expiresAt,
  lastUsedAt,
});

/**
 * Issues an API token for another user (administrators; an integration, or a member's tablet
 * app, set up by the municipality). The token is returned once; a deactivated user gets none.
 */
export async function issueTokenForUser({
  actor,
  tx,
  userId,
  input,
}: WriteContext & { userId: string; input: TokenInput }): Promise<OwnToken & { token: string }> {
  if (!can(actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const parsed = parseTokenInput(input);
  const user = await repo.selectUserForUpdate(tx, userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (user.deactivatedAt !== null)
    throw new AppError('CONFLICT', { message: da.auth.tokens.userDeactivated });
  const { token, row } = await issueToken({ actor, tx }, userId, parsed);
  return { ...ownToken(row), token };
}

/**
 * Creates a personal API token from a signed-in browser session. A request signed in by a token
 * may not make more: a leaked token must not be able to outlive its own revocation or expiry.
 * The session is checked again under the user's row lock, so a token cannot be made by a session
 * that a password change is ending at the same moment.
 */
export async function createOwnApiToken({
  actor,
  tx,
  input,
}: WriteContext & { input: TokenInput & { sessionId: string | undefined } }): Promise<
  OwnToken & { token: string }
> {
  if (actor.kind !== 'user' || !can(actor, 'token.createOwn')) throw new AppError('FORBIDDEN');
  if (input.sessionId === undefined)
    throw new AppError('FORBIDDEN', { message: da.auth.tokens.sessionRequired });
  const parsed = parseTokenInput(input);
  await repo.selectUserForUpdate(tx, actor.userId);
  const session = (await repo.selectSession(tx, input.sessionId, new Date())) as
    { userId?: unknown } | undefined;
  if (session?.userId !== actor.userId)
    throw new AppError('UNAUTHENTICATED', { message: da.auth.tokens.sessionEnded });
  const { token, row } = await issueToken({ actor, tx }, actor.userId, parsed);
  return { ...ownToken(row), token };
}

/** The signed-in user's API tokens, newest first. */
export async function listOwnApiTokens({ actor, tx }: ServiceContext): Promise<OwnToken[]> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return (await repo.selectTokensOfUser(tx, actor.userId)).map(ownToken);
}

/** Revokes one of the signed-in user's tokens (deletes it); another user's token is not found. */
export async function revokeOwnApiToken({
  actor,
  tx,
  tokenId,
}: WriteContext & { tokenId: string }): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const row = await repo.deleteTokenOfUser(tx, actor.userId, tokenId);
  if (!row) throw new AppError('NOT_FOUND', { message: da.auth.tokens.unknownToken });
  await recordAudit(tx, {
    actor,
    action: 'apiToken.revoke',
    entityType: 'apiToken',
    entityId: row.id,
    before: { userId: row.userId, name: row.name, expiresAt: row.expiresAt.toISOString() },
  });
}
