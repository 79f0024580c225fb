import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { passwordChangePath, requireActor } from '../../platform/auth/plugin';
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
});
const passwordBody = z.object({
  password: z.string().max(1000).default(''),
  repeat: z.string().max(1000).default(''),
});

/** Only relative paths on this site may be returned to after login (no open redirects). */
function safeReturnTo(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/moeder';
}

/** Login, logout and the one-time password change. */
export async function accountPages(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;
  const sso = app.config.oidc ? createSingleSignOn(app.config.oidc) : undefined;
  const ssoName = sso?.displayName;

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/moeder', 303);
    const notice = request.session.signedOutIdle === true ? da.auth.signedOutIdle : undefined;
    return sendHtml(
      reply,
      <LoginPage
        ctx={pageContext(request, reply)}
        email=""
        errors={{}}
        notice={notice}
        ssoName={ssoName}
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
      try {
        if (!body.success) throw new AppError('INVALID_CREDENTIALS');
        const user = await service.authenticate(db(), { ...body.data, address: request.ip });
        const returnTo = safeReturnTo(request.session.returnTo);
        // A new session id at login defeats session fixation.
        await request.session.regenerate();
        request.session.userId = user.id;
        request.session.lastSeenAt = Date.now();
        if (user.mustChangePassword) request.session.passwordChangeRequired = true;
        await service.recordLogin(db(), user, request.id);
        return redirectAfterPost(reply, user.mustChangePassword ? passwordChangePath : returnTo);
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
          />,
          error.status,
        );
      }
    },
  );

  // Single sign-on: OpenID Connect authorization code flow with PKCE (single-sign-on.ts).
  app.get('/login/oidc', { config: { public: true } }, async (request, reply) => {
    if (!sso) throw new AppError('NOT_FOUND');
    const { url, pending } = await sso.start(`${app.config.publicBaseUrl}/login/oidc/callback`);
    request.session.oidcPending = pending;
    return reply.redirect(url, 303);
  });

  app.get('/login/oidc/callback', { config: { public: true } }, async (request, reply) => {
    if (!sso) throw new AppError('NOT_FOUND');
    const pending = request.session.oidcPending;
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
    request.session.oidcPending = undefined;
    try {
      const identity = await sso.finish(new URL(request.url, app.config.publicBaseUrl), pending);
      const user = await inTransaction(db(), async (tx) => {
        const signedIn = await service.signInWithSso(tx, identity, request.id);
        await service.recordLogin(tx, signedIn, request.id);
        return signedIn;
      });
      const returnTo = safeReturnTo(request.session.returnTo);
      // A new session id at login defeats session fixation.
      await request.session.regenerate();
      request.session.userId = user.id;
      request.session.lastSeenAt = Date.now();
      return reply.redirect(returnTo, 303);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'SSO_FAILED' || error.code === 'FORBIDDEN'))
        return showError(error.message, error.status);
      throw error;
    }
  });

  app.post('/logout', { config: { public: true } }, async (request, reply) => {
    await request.session.destroy();
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
