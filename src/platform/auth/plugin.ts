import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession, { type SessionStore } from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import type { Actor } from './policy';

export type AuthOptions = {
  sessionSecret: string;
  sessionStore: SessionStore;
  /** Minutes without a request after which a browser session is signed out. */
  sessionIdleMinutes: number;
  /** The actor for a signed-in session's user id, or undefined when the user is gone. */
  actorForUser(userId: string, requestId: string): Promise<Actor | undefined>;
  /** The actor for a personal API token, or undefined when the token is unknown. */
  actorForToken(token: string, requestId: string): Promise<Actor | undefined>;
};

const sessionMaxAgeMs = 8 * 60 * 60 * 1000;
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
export const passwordChangePath = '/konto/adgangskode';
const passwordChangePaths = new Set([passwordChangePath, '/logout']);
const sessionCookie = 'dagsorden_session';
const csrfCookie = 'dagsorden_csrf';

/** The query parameter that carries where to go after login (no session is kept before it). */
export const returnToParameter = 'tilbage';
/** Set on the login redirect after an idle sign-out, so the login page can say why. */
export const idleSignOutParameter = 'inaktiv';
const longestReturnTo = 2000;

/**
 * Signs requests in (session cookie or bearer token), denies anonymous access to every route
 * whose policy is not `config: { policy: 'public' }`, and checks the CSRF token on state-changing requests
 * that a browser sends with its cookies.
 *
 * Nothing is stored for a visitor who is not signed in: the return target travels in the login
 * URL, and the CSRF secret lives in a signed cookie (bound to the signed-in user), so anonymous
 * traffic cannot grow the sessions table.
 */
async function authPlugin(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const idleMs = options.sessionIdleMinutes * 60 * 1000;
  await app.register(fastifyCookie, { secret: options.sessionSecret });
  await app.register(fastifySession, {
    secret: options.sessionSecret,
    cookieName: sessionCookie,
    store: options.sessionStore,
    saveUninitialized: false,
    // Not rolling: a rolling session is written to the database on every request. A session
    // lasts at most a working day from login, and ends earlier when idle (below).
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: sessionMaxAgeMs, path: '/' },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: csrfCookie,
    cookieOpts: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', signed: true },
    // A token is good only for the user it was made for (or for no user, on the login form).
    csrfOpts: { hmacKey: options.sessionSecret },
    getUserInfo: csrfUserInfo,
    getToken: (request: FastifyRequest) => {
      const header = request.headers['x-csrf-token'];
      if (typeof header === 'string') return header;
      const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
      if (typeof field === 'string') return field;
      // A multipart form's fields arrive as objects with a value.
      const value = (field as { value?: unknown } | undefined)?.value;
      return typeof value === 'string' ? value : undefined;
    },
  });

  app.decorateRequest('actor', undefined);
  app.decorateRequest('isTokenAuthenticated', false);

  /** A new, empty session in place of one that was signed out; unsaved unless it changes. */
  const replaceWithFreshSession = (request: FastifyRequest) =>
    new Promise<void>((resolve, reject) =>
      app.decryptSession('', request, (error?: Error) => (error ? reject(error) : resolve())),
    );

  /**
   * Who the request is, or the reply that answers it instead. A reply sent here ends the
   * request: callers must not go on into the route (see the onRequest hook).
   */
  const signIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<'continue' | 'replied'> => {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== undefined) {
      const actor = bearer ? await options.actorForToken(bearer, request.id) : undefined;
      if (!actor)
        throw new AppError('UNAUTHENTICATED', { message: 'Ugyldigt eller udløbet API-token.' });
      request.actor = actor;
      request.isTokenAuthenticated = true;
      return 'continue';
    }
    let signedOutIdle = false;
    const userId = request.session.userId;
    if (userId !== undefined) {
      signedOutIdle = isIdle(request.session.lastSeenAt, idleMs);
      request.actor = signedOutIdle ? undefined : await options.actorForUser(userId, request.id);
      if (request.actor === undefined) {
        await request.session.destroy();
        await replaceWithFreshSession(request);
      } else keepAlive(request);
    }
    if (request.actor !== undefined && request.session.passwordChangeRequired === true) {
      if (!isPublic(request) && !passwordChangePaths.has(request.url)) {
        if (!wantsHtml(request))
          throw new AppError('FORBIDDEN', { message: 'Skift din engangsadgangskode først.' });
        void reply.redirect(passwordChangePath, 303);
        return 'replied';
      }
    }
    if (request.actor === undefined && !isPublic(request)) {
      if (!wantsHtml(request)) throw new AppError('UNAUTHENTICATED');
      void reply.redirect(loginUrl(request, { signedOutIdle }), 303);
      return 'replied';
    }
    return 'continue';
  };

  // A callback hook, not an async one: an async hook that sends a reply lets Fastify go on into
  // the route while the reply's onSend hooks (the session save) are still running, and the
  // route's second reply then crashes the process when a client has aborted (issue 16).
  app.addHook('onRequest', (request, reply, done) => {
    signIn(request, reply).then(
      (outcome) => {
        if (outcome === 'continue') done();
      },
      (error: unknown) => done(error as Error),
    );
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (safeMethods.has(request.method) || request.isTokenAuthenticated) return done();
    app.csrfProtection(request, reply, done);
  });

  // Pages and API answers for a signed-in user are theirs alone, and a response that sets a
  // cookie (the login form's CSRF secret) is one visitor's: no shared or browser cache keeps
  // them. Public pages and files set their own caching.
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('cache-control')) return;
    if (!isPublic(request) || reply.hasHeader('set-cookie'))
      reply.header('cache-control', 'private, no-store');
  });
}

