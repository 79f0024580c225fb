import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { wantsHtml } from '../auth/plugin';
import { AppError, errorStatus, type ErrorCode, type ErrorDetail } from '../errors';
import { da } from '../i18n/da';
import type { FieldErrors } from './form';
import { formPageOf, isFormRefusal, redirectWithRefusal } from './form-refusal';
import { sendHtml } from './html';
import { ErrorSummary, Layout, pageContext, type PageContext } from './layout';
import { navigationAbilities } from './navigation';

/** The JSON shape of every API error. */
export type ErrorBody = { error: { code: ErrorCode; message: string; details: ErrorDetail[] } };

/** Turns any thrown error into an AppError: known Fastify and plugin errors keep their meaning. */
export function toAppError(error: unknown, limits?: { uploadMaxBytes: number }): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      field: fieldName(issue.instancePath),
      message: issue.message ?? da.validation.invalidValue,
    }));
    return new AppError('VALIDATION_FAILED', { message: da.errors.VALIDATION_FAILED, details });
  }
  const fastifyError = error as Partial<FastifyError>;
  const code = fastifyError.code ?? '';
  if (code.startsWith('FST_CSRF')) return new AppError('CSRF_INVALID');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (code === 'FST_REQ_FILE_TOO_LARGE' && limits) {
    const message = da.files.tooLarge(limits.uploadMaxBytes);
    return new AppError('PAYLOAD_TOO_LARGE', { message, details: [{ field: 'file', message }] });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status >= 400 && status < 500) {
    return new AppError('VALIDATION_FAILED', {
      details: [{ field: 'request', message: da.validation.invalidValue }],
      cause: error,
    });
  }
  return new AppError('INTERNAL', { cause: error });
}

function fieldName(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || 'request';
}

/** A message safe to show: internals of unexpected errors never reach the client. */
export function publicMessage(error: AppError): string {
  if (error.code === 'INTERNAL' || error.message === error.code) return da.errors[error.code];
  return error.message;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (rawError: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const error = toAppError(rawError, app.config);
    if (error.code === 'INTERNAL') {
      request.log.error({ err: rawError }, 'unexpected error');
    } else {
      request.log.info({ code: error.code, details: error.details }, 'request rejected');
    }
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, new AppError('NOT_FOUND')),
  );
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const status = errorStatus[error.code];
  const message = publicMessage(error);
  if (!wantsHtml(request) || isScriptPost(request)) {
    const body: ErrorBody = { error: { code: error.code, message, details: [...error.details] } };
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  }
  if (isFormRefusal(request, error)) return sendFormRefusal(request, reply, error, status);
  return sendHtml(
    reply,
    <Layout ctx={safePageContext(request, reply)} title={da.errorPage.title}>
      <h1>{da.errorPage.title}</h1>
      <div class="alert alert-error" role="alert">
        <div class="alert-body">
          <p class="alert-text">{message}</p>
          {error.details.length > 0 ? (
            <ul>
              {error.details.map((detail) => (
                <li key={detail.field}>{detail.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      <p>
        {da.errorPage.requestId}: <code>{request.id}</code>
      </p>
      <p>
        <a href="/">{da.errorPage.back}</a>
      </p>
    </Layout>,
    status,
  );
}

/**
 * A page's script posting for JSON (meeting-run.js saving as the user types): it reads the
 * error from the answer; a redirect would leave the reason, and the text, for a later page.
 */
function isScriptPost(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return (
    request.method === 'POST' &&
    accept.includes('application/json') &&
    !accept.includes('text/html')
  );
}

/**
 * A form the service refused goes back to its page with the reason shown there; without a page
 * to go back to (no Referer), a page with the reason and a way back, never the error page with
 * a Fejl-id: nothing went wrong in the system.
 */
function sendFormRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  status: number,
) {
  const message = publicMessage(error);
  const refusal = refusalLines(error, message);
  const formPage = formPageOf(request);
  if (formPage !== undefined)
    return redirectWithRefusal(request, reply, formPage, { message, ...refusal });
  return sendHtml(
    reply,
    <Layout ctx={safePageContext(request, reply)} title={da.formRefusal.title}>
      <h1>{da.formRefusal.title}</h1>
      <ErrorSummary heading={message} messages={refusal.notes} errors={refusal.errors} />
      <p>
        <a href={sectionOf(request.url)}>{da.formRefusal.back}</a>
      </p>
    </Layout>,
    status,
  );
}

/**
 * A refusal's details as field errors, which the form's page shows at their fields and names
 * in its error summary; a detail about the whole request is a line of its own, unless it only
 * repeats the message.
 */
function refusalLines(error: AppError, message: string): { notes: string[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const notes: string[] = [];
  for (const detail of error.details) {
    if (detail.field === 'request' || detail.field === '') {
      if (detail.message !== message) notes.push(detail.message);
    } else errors[detail.field] ??= detail.message;
  }
  return { notes, errors };
}

/** The page a form's URL belongs under: /moeder/<id> for /moeder/<id>/udsend. */
function sectionOf(url: string): string {
  const segments = url.split('?')[0]!.split('/').filter(Boolean);
  return `/${segments.slice(0, 2).join('/')}`;
}

/** Error pages may be rendered before the session exists (e.g. a body that failed to parse). */
function safePageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const tokenless = {
    actor: request.actor,
    csrfToken: '',
    currentPath: request.url,
    navigation: request.actor && navigationAbilities(request.actor),
    accessibilityStatementUrl: request.server.config.accessibilityStatementUrl,
  };
  // Signed out, the error page has no form; a CSRF token would start a session and set a cookie
  // (a 404 on the public portal must not).
  if (request.actor === undefined) return tokenless;
  try {
    return pageContext(request, reply);
  } catch {
    return tokenless;
  }
}
