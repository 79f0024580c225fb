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
import { fieldErrorsFrom } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import * as service from './service';
import { createSingleSignOn } from './single-sign-on';
import { ChangePasswordPage, LoginPage } from './views';

const loginBody = z.object({
  email: z.string().max(320).default(''),
  password: z.string().max(1000).default(''),
  [returnToParameter]: z.string().optional(),
});
const loginQuery = z.object({
  [returnToParameter]: z.string().optional(),
  [idleSignOutParameter]: z.string().optional(),
});
const passwordBody = z.object({
  password: z.string().max(1000).default(''),
  repeat: z.string().max(1000).default(''),
});

/** Between sending the browser to the single sign-on provider and its return. */
const oidcPendingCookie = 'dagsorden_oidc';
const oidcPendingPath = '/login/oidc';
const oidcPending = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string().optional(),
});

/** Login, logout and the one-time password change. */
export async function accountPages(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;
  const sso = app.config.oidc ? createSingleSignOn(app.config.oidc) : undefined;
  const ssoName = sso?.displayName;

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/moeder', 303);
    const query = loginQuery.safeParse(request.query);
    const notice =
      query.success && query.data[idleSignOutParameter] !== undefined
        ? da.auth.signedOutIdle
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
      config: { public: true },
    },
    async (request, reply) => {
      const body = loginBody.safeParse(request.body);
      const email = body.success ? body.data.email : '';
      const returnTo = body.success ? safeReturnPath(body.data[returnToParameter]) : undefined;
      try {
        if (!body.success) throw new AppError('INVALID_CREDENTIALS');
        const user = await service.authenticate(db(), { ...body.data, address: request.ip });
        await startSignedInSession(request, {
          userId: user.id,
          passwordChangeRequired: user.mustChangePassword,
        });
        await service.recordLogin(db(), user, request.id);
        return redirectAfterPost(
          reply,
          user.mustChangePassword ? passwordChangePath : (returnTo ?? '/moeder'),
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
  app.get(oidcPendingPath, { config: { public: true } }, async (request, reply) => {
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

  app.get('/login/oidc/callback', { config: { public: true } }, async (request, reply) => {
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
        const signedIn = await service.signInWithSso(tx, identity, request.id);
        await service.recordLogin(tx, signedIn, request.id);
        return signedIn;
      });
      await startSignedInSession(request, { userId: user.id });
      return reply.redirect(safeReturnPath(pending.returnTo) ?? '/moeder', 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'SSO_FAILED' || error.code === 'FORBIDDEN'))
        return showError(error.message, error.status);
      throw error;
    }
  });

  app.post('/logout', { config: { public: true } }, async (request, reply) => {
    await endSession(request, reply);
    return redirectAfterPost(reply, '/login');
  });

  app.get(passwordChangePath, async (request, reply) => {
    requireActor(request);
    return sendHtml(reply, <ChangePasswordPage ctx={pageContext(request, reply)} errors={{}} />);
  });

  app.post(passwordChangePath, async (request, reply) => {
    const actor = requireActor(request);
    const body = passwordBody.parse(request.body ?? {});
    try {
      await inTransaction(db(), (tx) => service.changeOwnPassword({ actor, tx }, body));
    } catch (error) {
      return sendHtml(
        reply,
        <ChangePasswordPage ctx={pageContext(request, reply)} errors={fieldErrorsFrom(error)} />,
        400,
      );
    }
    request.session.passwordChangeRequired = false;
    return redirectAfterPost(reply, '/moeder');
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