/**
 * The token of an `Authorization: Bearer …` header: '' when the scheme is Bearer but the token
 * is missing, undefined when there is no header or another scheme (Basic and the like are not
 * ours: they are ignored rather than refused, so a proxy's own credentials never lock a citizen
 * out of the public portal).
 */
function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || !/^Bearer(\s|$)/i.test(authorization)) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? '';
}

/** Whom a CSRF token is for: the signed-in user's id, or the signed-out visitor. */
function csrfUserInfo(request: FastifyRequest): string {
  return request.actor?.kind === 'user' ? request.actor.userId : 'signed-out';
}

/**
 * A CSRF token for a page's forms. None for a request signed in by bearer token: such clients
 * send no cookies, so their forms need no token and they get no cookie.
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.isTokenAuthenticated) return '';
  return reply.generateCsrf({ userInfo: csrfUserInfo(request) });
}

function isIdle(lastSeenAt: number | undefined, idleMs: number): boolean {
  return lastSeenAt !== undefined && Date.now() - lastSeenAt > idleMs;
}

/**
 * Notes the request's time in the session, at most once a minute: every change is a write to
 * the session store, and the idle timeout does not need more precision than that.
 */
function keepAlive(request: FastifyRequest): void {
  const lastSeenAt = request.session.lastSeenAt;
  if (lastSeenAt === undefined || Date.now() - lastSeenAt >= 60_000)
    request.session.lastSeenAt = Date.now();
}

function isPublic(request: FastifyRequest): boolean {
  return request.routeOptions.config.policy === 'public' || request.url.startsWith('/static/');
}

/** The login page, with the page to come back to when it was a page navigation. */
function loginUrl(request: FastifyRequest, options: { signedOutIdle: boolean }): string {
  const query = new URLSearchParams();
  // Only page navigations are worth returning to, not images or scripts the page loads.
  if (request.method === 'GET' && request.headers.accept?.includes('text/html')) {
    const returnTo = safeReturnPath(request.url);
    if (returnTo !== undefined) query.set(returnToParameter, returnTo);
  }
  if (options.signedOutIdle) query.set(idleSignOutParameter, '1');
  const search = query.toString();
  return search === '' ? '/login' : `/login?${search}`;
}

/**
 * A path on this site to send the browser to after login, or undefined. Only a plain absolute
 * path qualifies: `//host`, `/\host` (browsers read a backslash as a slash), schemes and
 * control characters are all refused, so the login can never become an open redirect.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > longestReturnTo) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  if (/[\\\p{Cc}]/u.test(value)) return undefined;
  return value;
}

/**
 * Starts a signed-in session under a new id (a new id at login defeats session fixation). Also
 * called after a password change, which ends every session signed in before it.
 */
export async function startSignedInSession(
  request: FastifyRequest,
  values: { userId: string; passwordChangeRequired?: boolean },
): Promise<void> {
  await request.session.regenerate();
  request.session.userId = values.userId;
  request.session.signedInAt = Date.now();
  request.session.lastSeenAt = Date.now();
  if (values.passwordChangeRequired) request.session.passwordChangeRequired = true;
}

/** Ends the browser's session: the stored row and both cookies. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await request.session.destroy();
  reply.clearCookie(sessionCookie, { path: '/' });
  reply.clearCookie(csrfCookie, { path: '/' });
}

/** Browsers get pages and redirects; API clients get JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  const { url } = request;
  if (url.startsWith('/api/v1/docs')) return true;
  return !url.startsWith('/api/') && url !== '/healthz';
}

export const registerAuth = fp(authPlugin, { name: 'dagsorden-auth' });

/** The signed-in actor; routes call this instead of reading request.actor directly. */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor === undefined) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
