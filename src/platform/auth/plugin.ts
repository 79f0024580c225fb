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

/**
 * Signs requests in (session cookie or bearer token), denies anonymous access to every route
 * not marked `config: { public: true }`, and checks the CSRF token on state-changing requests
 * that a browser sends with the session cookie.
 */
async function authPlugin(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const idleMs = options.sessionIdleMinutes * 60 * 1000;
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: options.sessionSecret,
    cookieName: 'dagsorden_session',
    store: options.sessionStore,
    saveUninitialized: false,
    // Not rolling: a rolling session is written to the database on every request. A session
    // lasts at most a working day from login, and ends earlier when idle (below).
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: sessionMaxAgeMs, path: '/' },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
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

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match?.[1] ? await options.actorForToken(match[1], request.id) : undefined;
      if (!actor)
        throw new AppError('UNAUTHENTICATED', { message: 'Ugyldigt eller udløbet API-token.' });
      request.actor = actor;
      request.isTokenAuthenticated = true;
      return;
    }
    const userId = request.session.userId;
    if (userId !== undefined && isIdle(request.session.lastSeenAt, idleMs)) {
      await request.session.regenerate();
      request.session.signedOutIdle = true;
    } else if (userId !== undefined) {
      request.actor = await options.actorForUser(userId, request.id);
      if (request.actor === undefined) await request.session.destroy();
      else keepAlive(request);
    }
    if (request.actor !== undefined && request.session.passwordChangeRequired === true) {
      if (!isPublic(request) && !passwordChangePaths.has(request.url)) {
        if (wantsHtml(request)) return reply.redirect(passwordChangePath, 303);
        throw new AppError('FORBIDDEN', { message: 'Skift din engangsadgangskode først.' });
      }
    }
    if (request.actor === undefined && !isPublic(request)) {
      if (wantsHtml(request)) {
        // Only page navigations are worth returning to, not images or scripts the page loads.
        if (request.method === 'GET' && request.headers.accept?.includes('text/html')) {
          request.session.returnTo = request.url;
        }
        return reply.redirect('/login', 303);
      }
      throw new AppError('UNAUTHENTICATED');
    }
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (safeMethods.has(request.method) || request.isTokenAuthenticated) return done();
    app.csrfProtection(request, reply, done);
  });
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
  return request.routeOptions.config.public === true || request.url.startsWith('/static/');
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
