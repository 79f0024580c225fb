import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  endSession,
  idleSignOutParameter,
  passwordChangePath,
  requireActor,
  returnToParameter,
  safeReturnPath,
  startSignedInSession,
} from '../../platform/auth/plugin';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import {
  fieldErrorsFrom,
  formValue,
  parseForm,
  pathId,
  type FieldErrors,
} from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { apiHelpPath, pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { readAs, writeAs } from '../../platform/http/service-call';
import {
  listOwnApiTokens,
  tokenLifetime,
  createOwnApiToken,
  revokeOwnApiToken,
} from './api-tokens';
import { changeOwnPassword } from './password-change';
import { getOwnAccount } from './users';
import { authenticate, recordLogin, signInWithSso } from './sign-in';
import { createSingleSignOn } from './single-sign-on';
import { ApiHelpPage } from './api-help-page';
import { AccountPage, ChangePasswordPage, LoginPage, TokensPage } from './views';

const loginBody = z.object({
  email: z.string().max(320).default(''),
  password: z.string().max(1000).default(''),
  [returnToParameter]: z.string().optional(),
});
const loginQuery = z.object({
  [returnToParameter]: z.string().optional(),
  [idleSignOutParameter]: z.string().optional(),
  /** Set by the invitation page once the password is chosen. */
  invitation: z.string().optional(),
});
const passwordBody = z.object({
  currentPassword: formValue,
  password: formValue,
  repeat: formValue,
});
const tokenBody = z.object({ name: formValue, expiresInDays: formValue });
const accountQuery = z.object({ adgangskode: z.string().optional() });

/** Where the account page says the password was changed (post/redirect/get keeps no state). */
const passwordChangedPath = '/konto?adgangskode=skiftet';

/**
 * Signed in with a one-time password in this browser session: the one state in which the
 * password change does not ask for the current password (see service.changeOwnPassword).
 */
const isOneTimeChange = (request: FastifyRequest) =>
  !request.isTokenAuthenticated && request.session.passwordChangeRequired === true;

/** The browser session to check a new token against; none for a request signed in by token. */
const browserSessionId = (request: FastifyRequest) =>
  request.isTokenAuthenticated ? undefined : request.session.sessionId;

/** Between sending the browser to the single sign-on provider and its return. */
const oidcPendingCookie = 'dagsorden_oidc';
const oidcPendingPath = '/login/oidc';
const oidcPending = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string().optional(),
});

