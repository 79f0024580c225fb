import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../errors';

/**
 * A form post the service refused for a reason the user can act on (a missing field, a meeting
 * that is locked, a file of the wrong kind): the user goes back to the page the form was on,
 * which shows what was wrong, instead of the error page. The message travels in a short-lived
 * signed cookie, read (and cleared) by the next page's pageContext.
 */
export type FormRefusal = { message: string; details: string[] };

const cookieName = 'dagsorden_form_error';
/** Long enough for the redirect, short enough that a stale message never shows later. */
const cookieMaxAgeSeconds = 60;
/** Cookies are limited to about 4 kB; a longer message is cut. */
const maxCookieText = 2_000;

/** Refusals that concern what was posted; not sign-in, permissions, missing pages or limits. */
const refusalStatuses: ReadonlySet<number> = new Set([400, 409, 410, 413, 415, 422]);

/** A form post from a page (not the JSON API) refused with a user-facing error. */
export function isFormRefusal(request: FastifyRequest, error: AppError): boolean {
  if (request.method !== 'POST' || request.url.startsWith('/api/')) return false;
  // A CSRF refusal is a 403, never among these: it keeps its own error page.
  return refusalStatuses.has(error.status);
}

/** The page the form was posted from, when the browser named one on this site (not the post itself). */
export function formPageOf(request: FastifyRequest): string | undefined {
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    const url = new URL(referer);
    const host = request.headers.host;
    // Parsed alike, so a default port named in one and left out in the other still matches.
    if (host === undefined || url.host !== new URL(`${url.protocol}//${host}`).host)
      return undefined;
    const path = `${url.pathname}${url.search}`;
    return url.pathname === request.url.split('?')[0] ? undefined : path;
  } catch {
    return undefined;
  }
}

/** Sends the user back to the form's page, which will show the refusal once. */
export function redirectWithRefusal(
  reply: FastifyReply,
  to: string,
  refusal: FormRefusal,
): FastifyReply {
  const text = JSON.stringify({
    message: refusal.message.slice(0, maxCookieText),
    details: refusal.details.map((detail) => detail.slice(0, maxCookieText)).slice(0, 10),
  });
  reply.setCookie(cookieName, text, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: cookieMaxAgeSeconds,
  });
  return reply.redirect(to, 303);
}

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
    const parsed = JSON.parse(unsigned.value) as Partial<FormRefusal>;
    if (typeof parsed.message !== 'string' || !Array.isArray(parsed.details)) return undefined;
    return {
      message: parsed.message,
      details: parsed.details.filter((detail): detail is string => typeof detail === 'string'),
    };
  } catch {
    return undefined;
  }
}
