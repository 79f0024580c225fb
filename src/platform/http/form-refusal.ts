import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../errors';
import type { FieldErrors } from './form';
import { keepInput, postedTextFields, takeKeptInput, type KeptValues } from './kept-input';

/**
 * A form post the service refused for a reason the user can act on (a missing field, a meeting
 * that is locked, a file of the wrong kind): the user goes back to the page the form was on,
 * which shows what was wrong, instead of the error page, with what they typed back in the
 * fields of the form they posted. The reasons travel in a short-lived signed cookie, read (and
 * cleared) by the next page's pageContext; the typed text is too long for a cookie and waits
 * in kept-input.ts under an id the cookie carries.
 */
export type FormRefusal = {
  message: string;
  /** Reasons that name no field of the form. */
  notes: string[];
  /** Field name → reason, as the service named the fields. */
  errors: FieldErrors;
  /** The path the refused form posted to: the form on the page with this action gets its input back. */
  action: string;
  /** What the user typed, when it could be kept (a signed-in session, no password in the form). */
  values?: KeptValues;
};

const cookieName = 'dagsorden_form_error';
/** Long enough for the redirect, short enough that a stale message never shows later. */
const cookieMaxAgeSeconds = 60;
/**
 * Browsers keep cookies of about 4 kB, counted URL-encoded (a Danish letter is six characters
 * there): longer reasons are cut and the last ones left out to stay below.
 */
const mostEncodedCookie = 3_500;
const longestMessage = 300;
const mostLines = 10;

/** Refusals that concern what was posted; not sign-in, permissions, missing pages or limits. */
const refusalStatuses: ReadonlySet<number> = new Set([400, 409, 410, 413, 415, 422]);

/** A form post from a page (not the JSON API) refused with a user-facing error. */
export function isFormRefusal(request: FastifyRequest, error: AppError): boolean {
  if (request.method !== 'POST' || request.url.startsWith('/api/')) return false;
  // A CSRF refusal is a 403, never among these: it keeps its own error page.
  return refusalStatuses.has(error.status);
}

const pathOf = (url: string) => url.split('?')[0]!;

/**
 * The page the form was posted from, when the browser named one on this site. A form that
 * posts to its own page's address goes back there only when that address is a page (a GET
 * route): after a form re-rendered at a POST-only address, the Referer is that address.
 */
export function formPageOf(request: FastifyRequest): string | undefined {
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    const url = new URL(referer);
    const host = request.headers.host;
    // Parsed alike, so a default port named in one and left out in the other still matches.
    if (host === undefined || url.host !== new URL(`${url.protocol}//${host}`).host)
      return undefined;
    if (url.pathname === pathOf(request.url)) {
      const route = request.routeOptions.url;
      if (route === undefined || !request.server.hasRoute({ method: 'GET', url: route }))
        return undefined;
    }
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/** Whose kept input this is: a signed-in browser session (a token client posts no forms). */
function ownerOf(request: FastifyRequest): string | undefined {
  if (request.actor?.kind !== 'user' || request.isTokenAuthenticated) return undefined;
  return request.session.sessionId;
}

type CookieRefusal = { m: string; n: string[]; e: Array<[string, string]>; a: string; k?: string };

/** The refusal as the cookie holds it, shortened until it fits. */
function cookieText(refusal: Omit<FormRefusal, 'values'>, keptId: string | undefined): string {
  const cut = (text: string) => text.slice(0, longestMessage);
  const shape: CookieRefusal = {
    m: cut(refusal.message),
    n: refusal.notes.slice(0, mostLines).map(cut),
    e: Object.entries(refusal.errors)
      .slice(0, mostLines)
      .map(([field, message]) => [cut(field), cut(message)]),
    a: cut(refusal.action),
    ...(keptId === undefined ? {} : { k: keptId }),
  };
  for (;;) {
    const text = JSON.stringify(shape);
    const lines = shape.n.length + shape.e.length;
    if (encodeURIComponent(text).length <= mostEncodedCookie || lines === 0) return text;
    if (shape.n.length > 0) shape.n.pop();
    else shape.e.pop();
  }
}

/** Sends the user back to the form's page, which will show the refusal once, with their input. */
export function redirectWithRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  to: string,
  refusal: Omit<FormRefusal, 'action' | 'values'>,
): FastifyReply {
  const owner = ownerOf(request);
  const values = owner === undefined ? undefined : postedTextFields(request.body);
  const keptId = owner && values && keepInput(owner, values);
  reply.setCookie(cookieName, cookieText({ ...refusal, action: pathOf(request.url) }, keptId), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: cookieMaxAgeSeconds,
  });
  return reply.redirect(to, 303);
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The refusal the previous form post left for this page, cleared as it is read. */
export function takeFormRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
): FormRefusal | undefined {
  const raw = request.cookies[cookieName];
  if (raw === undefined) return undefined;
  reply.clearCookie(cookieName, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const parsed = JSON.parse(unsigned.value) as Partial<CookieRefusal>;
    if (!isText(parsed.m) || !isText(parsed.a)) return undefined;
    if (!Array.isArray(parsed.n) || !Array.isArray(parsed.e)) return undefined;
    const errors: FieldErrors = {};
    for (const pair of parsed.e) {
      if (Array.isArray(pair) && isText(pair[0]) && isText(pair[1])) errors[pair[0]] ??= pair[1];
    }
    const owner = ownerOf(request);
    const values =
      isText(parsed.k) && owner !== undefined ? takeKeptInput(parsed.k, owner) : undefined;
    return {
      message: parsed.m,
      notes: parsed.n.filter(isText),
      errors,
      action: parsed.a,
      ...(values === undefined ? {} : { values }),
    };
  } catch {
    return undefined;
  }
}