/** Login, logout, the account page, the password change and personal API tokens. */
export async function accountPages(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;
  const sso = app.config.oidc ? createSingleSignOn(app.config.oidc) : undefined;
  const ssoName = sso?.displayName;

  app.get('/login', { config: { policy: 'public' } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/', 303);
    const query = loginQuery.safeParse(request.query);
    const notice = !query.success
      ? undefined
      : query.data[idleSignOutParameter] !== undefined
        ? da.auth.signedOutIdle
        : query.data.invitation === 'accepteret'
          ? da.userAdmin.accepted
          : undefined;
    return sendHtml(
      reply,
      <LoginPage
        ctx={pageContext(request, reply)}
        email=""
        errors={{}}
        notice={notice}
        ssoName={ssoName}
        returnTo={query.success ? safeReturnPath(query.data[returnToParameter]) : undefined}
      />,
    );
  });

  app.post(
    '/login',
    {
      // Throttled per account and per address in the service, shared by every app instance.
      config: { policy: 'public' },
    },
    async (request, reply) => {
      const body = loginBody.safeParse(request.body);
      const email = body.success ? body.data.email : '';
      const returnTo = body.success ? safeReturnPath(body.data[returnToParameter]) : undefined;
      try {
        if (!body.success) throw new AppError('INVALID_CREDENTIALS');
        const user = await authenticate(db(), { ...body.data, address: request.ip });
        await startSignedInSession(request, {
          userId: user.id,
          passwordChangeRequired: user.mustChangePassword,
        });
        await inTransaction(db(), (tx) => recordLogin(tx, user, request.id));
        return redirectAfterPost(
          reply,
          user.mustChangePassword ? passwordChangePath : (returnTo ?? '/'),
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code !== 'INVALID_CREDENTIALS' && error.code !== 'RATE_LIMITED') throw error;
        return sendHtml(
          reply,
          <LoginPage
            ctx={pageContext(request, reply)}
            email={email}
            errors={{ form: error.message === error.code ? da.errors[error.code] : error.message }}
            ssoName={ssoName}
            returnTo={returnTo}
          />,
          error.status,
        );
      }
    },
  );

  // Single sign-on: OpenID Connect authorization code flow with PKCE (single-sign-on.ts). What
  // the callback must check is kept in a short-lived signed cookie, not a session: nothing is
  // stored for a visitor before they are signed in.
  app.get(oidcPendingPath, { config: { policy: 'public' } }, async (request, reply) => {
    if (!sso) throw new AppError('NOT_FOUND');
    const query = loginQuery.safeParse(request.query);
    const returnTo = query.success ? safeReturnPath(query.data[returnToParameter]) : undefined;
    const { url, pending } = await sso.start(`${app.config.publicBaseUrl}/login/oidc/callback`);
    reply.setCookie(oidcPendingCookie, JSON.stringify({ ...pending, returnTo }), {
      signed: true,
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET, which carries it.
      sameSite: 'lax',
      secure: 'auto',
      path: oidcPendingPath,
      maxAge: 10 * 60,
    });
    return reply.redirect(url, 303);
  });

  app.get('/login/oidc/callback', { config: { policy: 'public' } }, async (request, reply) => {
    if (!sso) throw new AppError('NOT_FOUND');
    const pending = readOidcPending(request);
    reply.clearCookie(oidcPendingCookie, { path: oidcPendingPath });
    const showError = (message: string, status: number) =>
      sendHtml(
        reply,
        <LoginPage
          ctx={pageContext(request, reply)}
          email=""
          errors={{ form: message }}
          ssoName={ssoName}
        />,
        status,
      );
    if (!pending) return showError(da.auth.ssoExpired, 400);
    try {
      const identity = await sso.finish(new URL(request.url, app.config.publicBaseUrl), pending);
      const user = await inTransaction(db(), async (tx) => {
        const signedIn = await signInWithSso(tx, identity, request.id);
        await recordLogin(tx, signedIn, request.id);
        return signedIn;
      });
      await startSignedInSession(request, { userId: user.id });
      return reply.redirect(safeReturnPath(pending.returnTo) ?? '/', 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'SSO_FAILED' || error.code === 'FORBIDDEN'))
        return showError(error.message, error.status);
      throw error;
    }
  });

  app.post('/logout', { config: { policy: 'public' } }, async (request, reply) => {
    await endSession(request, reply);
    return redirectAfterPost(reply, '/login');
  });

  app.get('/konto', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const account = await getOwnAccount(readAs(request));
    const query = accountQuery.safeParse(request.query);
    return sendHtml(
      reply,
      <AccountPage
        ctx={pageContext(request, reply)}
        account={account}
        notice={
          query.success && query.data.adgangskode === 'skiftet'
            ? da.auth.passwordChanged
            : undefined
        }
      />,
    );
  });

  app.get(passwordChangePath, { config: { policy: 'signedIn' } }, async (request, reply) => {
    requireActor(request);
    return sendHtml(
      reply,
      <ChangePasswordPage
        ctx={pageContext(request, reply)}
        errors={{}}
        isOneTime={isOneTimeChange(request)}
      />,
    );
  });

  app.post(passwordChangePath, { config: { policy: 'signedIn' } }, async (request, reply) => {
    const actor = requireActor(request);
    const form = parseForm(passwordBody, request.body);
    const body = form.ok ? form.data : { currentPassword: '', password: '', repeat: '' };
    const isOneTime = isOneTimeChange(request);
    const showErrors = (errors: FieldErrors, status: number) =>
      sendHtml(
        reply,
        <ChangePasswordPage
          ctx={pageContext(request, reply)}
          errors={errors}
          isOneTime={isOneTime}
        />,
        status,
      );
    try {
      await changeOwnPassword(
        { actor, db: db() },
        {
          currentPassword: body.currentPassword,
          newPassword: body.password,
          repeat: body.repeat,
          isOneTimeChange: isOneTime,
          address: request.ip,
        },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'RATE_LIMITED')
        return showErrors({ form: error.message }, error.status);
      return showErrors(fieldErrorsFrom(error, { newPassword: 'password' }), 400);
    }
    // Every session of the user has ended; this browser goes on in a new one.
    if (!request.isTokenAuthenticated && actor.kind === 'user')
      await startSignedInSession(request, { userId: actor.userId });
    return redirectAfterPost(reply, isOneTime ? '/' : passwordChangedPath);
  });

  app.get(apiHelpPath, { config: { policy: 'signedIn' } }, async (request, reply) => {
    requireActor(request);
    return sendHtml(reply, <ApiHelpPage ctx={pageContext(request, reply)} />);
  });

  app.get('/konto/tokens', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const tokens = await listOwnApiTokens(readAs(request));
    return sendHtml(
      reply,
      <TokensPage
        ctx={pageContext(request, reply)}
        tokens={tokens}
        canCreate={!request.isTokenAuthenticated}
        errors={{}}
        values={{ name: '', expiresInDays: String(tokenLifetime.defaultDays) }}
      />,
    );
  });

  // Answered with the page itself rather than a redirect: the token is stored only as a hash,
  // so this response is the one place it can be shown (as on /kalender).
  app.post('/konto/tokens', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const form = parseForm(tokenBody, request.body);
    const values = form.ok ? form.data : { name: '', expiresInDays: '' };
    const expiresInDays = /^\d{1,4}$/.test(values.expiresInDays)
      ? Number(values.expiresInDays)
      : Number.NaN;
    try {
      const created = await writeAs(request, (ctx) =>
        createOwnApiToken({
          ...ctx,
          input: {
            name: values.name,
            expiresInDays,
            sessionId: browserSessionId(request),
          },
        }),
      );
      const tokens = await listOwnApiTokens(readAs(request));
      reply.header('cache-control', 'no-store');
      return sendHtml(
        reply,
        <TokensPage
          ctx={pageContext(request, reply)}
          tokens={tokens}
          canCreate
          errors={{}}
          values={{ name: '', expiresInDays: String(tokenLifetime.defaultDays) }}
          created={created}
        />,
      );
    } catch (error) {
      const errors = fieldErrorsFrom(error);
      const tokens = await listOwnApiTokens(readAs(request));
      return sendHtml(
        reply,
        <TokensPage
          ctx={pageContext(request, reply)}
          tokens={tokens}
          canCreate
          errors={errors}
          values={values}
        />,
        400,
      );
    }
  });

  app.post('/konto/tokens/:id/slet', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const tokenId = pathId(request.params);
    await writeAs(request, (ctx) => revokeOwnApiToken({ ...ctx, tokenId }));
    return redirectAfterPost(reply, '/konto/tokens');
  });
}

/** The single sign-on attempt this browser started, if its signed cookie is intact. */
function readOidcPending(request: FastifyRequest): z.infer<typeof oidcPending> | undefined {
  const raw = request.cookies[oidcPendingCookie];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const parsed = oidcPending.safeParse(JSON.parse(unsigned.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
